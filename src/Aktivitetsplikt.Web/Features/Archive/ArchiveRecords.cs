using System.Security.Cryptography;
using System.Text;
using Aktivitetsplikt.Domain.Audit;
using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Features.Documents;
using Aktivitetsplikt.Web.Infrastructure;

namespace Aktivitetsplikt.Web.Features.Archive;

/// <summary>
/// What a record source sees of one closed case: the entity (read only), its documents' data, the audit chain's state, who
/// exports and when, and the bytes of every attachment that is not withdrawn (by its id).
/// </summary>
public sealed record ArchiveCaseContext(Case Case, CaseDocumentData Data, ChainVerification Chain, Actor ExportedBy, DateTime ExportedAtUtc,
    IReadOnlyDictionary<Guid, byte[]> AttachmentBytes);

/// <summary>How a record is registered in Noark 5: a journal entry with a document going out, one kept inside the school, or a plain registration.</summary>
public enum ArchiveRecordType
{
    /// <summary>journalpost, journalposttype "Utgående dokument" (the plan handed to the pupil and parents).</summary>
    OutgoingDocument,
    /// <summary>journalpost, "Organinternt dokument uten oppfølging" (the school's own documentation).</summary>
    InternalDocument,
    /// <summary>registrering without a document: a key step of the case history, its text in beskrivelse.</summary>
    Registration,
}

/// <summary>
/// A document of a record. <see cref="Docx"/>, when given, is converted to PDF/A for the archive (the variant in arkivformat);
/// <see cref="Original"/>, when given, goes into the package as it is (an attachment: its SHA-256 on the timeline must match
/// the file in the archive). An attachment is a <see cref="IsAttachment"/> document of its record (tilknyttetRegistreringSom
/// "Vedlegg"); a generated document is the record's main document.
/// </summary>
public sealed record ArchiveDocument(string Title, string DocumentType, string FileStem, byte[]? Docx, DateTime CreatedAtUtc, string CreatedBy,
    bool IsAttachment = false, KeptFile? Original = null);

/// <summary>A file kept as it was given, with what the package says of its format (<see cref="ArchiveFormats"/>).</summary>
public sealed record KeptFile(byte[] Bytes, string Extension, string Format, string FormatDetails, bool IsArchiveFormat);

/// <summary>One registrering of a case's mappe. <see cref="Key"/> is stable for the same record, so a re-run gives it the same systemID.</summary>
public sealed record ArchiveRecord(string Key, ArchiveRecordType Type, string Title, string? Description, DateTime CreatedAtUtc, string CreatedBy,
    IReadOnlyList<ArchiveDocument> Documents);

/// <summary>
/// One kind of record a closed case contributes to the archive package. The package is every source's records, in
/// <see cref="Order"/>, per case; a new kind (attachments, meetings, necessity records) is one more source registered in
/// <see cref="ArchiveRegistration"/>.
/// </summary>
public interface IArchiveRecordSource
{
    int Order { get; }

    IEnumerable<ArchiveRecord> Records(ArchiveCaseContext context);
}

/// <summary>Every plan version, as the .docx the family and the archive get (the school's copy: nobody masked).</summary>
public sealed class PlanVersionsSource(UiText text) : IArchiveRecordSource
{
    public int Order => 10;

    public IEnumerable<ArchiveRecord> Records(ArchiveCaseContext context)
    {
        var data = context.Data;
        foreach (var plan in data.Plans)
        {
            var model = new PlanDocumentModel(data.CaseId, data.CaseNumber, data.SchoolName, data.PupilName, data.PupilGroup, plan, false, data.Sender);
            var title = text.Format("Archive.Record.Plan", plan.Version);
            yield return new ArchiveRecord($"plan-{plan.Version}", ArchiveRecordType.OutgoingDocument, title, plan.ChangeSummary, plan.AdoptedAtUtc,
                plan.AdoptedByName,
                [new ArchiveDocument(title, "Aktivitetsplan", $"aktivitetsplan-v{plan.Version}", PlanDocument.Build(model, text, context.ExportedAtUtc),
                    plan.AdoptedAtUtc, plan.AdoptedByName)]);
        }
    }
}

/// <summary>The case documentation (§ 12-4 fourth paragraph): every entry, plan version, evaluation and the audit chain's state, as the county governor gets it.</summary>
public sealed class CaseDocumentationSource(UiText text) : IArchiveRecordSource
{
    public int Order => 20;

    public IEnumerable<ArchiveRecord> Records(ArchiveCaseContext context)
    {
        var title = text["Archive.Record.Documentation"];
        var closedAt = context.Case.ClosedAtUtc ?? context.Case.UpdatedAtUtc;
        var closedBy = context.Case.Entries.LastOrDefault(e => e.StateAfter == CaseState.Closed)?.ActorName ?? context.ExportedBy.Name;
        yield return new ArchiveRecord("documentation", ArchiveRecordType.InternalDocument, title, null, closedAt, closedBy,
            [new ArchiveDocument(title, "Saksdokumentasjon", "dokumentasjon",
                CaseBundleDocument.Build(context.Data, context.Chain, context.ExportedBy, context.ExportedAtUtc, text), closedAt, closedBy),
            .. Attachments(context)]);
    }

    /// <summary>
    /// The files the documentation's attachment index lists, not withdrawn, as its attachments (Vedlegg): each kept as it
    /// was given, and a Word document also converted to PDF/A (ADR 020).
    /// </summary>
    private static IEnumerable<ArchiveDocument> Attachments(ArchiveCaseContext context) =>
        context.Data.Attachments.Where(a => !a.IsWithdrawn).Select(a =>
        {
            var bytes = context.AttachmentBytes[a.Id];
            var stem = $"vedlegg-{ArchiveFormats.SafeStem(Path.GetFileNameWithoutExtension(a.FileName))}";
            return new ArchiveDocument(a.FileName, "Vedlegg", stem, a.Kind == AttachmentKind.Docx ? bytes : null, a.AddedAtUtc, a.AddedByName,
                IsAttachment: true, Original: ArchiveFormats.Identify(bytes, a.Kind));
        });
}

/// <summary>The key steps of the case history as registrations of their own, so the archive's journal shows the case's course without opening a document.</summary>
public sealed class KeyEntriesSource(UiText text) : IArchiveRecordSource
{
    public static readonly IReadOnlySet<EntryKind> KeyKinds = new HashSet<EntryKind>
    {
        EntryKind.ConcernLogged, EntryKind.PrincipalNotified, EntryKind.SchoolOwnerNotified, EntryKind.EmployeeSuspicionReported,
        EntryKind.InvestigationStarted, EntryKind.Evaluation, EntryKind.Escalated, EntryKind.CountyGovernorCase, EntryKind.CountyGovernorDecision,
        EntryKind.PupilLeftSchool, EntryKind.Closed, EntryKind.Reopened,
    };

    public int Order => 30;

    public IEnumerable<ArchiveRecord> Records(ArchiveCaseContext context) =>
        context.Case.Entries.Where(e => KeyKinds.Contains(e.Kind)).Select(e => new ArchiveRecord(
            $"entry-{e.Sequence}", ArchiveRecordType.Registration, $"{text.Enum(e.Kind)} ({e.Sequence})",
            string.IsNullOrWhiteSpace(e.Text) ? null : XmlSafeText.Clean(e.Text), e.RecordedAtUtc, e.ActorName, []));
}

/// <summary>The archive's services; a new kind of record (attachments, meetings, necessity records) adds one line here.</summary>
public static class ArchiveRegistration
{
    public static IServiceCollection AddArchiveExport(this IServiceCollection services)
    {
        services.AddOptions<ArchiveOptions>();
        services.AddSingleton(provider => provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<ArchiveOptions>>().Value);
        services.AddSingleton<PdfAConverter>();
        return services
            .AddScoped<IArchiveRecordSource, PlanVersionsSource>()
            .AddScoped<IArchiveRecordSource, CaseDocumentationSource>()
            .AddScoped<IArchiveRecordSource, KeyEntriesSource>();
    }

    /// <summary>Program: the Archive section of the configuration, and the package folder under the data folder unless configured.</summary>
    public static IServiceCollection ConfigureArchive(this IServiceCollection services, IConfiguration configuration, string dataFolder) =>
        services.Configure<ArchiveOptions>(options =>
        {
            configuration.GetSection("Archive").Bind(options);
            options.Folder ??= Path.Combine(dataFolder, "arkivuttrekk");
        });
}

/// <summary>
/// <c>Archive:Folder</c> (default <c>arkivuttrekk</c> in the data folder), <c>Archive:RetentionYearsAfterClosing</c> (the
/// school owner's retention rule, default 10; the retention view lists closed cases past it, nothing is deleted),
/// <c>Archive:SofficePath</c> (default /usr/bin/soffice) and <c>Archive:ConversionTimeoutSeconds</c> (120, plus 5 a document).
/// </summary>
public sealed class ArchiveOptions
{
    public string? Folder { get; set; }
    public int RetentionYearsAfterClosing { get; set; } = 10;
    public string SofficePath { get; set; } = "/usr/bin/soffice";
    public int ConversionTimeoutSeconds { get; set; } = 120;

    /// <summary>The folder packages are written to; without a data folder (tools, tests) one in the temp folder.</summary>
    public string PackageRoot => Folder ?? Path.Combine(Path.GetTempPath(), "aktivitetsplikt-arkivuttrekk");
}

/// <summary>Stable identifiers: the same record of the same case gets the same systemID in every run.</summary>
public static class SystemIds
{
    public static Guid For(params object[] parts)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("|", parts)));
        var bytes = hash[..16];
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x50); // version 5-style (name-based), variant RFC 4122
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }
}
