using System.Security.Cryptography;
using System.Xml.Linq;
using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Features.Archive;
using Aktivitetsplikt.Web.Features.Cases;
using Aktivitetsplikt.Web.Features.Evidence;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TestFiles = Aktivitetsplikt.Web.Tests.Features.Evidence.TestFiles;

namespace Aktivitetsplikt.Web.Tests.Features.Archive;

/// <summary>
/// One archive export over a small school owner, made once for the class (the PDF/A conversion takes seconds): two closed
/// cases (one closed after an investigation, one after a plan and an evaluation, with two plan versions) and one still
/// with measures, which must not be exported. The case with measures has an attachment of each kind, and one withdrawn.
/// </summary>
public sealed class ArchiveExportFixture : IAsyncLifetime
{
    public TestApp App { get; private set; } = null!;
    public Guid ClosedAfterInvestigation { get; private set; }
    public Guid ClosedAfterMeasures { get; private set; }
    public Guid Open { get; private set; }
    public ExportArchive.Result Result { get; private set; } = null!;
    public IReadOnlyList<AttachmentView> Attachments { get; private set; } = [];
    public XDocument Structure { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        App = await TestApp.CreateAsync();
        var org = App.Org;
        ClosedAfterInvestigation = await App.ACase().Closed();
        ClosedAfterMeasures = await App.ACase().About(org.Olivia).PupilSaysNotSafe().Evaluating();
        await App.SendAs(org.Principal1, new RecordEvaluation.Command(ClosedAfterMeasures, null, PupilView.NotSafe, "Det er fortsatt vanskelig i friminuttene.",
            "Tiltakene virker delvis.", "Foreldrene ønsker mer.", []));
        await App.SendAs(org.Principal1, new RevisePlan.Command(ClosedAfterMeasures, null,
            CaseBuilder.CompletePlan(org.StaffA, CaseBuilder.EvaluationDate(App), "Eleven blir fortsatt holdt utenfor."), "To voksne ute i friminuttene."));
        await App.SendAs(org.Principal1, new StartEvaluation.Command(ClosedAfterMeasures, null));
        await App.SendAs(org.Principal1, new RecordEvaluation.Command(ClosedAfterMeasures, null, PupilView.Safe, "Nå går det bra.",
            "Tiltakene virker.", "Foreldrene er fornøyde.", []));
        var measure = (await App.LoadCaseAsync(ClosedAfterMeasures)).CurrentPlan!.Measures[0].MeasureKey;
        await App.SendAs(org.Principal1, new RecordMeasureProgress.Command(ClosedAfterMeasures, null, measure, MeasureStatus.Done, null));
        await App.SendAs(org.Principal1, new CloseCase.Command(ClosedAfterMeasures, null, "Eleven har det trygt og godt nå."));
        // Evidence can arrive after closing (ADR 018): a file of each kind, and one withdrawn again.
        foreach (var (name, content) in new[] { ("Skjermbilde fra chat.png", TestFiles.Png()), ("Foto av lapp.jpg", TestFiles.Jpeg()),
                     ("Brev fra PPT.pdf", TestFiles.Pdf()), ("Referat fra helsesykepleier.docx", TestFiles.Docx()), ("Feil bilde.png", TestFiles.Png(20, 20)) })
            await App.SendAs(org.Principal1, new AddAttachment.Command(ClosedAfterMeasures, null, name, null) { Content = content });
        var wrong = (await App.SendAs(org.Principal1, new ListAttachments.Query(ClosedAfterMeasures))).Single(a => a.FileName == "Feil bilde.png");
        await App.SendAs(org.Principal1, new WithdrawAttachment.Command(ClosedAfterMeasures, null, wrong.Id, "Feil elev på bildet."));
        Attachments = await App.SendAs(org.Principal1, new ListAttachments.Query(ClosedAfterMeasures));
        Open = await App.ACase().About(org.Noah).PupilSaysNotSafe().Measures();
        Result = await App.SendAs(org.Team, new ExportArchive.Request());
        Structure = XDocument.Load(Path.Combine(Result.Folder, Noark5Package.StructureFile));
    }

    public async Task DisposeAsync()
    {
        foreach (var run in await App.WithDb(db => db.Set<ArchiveExportRun>().Select(r => r.Id).ToListAsync()))
        {
            var options = App.Services.GetRequiredService<ArchiveOptions>();
            if (Directory.Exists(ExportArchive.FolderPath(options, run))) Directory.Delete(ExportArchive.FolderPath(options, run), recursive: true);
            File.Delete(ExportArchive.ZipPath(options, run));
        }
        await App.DisposeAsync();
    }
}

public sealed class ExportArchiveTests(ArchiveExportFixture fixture) : IClassFixture<ArchiveExportFixture>
{
    private static readonly XNamespace N = Noark5Package.Namespace;
    private static readonly XNamespace Xsi = Noark5Package.XsiNamespace;

    private XElement Root => fixture.Structure.Root!;
    private IEnumerable<XElement> Folders => Root.Descendants(N + "mappe");

    [Fact]
    public void Package_IsArkivArkivdelAndOneSaksmappePerClosedCase_InTheArkivstrukturNamespace()
    {
        Root.Name.Should().Be(N + "arkiv");
        Root.Elements(N + "arkivdel").Should().ContainSingle();
        Folders.Select(f => (string?)f.Attribute(Xsi + "type")).Should().AllBe("saksmappe");
        Folders.Select(f => Guid.Parse(f.Element(N + "systemID")!.Value))
            .Should().BeEquivalentTo([fixture.ClosedAfterInvestigation, fixture.ClosedAfterMeasures]);
        fixture.Result.Cases.Should().Be(2);
    }

    [Fact]
    public void ACaseThatIsNotClosed_IsNotInThePackage()
    {
        Folders.Should().NotContain(f => f.Element(N + "systemID")!.Value == fixture.Open.ToString());
        fixture.Structure.ToString().Should().NotContain("Noah");
    }

    [Fact]
    public void EveryLevel_HasTheElementsTheMetadataCatalogueRequires_InTheSchemasOrder()
    {
        ExpectSequence(Root, "systemID", "tittel", "arkivstatus", "dokumentmedium", "opprettetDato", "opprettetAv", "avsluttetDato", "avsluttetAv", "arkivskaper", "arkivdel");
        ExpectSequence(Root.Element(N + "arkivskaper")!, "arkivskaperID", "arkivskaperNavn");
        ExpectSequence(Root.Element(N + "arkivdel")!, "systemID", "tittel", "arkivdelstatus", "dokumentmedium", "opprettetDato", "opprettetAv",
            "avsluttetDato", "avsluttetAv", "arkivperiodeStartDato", "arkivperiodeSluttDato", "mappe");
        foreach (var folder in Folders)
        {
            var names = folder.Elements().Select(e => e.Name.LocalName).Distinct().ToList();
            names.Should().StartWith(["systemID", "mappeID", "tittel", "offentligTittel", "dokumentmedium", "opprettetDato", "opprettetAv", "avsluttetDato", "avsluttetAv", "part", "registrering"]);
            names.Should().EndWith(["saksaar", "sakssekvensnummer", "saksdato", "administrativEnhet", "saksansvarlig", "saksstatus"],
                "saksmappe's own elements follow the base type's, registrations included");
            folder.Element(N + "saksstatus")!.Value.Should().Be("Avsluttet");
        }
        foreach (var registration in Root.Descendants(N + "registrering"))
        {
            var names = registration.Elements().Select(e => e.Name.LocalName).Distinct().ToList();
            names.Should().StartWith(["systemID", "opprettetDato", "opprettetAv", "arkivertDato", "arkivertAv"]);
            names.Should().Contain(["registreringsID", "tittel"]);
            if ((string?)registration.Attribute(Xsi + "type") == "journalpost")
            {
                names.Should().ContainInConsecutiveOrder("journalaar", "journalsekvensnummer", "journalpostnummer", "journalposttype", "journalstatus", "journaldato");
                names.IndexOf("dokumentbeskrivelse").Should().BeLessThan(names.IndexOf("registreringsID"), "the schema puts dokumentbeskrivelse before registreringsID");
            }
        }
        foreach (var description in Root.Descendants(N + "dokumentbeskrivelse"))
        {
            ExpectSequence(description, "systemID", "dokumenttype", "dokumentstatus", "tittel", "opprettetDato", "opprettetAv", "tilknyttetRegistreringSom",
                "dokumentnummer", "tilknyttetDato", "tilknyttetAv", "dokumentobjekt");
            description.Element(N + "dokumentstatus")!.Value.Should().Be("Dokumentet er ferdigstilt");
            description.Element(N + "tilknyttetRegistreringSom")!.Value.Should().Be(description.Element(N + "dokumentnummer")!.Value == "1" ? "Hoveddokument" : "Vedlegg");
        }
        foreach (var document in Root.Descendants(N + "dokumentobjekt"))
        {
            ExpectSequence(document, "systemID", "versjonsnummer", "variantformat", "format", "formatDetaljer", "opprettetDato", "opprettetAv",
                "referanseDokumentfil", "sjekksum", "sjekksumAlgoritme", "filstoerrelse");
            document.Element(N + "variantformat")!.Value.Should().BeOneOf("Arkivformat", "Produksjonsformat");
            document.Element(N + "sjekksumAlgoritme")!.Value.Should().Be("SHA256");
            document.Element(N + "versjonsnummer")!.Value.Should().Be("1");
            if (document.Element(N + "konvertering") is { } conversion)
            {
                document.Elements().Last().Should().BeSameAs(conversion);
                ExpectSequence(conversion, "konvertertDato", "konvertertAv", "konvertertFraFormat", "konvertertTilFormat", "konverteringsverktoey");
                conversion.Element(N + "konvertertTilFormat")!.Value.Should().Be(document.Element(N + "format")!.Value);
            }
        }
        foreach (var element in Root.Descendants().Where(e => !e.HasElements)) element.Value.Trim().Should().NotBeEmpty(element.Name.LocalName);
    }

    [Fact]
    public void TheCaseWithMeasures_HasEveryPlanVersionAndTheDocumentation_AsJournalEntries_AndItsKeySteps_AsRegistrations()
    {
        var folder = Folders.Single(f => f.Element(N + "systemID")!.Value == fixture.ClosedAfterMeasures.ToString());
        var journal = folder.Elements(N + "registrering").Where(r => (string?)r.Attribute(Xsi + "type") == "journalpost").ToList();
        journal.Select(r => r.Element(N + "tittel")!.Value).Should().Equal("Aktivitetsplan, versjon 1", "Aktivitetsplan, versjon 2",
            "Dokumentasjon av saken (§ 12-4 fjerde ledd)");
        journal.Select(r => r.Element(N + "journalposttype")!.Value).Should().Equal("Utgående dokument", "Utgående dokument", "Organinternt dokument uten oppfølging");
        folder.Elements(N + "registrering").Where(r => r.Attribute(Xsi + "type") is null)
            .Select(r => r.Element(N + "tittel")!.Value).Should().Contain(t => t.StartsWith("Bekymring")).And.Contain(t => t.StartsWith("Saken avsluttet"));
        folder.Element(N + "part")!.Element(N + "partNavn")!.Value.Should().Be("Olivia Olsen");
    }

    [Fact]
    public void EveryDokumentobjekt_NamesAFileWhoseSha256AndSizeMatch()
    {
        var documents = Root.Descendants(N + "dokumentobjekt").ToList();
        documents.Should().HaveCount(fixture.Result.Documents).And.HaveCount(9,
            "the documentation of both cases and two plan versions, four attachments as given and the Word attachment as PDF/A");
        foreach (var document in documents)
        {
            var path = Path.Combine(fixture.Result.Folder, document.Element(N + "referanseDokumentfil")!.Value);
            var bytes = File.ReadAllBytes(path);
            document.Element(N + "sjekksum")!.Value.Should().Be(Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant());
            document.Element(N + "filstoerrelse")!.Value.Should().Be(bytes.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void EveryDocumentInPdfA2b_PassesTheExportsOwnChecks_WithEveryFontEmbedded()
    {
        var files = PdfA2bFiles();
        files.Should().HaveCount(5, "four generated documents and the attached Word document");
        foreach (var file in files)
        {
            PdfAConverter.Validate(File.ReadAllBytes(file), file).Should().BeEmpty(file);
            PdfAConverter.PdfFonts(file).Should().NotBeNull("poppler-utils' pdffonts checks the fonts").And.BeEmpty();
        }
    }

    [Fact]
    public void TheValidation_RefusesWhatIsNotPdfA()
    {
        PdfAConverter.Validate("%PDF-1.6\n1 0 obj<</Type/FontDescriptor>>endobj\n%%EOF"u8.ToArray())
            .Should().Contain(["no pdfaid:part in the XMP metadata", "no output intent", "a font without an embedded font file"]);
        PdfAConverter.Validate("PK\u0003\u0004"u8.ToArray()).Should().Contain("no %PDF- header");
    }

    [Fact]
    public void TheManifestAndTheAddml_GiveTheSha256OfEveryFile()
    {
        var manifest = File.ReadAllLines(Path.Combine(fixture.Result.Folder, Noark5Package.ManifestFile));
        var files = Directory.GetFiles(fixture.Result.Folder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(fixture.Result.Folder, f)).Where(f => f != Noark5Package.ManifestFile).ToList();
        manifest.Select(l => l[66..]).Should().BeEquivalentTo(files);
        foreach (var line in manifest)
            line[..64].Should().Be(Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(Path.Combine(fixture.Result.Folder, line[66..])))).ToLowerInvariant());

        var addml = XDocument.Load(Path.Combine(fixture.Result.Folder, Noark5Package.AddmlFile));
        XNamespace a = Noark5Package.AddmlNamespace;
        var checksum = addml.Descendants(a + "property").First(p => (string?)p.Attribute("name") == "checksum")
            .Descendants(a + "property").Single(p => (string?)p.Attribute("name") == "value").Element(a + "value")!.Value;
        checksum.Should().Be(Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(Path.Combine(fixture.Result.Folder, Noark5Package.StructureFile)))).ToLowerInvariant());
        addml.Descendants(a + "property").Single(p => (string?)p.Attribute("name") == "antallDokumentfiler").Element(a + "value")!.Value.Should().Be("9");
        File.Exists(fixture.Result.ZipPath).Should().BeTrue();
    }

    [Fact]
    public async Task ARun_IsRecordedWithItsCases_AndWrittenToTheAuditChain()
    {
        var run = await fixture.App.WithDb(db => db.Set<ArchiveExportRun>().Include(r => r.Cases).SingleAsync(r => r.Id == fixture.Result.RunId));
        run.Cases.Select(c => c.CaseId).Should().BeEquivalentTo([fixture.ClosedAfterInvestigation, fixture.ClosedAfterMeasures]);
        run.ByName.Should().Be(fixture.App.Org.Team.DisplayName);
        run.ZipSha256.Should().Be(Convert.ToHexString(SHA256.HashData(await File.ReadAllBytesAsync(fixture.Result.ZipPath))).ToLowerInvariant());
        var audit = await fixture.App.AuditEntriesAsync();
        audit.Should().Contain(a => a.Action == "ExportArchive" && a.Details.Contains(fixture.Result.RunId.ToString()) && a.Role == Role.SchoolOwnerTeam);
    }

    [Fact]
    public async Task ARerun_GivesTheSameStructure_UnderANewRunId_AndChangesNoCase()
    {
        var before = await fixture.App.SnapshotAsync(fixture.ClosedAfterMeasures);

        var again = await fixture.App.SendAs(fixture.App.Org.Team, new ExportArchive.Request());

        again.RunId.Should().NotBe(fixture.Result.RunId);
        var second = XDocument.Load(Path.Combine(again.Folder, Noark5Package.StructureFile));
        Shape(second).Should().Equal(Shape(fixture.Structure));
        (await fixture.App.LoadCaseAsync(fixture.ClosedAfterMeasures)).Revision.Should().Be(before.Revision, "the export changes no case");
    }

    [Theory]
    [InlineData("teacher")]
    [InlineData("principal")]
    [InlineData("administrator")]
    public async Task TheExport_ByAnyoneButTheSchoolOwnersTeam_IsRefused(string who)
    {
        var org = fixture.App.Org;
        var user = who switch { "teacher" => org.StaffA, "principal" => org.Principal1, _ => org.Admin };

        await ((Func<Task>)(() => fixture.App.SendAs(user, new ExportArchive.Request()))).Should().ThrowAsync<ForbiddenException>();
        await ((Func<Task>)(() => fixture.App.SendAs(user, new GetArchiveOverview.Query()))).Should().ThrowAsync<ForbiddenException>();
        await ((Func<Task>)(() => fixture.App.SendAs(user, new DownloadArchiveExport.Query(fixture.Result.RunId)))).Should().ThrowAsync<ForbiddenException>();
    }

    [Fact]
    public async Task TheRetentionView_ListsClosedCasesPastTheRetentionPeriod_AndDeletesNothing()
    {
        var team = fixture.App.Org.Team;
        var now = await fixture.App.SendAs(team, new GetArchiveOverview.Query());
        now.PastRetention.Should().BeEmpty();
        now.ClosedCases.Should().Be(2);
        var cases = await fixture.App.WithDb(db => db.Cases.CountAsync());

        fixture.App.Clock.Advance(TimeSpan.FromDays(365 * now.RetentionYears + 10));
        var later = await fixture.App.SendAs(team, new GetArchiveOverview.Query());

        later.PastRetention.Select(p => p.CaseId).Should().BeEquivalentTo([fixture.ClosedAfterInvestigation, fixture.ClosedAfterMeasures]);
        later.PastRetention.Should().OnlyContain(p => p.LastArchivedUtc != null, "both were exported as they are now");
        (await fixture.App.WithDb(db => db.Cases.CountAsync())).Should().Be(cases);
        fixture.App.Clock.Advance(-TimeSpan.FromDays(365 * now.RetentionYears + 10));
    }

    [Fact]
    public void EveryAttachmentNotWithdrawn_IsAVedleggOfTheDocumentation_KeptAsGiven_WithItsFormatAndChecksum()
    {
        var folder = Folders.Single(f => f.Element(N + "systemID")!.Value == fixture.ClosedAfterMeasures.ToString());
        var documentation = folder.Elements(N + "registrering").Single(r => r.Element(N + "tittel")!.Value.StartsWith("Dokumentasjon av saken"));
        var descriptions = documentation.Elements(N + "dokumentbeskrivelse").ToList();
        descriptions.Select(d => d.Element(N + "tilknyttetRegistreringSom")!.Value).Should().Equal("Hoveddokument", "Vedlegg", "Vedlegg", "Vedlegg", "Vedlegg");
        descriptions.Skip(1).Select(d => d.Element(N + "tittel")!.Value).Should().Equal(
            "Skjermbilde fra chat.png", "Foto av lapp.jpg", "Brev fra PPT.pdf", "Referat fra helsesykepleier.docx");
        fixture.Structure.ToString().Should().NotContain("Feil bilde", "a withdrawn attachment is not archived");

        foreach (var attachment in fixture.Attachments.Where(a => !a.IsWithdrawn))
        {
            var objects = descriptions.Single(d => d.Element(N + "tittel")!.Value == attachment.FileName).Elements(N + "dokumentobjekt").ToList();
            var original = objects.Single(o => o.Element(N + "konvertering") is null);
            var bytes = File.ReadAllBytes(Path.Combine(fixture.Result.Folder, original.Element(N + "referanseDokumentfil")!.Value));
            Convert.ToHexStringLower(SHA256.HashData(bytes)).Should().Be(attachment.Sha256, "the file in the archive is the one whose SHA-256 the timeline gives");
            original.Element(N + "sjekksum")!.Value.Should().Be(attachment.Sha256);
            original.Element(N + "filstoerrelse")!.Value.Should().Be(attachment.SizeBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var (variant, format) = attachment.Kind switch
            {
                AttachmentKind.Png => ("Arkivformat", "fmt/13"),
                AttachmentKind.Jpeg => ("Arkivformat", "fmt/43"),
                AttachmentKind.Pdf => ("Produksjonsformat", "fmt/18"),
                _ => ("Produksjonsformat", "fmt/412"),
            };
            original.Element(N + "variantformat")!.Value.Should().Be(variant, attachment.FileName);
            original.Element(N + "format")!.Value.Should().Be(format, attachment.FileName);
            objects.Should().HaveCount(attachment.Kind == AttachmentKind.Docx ? 2 : 1, "only the Word document gets a PDF/A variant");
        }
        var converted = descriptions.Single(d => d.Element(N + "tittel")!.Value.EndsWith(".docx")).Elements(N + "dokumentobjekt")
            .Single(o => o.Element(N + "konvertering") is not null);
        converted.Element(N + "variantformat")!.Value.Should().Be("Arkivformat");
        converted.Element(N + "format")!.Value.Should().Be("fmt/477");
        converted.Element(N + "konvertering")!.Element(N + "konvertertFraFormat")!.Value.Should().Be("fmt/412");
    }

    [Fact]
    public void EveryDocumentInPdfA2b_IsWhatPopplerReads_AsUnencryptedPdf_DeclaringPdfA2B_InItsXmp_WithEveryFontEmbedded()
    {
        foreach (var file in PdfA2bFiles())
        {
            var info = Run("pdfinfo", file);
            info.Should().MatchRegex(@"(?m)^PDF version:\s+1\.\d", file).And.MatchRegex(@"(?m)^Encrypted:\s+no", file).And.MatchRegex(@"(?m)^Pages:\s+[1-9]", file);
            var xmp = Run("pdfinfo", "-meta", file);
            xmp.Should().MatchRegex(@"pdfaid:part(>|=[""'])2", file).And.MatchRegex(@"pdfaid:conformance(>|=[""'])B", file);
            var fonts = Run("pdffonts", file).Split('\n').Skip(2).Where(l => l.Trim().Length > 0).ToList();
            fonts.Should().NotBeEmpty(file);
            fonts.Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[^5]).Should().AllBe("yes", "every font is embedded ({0})", file);
        }
    }

    /// <summary>The files the structure says are PDF/A-2b (fmt/477).</summary>
    private List<string> PdfA2bFiles() =>
        Root.Descendants(N + "dokumentobjekt").Where(o => o.Element(N + "format")!.Value == Noark5Package.PdfA2bFormat)
            .Select(o => Path.Combine(fixture.Result.Folder, o.Element(N + "referanseDokumentfil")!.Value)).ToList();

    private static string Run(string tool, params string[] arguments)
    {
        var start = new System.Diagnostics.ProcessStartInfo($"/usr/bin/{tool}") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        process.ExitCode.Should().Be(0, $"{tool} {string.Join(' ', arguments)}: {process.StandardError.ReadToEnd()}");
        return output;
    }

    /// <summary>Element names and systemIDs in document order: what must not change between runs (dates, checksums and sizes may).</summary>
    private static List<string> Shape(XDocument document) =>
        document.Root!.DescendantsAndSelf()
            .Select(e => e.Name.LocalName == "systemID" ? "systemID=" + e.Value : e.Name.LocalName).ToList();

    private static void ExpectSequence(XElement element, params string[] names) =>
        element.Elements().Select(e => e.Name.LocalName).Distinct().Should().StartWith(names, element.Name.LocalName);
}
