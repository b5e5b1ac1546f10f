using System.IO.Compression;
using System.Security.Cryptography;
using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Features.Documents;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Pipeline;
using AutoMapper;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Aktivitetsplikt.Web.Features.Archive;

/// <summary>
/// The archive export (arkivuttrekk) of every closed case of the school owner's schools, for the § 9A team: each case's
/// records (<see cref="IArchiveRecordSource"/>), the documents converted to PDF/A and checked, the Noark 5 package
/// (<see cref="Noark5Package"/>) written to a folder of its own under the data folder and zipped, the run recorded with the
/// cases it holds, and the export written to the audit chain. It changes no case: a re-run of the same cases gives the same
/// structure (the same systemIDs) under a new run id. Not a command on purpose: the conversion takes seconds, and a
/// command's transaction would hold the database's write lock through it — only the run's record and its audit entry
/// are written, together, at the end.
/// </summary>
public static class ExportArchive
{
    [AllowedRoles(Role.SchoolOwnerTeam)]
    public sealed record Request : IRequest<Result>;

    public sealed record Result(Guid RunId, int Cases, int Documents, string ZipPath, string Folder);

    public static string ZipPath(ArchiveOptions options, Guid runId) => Path.Combine(options.PackageRoot, $"{runId:N}.zip");

    public static string FolderPath(ArchiveOptions options, Guid runId) => Path.Combine(options.PackageRoot, runId.ToString("N"));

    public sealed class Handler(AppDbContext db, ICurrentUser user, TimeProvider time, AuditLog audit, IMapper mapper, UiText text,
        AuditChainVerifier chain, PdfAConverter converter, Evidence.AttachmentStore store, ArchiveOptions options, IEnumerable<IArchiveRecordSource> sources) : IRequestHandler<Request, Result>
    {
        public async Task<Result> Handle(Request request, CancellationToken cancellationToken)
        {
            var started = time.UtcNow();
            var runId = Guid.NewGuid();
            var owner = await db.SchoolOwners.AsNoTracking().SingleAsync(o => o.Id == user.SchoolOwnerId, cancellationToken);
            var caseIds = await db.Cases.AsNoTracking().VisibleTo(db, user).Where(c => c.State == CaseState.Closed)
                .OrderBy(c => c.CaseNumber).Select(c => c.Id).ToListAsync(cancellationToken);
            var verification = await chain.VerifyAsync(cancellationToken);
            var exporter = user.Actor;
            var ordered = sources.OrderBy(s => s.Order).ToList();

            var cases = new List<(Case Case, CaseDocumentData Data, List<ArchiveRecord> Records)>();
            foreach (var id in caseIds)
            {
                var @case = await db.CasesWithHistory.AsNoTracking().SingleAsync(c => c.Id == id, cancellationToken);
                var data = await CaseDocumentData.LoadAsync(db, mapper, @case, cancellationToken);
                var files = new Dictionary<Guid, byte[]>();
                foreach (var attachment in data.Attachments.Where(a => !a.IsWithdrawn))
                    files[attachment.Id] = await store.ReadAsync(attachment.Id, cancellationToken)
                        ?? throw new ArchiveAttachmentMissingException(@case.CaseNumber, attachment.FileName);
                var context = new ArchiveCaseContext(@case, data, verification, exporter, started, files);
                cases.Add((@case, data, ordered.SelectMany(s => s.Records(context)).ToList()));
            }

            var documents = cases.SelectMany(c => c.Records.SelectMany(r => r.Documents.Where(d => d.Docx is not null)
                .Select(d => (Name: $"{c.Case.CaseNumber} {d.FileStem}", Docx: d.Docx!)))).ToList();
            var pdfs = await converter.ConvertAsync(documents, cancellationToken);

            var next = 0;
            var packageCases = cases.Select(c =>
            {
                var perCase = 0;
                string PathOf(ArchiveDocument d, string extension) => $"{Noark5Package.DocumentFolder}/{c.Case.CaseNumber}/{++perCase:D2}-{d.FileStem}{extension}";
                var records = c.Records.Select(r => new PackageRecord(r, r.Documents.Select(d => new PackageDocument(d,
                [
                    .. d.Docx is null ? [] : new[] { new PackageFile(pdfs[next++], PathOf(d, ".pdf"), true, Noark5Package.PdfA2bFormat, "PDF/A-2b", Noark5Package.DocxFormat) },
                    .. d.Original is not { } kept ? [] : new[] { new PackageFile(kept.Bytes, PathOf(d, kept.Extension), kept.IsArchiveFormat, kept.Format, kept.FormatDetails, null) },
                ])).ToList())).ToList();
                var closing = c.Case.Entries.LastOrDefault(e => e.StateAfter == CaseState.Closed);
                var first = c.Case.Entries.FirstOrDefault();
                var pupil = c.Data.PupilName.Trim();
                return new PackageCase(c.Case.Id, c.Case.CaseNumber,
                    pupil.Length > 0 ? text.Format("Archive.Folder.Title", pupil, c.Data.PupilGroup) : text["Archive.Folder.PublicTitle"],
                    text["Archive.Folder.PublicTitle"], pupil, c.Data.SchoolName,
                    c.Data.Sender.PrincipalName ?? closing?.ActorName ?? exporter.Name,
                    c.Case.CreatedAtUtc, first?.ActorName ?? "", c.Case.ClosedAtUtc ?? closing?.RecordedAtUtc ?? c.Case.UpdatedAtUtc,
                    closing?.ActorName ?? "", records);
            }).ToList();

            var run = new PackageRun(runId, owner.Id, owner.Name, exporter.Name, started, converter.ToolName, packageCases);
            DataFolder.EnsurePrivateDirectory(options.PackageRoot, tightenExisting: false);
            var folder = FolderPath(options, runId);
            DataFolder.EnsurePrivateDirectory(folder);
            Noark5Package.Write(folder, run);
            var zip = ZipPath(options, runId);
            ZipFile.CreateFromDirectory(folder, zip, CompressionLevel.Optimal, includeBaseDirectory: false);
            DataFolder.MakePrivate(zip);
            var zipBytes = await File.ReadAllBytesAsync(zip, cancellationToken);

            var finished = time.UtcNow();
            var fileCount = packageCases.Sum(c => c.Records.Sum(r => r.Documents.Sum(d => d.Files.Count)));
            db.Add(new ArchiveExportRun(runId, owner.Id, exporter.UserId, exporter.Name, started, finished, fileCount,
                Convert.ToHexString(SHA256.HashData(zipBytes)).ToLowerInvariant(), zipBytes.LongLength,
                cases.Select(c => new ArchivedCase(c.Case.Id, c.Case.CaseNumber, c.Case.Revision))));
            await audit.AppendAndSaveAsync("ExportArchive", null,
                $"{{\"runId\":\"{runId}\",\"cases\":{cases.Count},\"documents\":{fileCount}}}", cancellationToken);
            return new Result(runId, cases.Count, fileCount, zip, folder);
        }
    }
}

/// <summary>An attachment's file is not in the attachments folder (a database restored without it): the export stops rather than archive the case without it.</summary>
public sealed class ArchiveAttachmentMissingException(string caseNumber, string fileName)
    : Exception($"The file of the attachment {fileName} of case {caseNumber} is missing from the attachments folder.")
{
    public string CaseNumber { get; } = caseNumber;
    public string FileName { get; } = fileName;
}
