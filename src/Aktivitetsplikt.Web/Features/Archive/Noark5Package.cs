using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Xml;
using Aktivitetsplikt.Web.Features.Documents;

namespace Aktivitetsplikt.Web.Features.Archive;

/// <summary>
/// One dokumentobjekt: a file of the package, where it lies, its variant (arkivformat or not), its PRONOM format, and the
/// format it was converted from when it was (a generated .docx or an attached Word document made into PDF/A).
/// </summary>
public sealed record PackageFile(byte[] Bytes, string Path, bool IsArchiveFormat, string Format, string FormatDetails, string? ConvertedFrom)
{
    public string Sha256 { get; } = Convert.ToHexString(SHA256.HashData(Bytes)).ToLowerInvariant();
    public string Variant => IsArchiveFormat ? "Arkivformat" : "Produksjonsformat";
}

/// <summary>A dokumentbeskrivelse: the document and its files (one per variant).</summary>
public sealed record PackageDocument(ArchiveDocument Document, IReadOnlyList<PackageFile> Files);

public sealed record PackageRecord(ArchiveRecord Record, IReadOnlyList<PackageDocument> Documents);

/// <summary>One closed case as a saksmappe.</summary>
public sealed record PackageCase(Guid CaseId, string CaseNumber, string Title, string PublicTitle, string PupilName, string SchoolName,
    string Responsible, DateTime CreatedAtUtc, string CreatedBy, DateTime ClosedAtUtc, string ClosedBy, IReadOnlyList<PackageRecord> Records);

/// <summary>The run as the package describes it: the archive creator (the school owner), who made the export and when, and the tool that converted the documents.</summary>
public sealed record PackageRun(Guid RunId, Guid SchoolOwnerId, string SchoolOwnerName, string ExportedBy, DateTime ExportedAtUtc, string ConversionTool,
    IReadOnlyList<PackageCase> Cases);

/// <summary>
/// Writes a Noark 5 (v5.0) arkivuttrekk-style package (ADR 020): <c>arkivstruktur.xml</c> in the arkivstruktur namespace with
/// arkiv → arkivdel → mappe (saksmappe per case) → registrering (journalpost for a document, plain registrering for a key
/// step) → dokumentbeskrivelse → dokumentobjekt (PDF/A-2b, SHA256, size, and its conversion from .docx); <c>arkivuttrekk.xml</c>,
/// the ADDML description of the package with the structure file's checksum and counts; the documents under <c>DOKUMENT/</c>;
/// and <c>manifest-sha256.txt</c>, the SHA-256 of every file. Element order follows the schema's sequences (the extension
/// elements of saksmappe and journalpost come after the base type's, registrations before saksaar).
/// </summary>
public static class Noark5Package
{
    public const string Namespace = "http://www.arkivverket.no/standarder/noark5/arkivstruktur";
    public const string AddmlNamespace = "http://www.arkivverket.no/standarder/addml";
    public const string XsiNamespace = "http://www.w3.org/2001/XMLSchema-instance";
    public const string StructureFile = "arkivstruktur.xml";
    public const string AddmlFile = "arkivuttrekk.xml";
    public const string ManifestFile = "manifest-sha256.txt";
    public const string DocumentFolder = "DOKUMENT";

    /// <summary>PRONOM's identifiers: PDF/A-2b, and Word 2007 onwards (.docx), which the documents are converted from.</summary>
    public const string PdfA2bFormat = "fmt/477";
    public const string DocxFormat = "fmt/412";

    private static readonly XmlWriterSettings Settings = new() { Indent = true, Encoding = new UTF8Encoding(false), CheckCharacters = true };

    /// <summary>Writes the whole package into <paramref name="folder"/> (which must be empty) and returns the manifest's lines.</summary>
    public static IReadOnlyList<(string Path, string Sha256, long Size)> Write(string folder, PackageRun run)
    {
        var files = run.Cases.SelectMany(c => c.Records).SelectMany(r => r.Documents).SelectMany(d => d.Files).ToList();
        foreach (var file in files)
        {
            var path = System.IO.Path.Combine(folder, file.Path);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, file.Bytes);
        }
        var structure = Structure(run);
        File.WriteAllBytes(System.IO.Path.Combine(folder, StructureFile), structure);
        File.WriteAllBytes(System.IO.Path.Combine(folder, AddmlFile), Addml(run, structure, files.Count));

        var manifest = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => System.IO.Path.GetRelativePath(folder, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .Select(relative =>
            {
                var bytes = File.ReadAllBytes(System.IO.Path.Combine(folder, relative));
                return (relative, Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant(), (long)bytes.Length);
            }).ToList();
        File.WriteAllText(System.IO.Path.Combine(folder, ManifestFile),
            string.Concat(manifest.Select(m => $"{m.Item2}  {m.relative}\n")), new UTF8Encoding(false));
        return manifest;
    }

    public static byte[] Structure(PackageRun run)
    {
        using var stream = new MemoryStream();
        using (var x = XmlWriter.Create(stream, Settings))
        {
            x.WriteStartDocument();
            x.WriteStartElement("arkiv", Namespace);
            x.WriteAttributeString("xmlns", "xsi", null, XsiNamespace);
            x.WriteAttributeString("xsi", "schemaLocation", XsiNamespace, $"{Namespace} arkivstruktur.xsd");
            var first = run.Cases.Count == 0 ? run.ExportedAtUtc : run.Cases.Min(c => c.CreatedAtUtc);
            var last = run.Cases.Count == 0 ? run.ExportedAtUtc : run.Cases.Max(c => c.ClosedAtUtc);

            Text(x, "systemID", SystemIds.For("arkiv", run.SchoolOwnerId).ToString());
            Text(x, "tittel", $"Aktivitetsplikt – skolemiljøsaker, {run.SchoolOwnerName}");
            Text(x, "arkivstatus", "Avsluttet");
            Text(x, "dokumentmedium", "Elektronisk arkiv");
            Text(x, "opprettetDato", DateTimeValue(first));
            Text(x, "opprettetAv", "Aktivitetsplikt");
            Text(x, "avsluttetDato", DateTimeValue(run.ExportedAtUtc));
            Text(x, "avsluttetAv", run.ExportedBy);
            x.WriteStartElement("arkivskaper", Namespace);
            Text(x, "arkivskaperID", run.SchoolOwnerId.ToString());
            Text(x, "arkivskaperNavn", run.SchoolOwnerName);
            x.WriteEndElement();

            x.WriteStartElement("arkivdel", Namespace);
            Text(x, "systemID", SystemIds.For("arkivdel", run.SchoolOwnerId).ToString());
            Text(x, "tittel", "Skolemiljøsaker etter opplæringslova § 12-4 (tidl. § 9 A-4), avsluttede saker");
            Text(x, "arkivdelstatus", "Avsluttet periode");
            Text(x, "dokumentmedium", "Elektronisk arkiv");
            Text(x, "opprettetDato", DateTimeValue(first));
            Text(x, "opprettetAv", "Aktivitetsplikt");
            Text(x, "avsluttetDato", DateTimeValue(run.ExportedAtUtc));
            Text(x, "avsluttetAv", run.ExportedBy);
            Text(x, "arkivperiodeStartDato", DateValue(first));
            Text(x, "arkivperiodeSluttDato", DateValue(last));
            foreach (var @case in run.Cases) Folder(x, run, @case);
            x.WriteEndElement();

            x.WriteEndElement();
            x.WriteEndDocument();
        }
        return stream.ToArray();
    }

    private static void Folder(XmlWriter x, PackageRun run, PackageCase @case)
    {
        x.WriteStartElement("mappe", Namespace);
        x.WriteAttributeString("xsi", "type", XsiNamespace, "saksmappe");
        Text(x, "systemID", @case.CaseId.ToString());
        Text(x, "mappeID", @case.CaseNumber);
        Text(x, "tittel", @case.Title);
        Text(x, "offentligTittel", @case.PublicTitle);
        Text(x, "dokumentmedium", "Elektronisk arkiv");
        Text(x, "opprettetDato", DateTimeValue(@case.CreatedAtUtc));
        Text(x, "opprettetAv", @case.CreatedBy);
        Text(x, "avsluttetDato", DateTimeValue(@case.ClosedAtUtc));
        Text(x, "avsluttetAv", @case.ClosedBy);
        if (@case.PupilName.Length > 0)
        {
            x.WriteStartElement("part", Namespace);
            Text(x, "partNavn", @case.PupilName);
            Text(x, "partRolle", "Elev");
            x.WriteEndElement();
        }
        var number = 0;
        foreach (var record in @case.Records) Registration(x, run, @case, record, ++number);
        // saksmappe's own elements follow the base type's (and so the registrations).
        Text(x, "saksaar", SchoolYear(@case).ToString(CultureInfo.InvariantCulture));
        Text(x, "sakssekvensnummer", SequenceNumber(@case.CaseNumber).ToString(CultureInfo.InvariantCulture));
        Text(x, "saksdato", DateValue(@case.CreatedAtUtc));
        Text(x, "administrativEnhet", @case.SchoolName);
        Text(x, "saksansvarlig", @case.Responsible);
        Text(x, "saksstatus", "Avsluttet");
        x.WriteEndElement();
    }

    private static void Registration(XmlWriter x, PackageRun run, PackageCase @case, PackageRecord item, int number)
    {
        var record = item.Record;
        var journal = record.Type != ArchiveRecordType.Registration;
        x.WriteStartElement("registrering", Namespace);
        if (journal) x.WriteAttributeString("xsi", "type", XsiNamespace, "journalpost");
        Text(x, "systemID", SystemIds.For("registrering", @case.CaseId, record.Key).ToString());
        Text(x, "opprettetDato", DateTimeValue(record.CreatedAtUtc));
        Text(x, "opprettetAv", record.CreatedBy);
        Text(x, "arkivertDato", DateTimeValue(run.ExportedAtUtc));
        Text(x, "arkivertAv", run.ExportedBy);
        var documentNumber = 0;
        foreach (var document in item.Documents) DocumentDescription(x, run, @case, record, document, ++documentNumber);
        Text(x, "registreringsID", $"{@case.CaseNumber}-{number}");
        Text(x, "tittel", record.Title);
        if (record.Description is { Length: > 0 } description) Text(x, "beskrivelse", description);
        if (journal)
        {
            Text(x, "journalaar", record.CreatedAtUtc.Year.ToString(CultureInfo.InvariantCulture));
            Text(x, "journalsekvensnummer", number.ToString(CultureInfo.InvariantCulture));
            Text(x, "journalpostnummer", number.ToString(CultureInfo.InvariantCulture));
            Text(x, "journalposttype", record.Type == ArchiveRecordType.OutgoingDocument ? "Utgående dokument" : "Organinternt dokument uten oppfølging");
            Text(x, "journalstatus", "Arkivert");
            Text(x, "journaldato", DateValue(record.CreatedAtUtc));
            Text(x, "dokumentetsDato", DateValue(record.CreatedAtUtc));
        }
        x.WriteEndElement();
    }

    private static void DocumentDescription(XmlWriter x, PackageRun run, PackageCase @case, ArchiveRecord record, PackageDocument document, int number)
    {
        x.WriteStartElement("dokumentbeskrivelse", Namespace);
        Text(x, "systemID", SystemIds.For("dokumentbeskrivelse", @case.CaseId, record.Key, number).ToString());
        Text(x, "dokumenttype", document.Document.DocumentType);
        Text(x, "dokumentstatus", "Dokumentet er ferdigstilt");
        Text(x, "tittel", document.Document.Title);
        Text(x, "opprettetDato", DateTimeValue(document.Document.CreatedAtUtc));
        Text(x, "opprettetAv", document.Document.CreatedBy);
        Text(x, "tilknyttetRegistreringSom", document.Document.IsAttachment ? "Vedlegg" : "Hoveddokument");
        Text(x, "dokumentnummer", number.ToString(CultureInfo.InvariantCulture));
        Text(x, "tilknyttetDato", DateTimeValue(run.ExportedAtUtc));
        Text(x, "tilknyttetAv", run.ExportedBy);
        foreach (var file in document.Files) DocumentObject(x, run, @case, record, file, number);
        x.WriteEndElement();
    }

    /// <summary>One variant of a document (versjonsnummer 1: a document in the archive has one version, in one or two variants).</summary>
    private static void DocumentObject(XmlWriter x, PackageRun run, PackageCase @case, ArchiveRecord record, PackageFile file, int number)
    {
        x.WriteStartElement("dokumentobjekt", Namespace);
        Text(x, "systemID", SystemIds.For("dokumentobjekt", @case.CaseId, record.Key, number, 1, file.Variant).ToString());
        Text(x, "versjonsnummer", "1");
        Text(x, "variantformat", file.Variant);
        Text(x, "format", file.Format);
        Text(x, "formatDetaljer", file.FormatDetails);
        Text(x, "opprettetDato", DateTimeValue(run.ExportedAtUtc));
        Text(x, "opprettetAv", run.ExportedBy);
        Text(x, "referanseDokumentfil", file.Path);
        Text(x, "sjekksum", file.Sha256);
        Text(x, "sjekksumAlgoritme", "SHA256");
        Text(x, "filstoerrelse", file.Bytes.LongLength.ToString(CultureInfo.InvariantCulture));
        if (file.ConvertedFrom is { } from)
        {
            x.WriteStartElement("konvertering", Namespace);
            Text(x, "konvertertDato", DateTimeValue(run.ExportedAtUtc));
            Text(x, "konvertertAv", run.ExportedBy);
            Text(x, "konvertertFraFormat", from);
            Text(x, "konvertertTilFormat", file.Format);
            Text(x, "konverteringsverktoey", run.ConversionTool);
            x.WriteEndElement();
        }
        x.WriteEndElement();
    }

    /// <summary>The ADDML description (arkivuttrekk.xml): who, which system, the archival period, how many document files, and the structure file with its SHA-256 and counts.</summary>
    public static byte[] Addml(PackageRun run, byte[] structure, int documentFiles)
    {
        var mapper = run.Cases.Count;
        var registrations = run.Cases.Sum(c => c.Records.Count);
        using var stream = new MemoryStream();
        using (var x = XmlWriter.Create(stream, Settings))
        {
            x.WriteStartDocument();
            x.WriteStartElement("addml", AddmlNamespace);
            x.WriteAttributeString("name", "Noark 5-arkivuttrekk");
            x.WriteStartElement("dataset", AddmlNamespace);
            x.WriteElementString("description", AddmlNamespace, $"Noark 5-arkivuttrekk fra Aktivitetsplikt, kjøring {run.RunId}");
            x.WriteStartElement("reference", AddmlNamespace);
            x.WriteStartElement("context", AddmlNamespace);
            x.WriteStartElement("additionalElements", AddmlNamespace);
            Additional(x, "recordCreators", () => Additional(x, "recordCreator", null, run.SchoolOwnerName), null);
            Additional(x, "systemType", null, "Sakarkiv (Noark-5)");
            Additional(x, "systemName", null, "Aktivitetsplikt");
            Additional(x, "archive", null, $"Aktivitetsplikt – skolemiljøsaker, {run.SchoolOwnerName}");
            x.WriteEndElement();
            x.WriteEndElement();
            x.WriteStartElement("content", AddmlNamespace);
            x.WriteStartElement("additionalElements", AddmlNamespace);
            x.WriteStartElement("additionalElement", AddmlNamespace);
            x.WriteAttributeString("name", "archivalPeriod");
            x.WriteStartElement("properties", AddmlNamespace);
            Property(x, "startDate", DateValue(run.Cases.Count == 0 ? run.ExportedAtUtc : run.Cases.Min(c => c.CreatedAtUtc)));
            Property(x, "endDate", DateValue(run.Cases.Count == 0 ? run.ExportedAtUtc : run.Cases.Max(c => c.ClosedAtUtc)));
            x.WriteEndElement();
            x.WriteEndElement();
            x.WriteEndElement();
            x.WriteEndElement();
            x.WriteEndElement();

            x.WriteStartElement("dataObjects", AddmlNamespace);
            x.WriteStartElement("dataObject", AddmlNamespace);
            x.WriteAttributeString("name", "Noark 5-arkivuttrekk");
            x.WriteStartElement("properties", AddmlNamespace);
            Property(x, "info", null, () =>
            {
                Property(x, "type", "Noark 5", () => Property(x, "version", "5.0"));
                Property(x, "additionalInfo", null, () =>
                {
                    Property(x, "inneholderSkjermetInformasjon", "true", dataType: "boolean");
                    Property(x, "omfatterDokumenterSomErKassert", "false", dataType: "boolean");
                    Property(x, "inneholderDokumenterSomSkalKasseres", "false", dataType: "boolean");
                    Property(x, "inneholderVirksomhetsspesifikkeMetadata", "false", dataType: "boolean");
                    Property(x, "antallDokumentfiler", documentFiles.ToString(CultureInfo.InvariantCulture), dataType: "integer");
                });
            });
            x.WriteEndElement();
            x.WriteStartElement("dataObjects", AddmlNamespace);
            x.WriteStartElement("dataObject", AddmlNamespace);
            x.WriteAttributeString("name", "arkivstruktur");
            x.WriteStartElement("properties", AddmlNamespace);
            Property(x, "file", null, () =>
            {
                Property(x, "name", StructureFile);
                Property(x, "format", "XML", () => Property(x, "version", "1.0"));
                Property(x, "checksum", null, () =>
                {
                    Property(x, "algorithm", "SHA-256");
                    Property(x, "value", Convert.ToHexString(SHA256.HashData(structure)).ToLowerInvariant());
                });
            });
            Property(x, "info", null, () =>
            {
                Property(x, "numberOfOccurrences", "mappe", () =>
                {
                    Property(x, "elementPath", "//mappe");
                    Property(x, "value", mapper.ToString(CultureInfo.InvariantCulture), dataType: "integer");
                });
                Property(x, "numberOfOccurrences", "registrering", () =>
                {
                    Property(x, "elementPath", "//registrering");
                    Property(x, "value", registrations.ToString(CultureInfo.InvariantCulture), dataType: "integer");
                });
            });
            x.WriteEndElement();
            x.WriteEndElement();
            x.WriteEndElement();
            x.WriteEndElement();
            x.WriteEndElement();
            x.WriteEndElement();
            x.WriteEndElement();
            x.WriteEndDocument();
        }
        return stream.ToArray();
    }

    private static void Additional(XmlWriter x, string name, Action? children, string? value = null)
    {
        x.WriteStartElement("additionalElement", AddmlNamespace);
        x.WriteAttributeString("name", name);
        if (value is not null) x.WriteElementString("value", AddmlNamespace, XmlSafeText.Clean(value));
        if (children is not null)
        {
            x.WriteStartElement("additionalElements", AddmlNamespace);
            children();
            x.WriteEndElement();
        }
        x.WriteEndElement();
    }

    private static void Property(XmlWriter x, string name, string? value, Action? children = null, string? dataType = null)
    {
        x.WriteStartElement("property", AddmlNamespace);
        if (dataType is not null) x.WriteAttributeString("dataType", dataType);
        x.WriteAttributeString("name", name);
        if (value is not null) x.WriteElementString("value", AddmlNamespace, XmlSafeText.Clean(value));
        if (children is not null)
        {
            x.WriteStartElement("properties", AddmlNamespace);
            children();
            x.WriteEndElement();
        }
        x.WriteEndElement();
    }

    private static void Text(XmlWriter x, string name, string value) => x.WriteElementString(name, Namespace, XmlSafeText.Clean(value));

    private static string DateTimeValue(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string DateValue(DateTime utc) => Infrastructure.UiText.ToOslo(utc).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static int SchoolYear(PackageCase @case) =>
        int.TryParse(@case.CaseNumber.Split('-')[0], NumberStyles.None, CultureInfo.InvariantCulture, out var year) ? year : @case.CreatedAtUtc.Year;

    private static int SequenceNumber(string caseNumber) =>
        int.TryParse(caseNumber.Split('-').Last(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
}
