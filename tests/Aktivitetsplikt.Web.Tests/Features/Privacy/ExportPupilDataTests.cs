using System.IO.Compression;
using System.Text.Json;
using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Features.Admin;
using Aktivitetsplikt.Web.Features.Cases;
using Aktivitetsplikt.Web.Features.Documents;
using Aktivitetsplikt.Web.Features.Privacy;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Tests.Features.Documents;
using Aktivitetsplikt.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Aktivitetsplikt.Web.Tests.Features.Privacy;

/// <summary>
/// GDPR art. 15: everything about one pupil. Emma has a closed case, one with measures (a plan, a document made, a comment and
/// a correction) and one being evaluated; a guardian is registered; the principal has opened the cases. Noah has a case of his own.
/// </summary>
public sealed class ExportPupilDataTests : SliceTest
{
    private async Task<(Guid Closed, Guid Measures, Guid Evaluating, Guid Noahs)> SeedAsync()
    {
        var closed = await App.ACase().Closed();
        var measures = await App.ACase().PupilSaysNotSafe().Measures();
        var evaluating = await App.ACase().PupilSaysNotSafe().Evaluating();
        var noahs = await App.ACase().About(Org.Noah).Investigating();
        await App.SendAs(Org.Principal1, new AddComment.Command(measures, null, "Kontaktlærer følger med i friminuttene."));
        var first = (await App.LoadCaseAsync(measures)).Entries.First();
        await App.SendAs(Org.Principal1, new CorrectEntry.Command(measures, null, first.Id, "Det var i storefri, ikke i gymtimen."));
        await App.SendAs(Org.Principal1, new GenerateDocument.Command(measures, DocumentKind.ActivityPlan, 1));
        await App.SendAs(Org.Admin, new RegisterGuardian.Command(Org.Emma.Id, "Marte Hansen", "mor", "01818012337"));
        foreach (var id in new[] { closed, measures, evaluating }) await App.SendAs(Org.Principal1, new GetCaseDetail.Query(id));
        return (closed, measures, evaluating, noahs);
    }

    private static (JsonDocument Json, string DocumentText, string JsonText) Open(ExportPupilData.Result result)
    {
        using var zip = new ZipArchive(new MemoryStream(result.Zip));
        zip.Entries.Select(e => e.FullName).Where(n => !n.StartsWith(AttachedFilesSection.Folder + "/", StringComparison.Ordinal))
            .Should().BeEquivalentTo([ExportPupilData.JsonFileName, ExportPupilData.DocumentFileName]);
        using var jsonStream = new MemoryStream();
        using (var entry = zip.GetEntry(ExportPupilData.JsonFileName)!.Open()) entry.CopyTo(jsonStream);
        var jsonText = System.Text.Encoding.UTF8.GetString(jsonStream.ToArray());
        using var docStream = new MemoryStream();
        using (var entry = zip.GetEntry(ExportPupilData.DocumentFileName)!.Open()) entry.CopyTo(docStream);
        var docx = Docx.Open(docStream.ToArray());
        docx.ValidationErrors.Should().BeEmpty();
        return (JsonDocument.Parse(jsonText), docx.AllText, jsonText);
    }

    [Fact]
    public async Task Export_OfAPupilWithCasesInSeveralStates_HoldsEveryKindOfEntryTheCasesHave_AndEverySection()
    {
        var (closed, measures, evaluating, _) = await SeedAsync();

        var result = await App.SendAs(Org.Team, new ExportPupilData.Query(Org.Emma.Id));
        var (json, documentText, _) = Open(result);

        var stored = await App.WithDb(db => db.CaseEntries.Where(e => e.CaseId == closed || e.CaseId == measures || e.CaseId == evaluating)
            .Select(e => e.Kind).Distinct().ToListAsync());
        var exported = json.RootElement.GetProperty("cases").EnumerateArray()
            .SelectMany(c => c.GetProperty("entries").EnumerateArray())
            .Select(e => Enum.Parse<EntryKind>(e.GetProperty("kind").GetString()!)).Distinct().ToList();
        stored.Should().Contain([EntryKind.ConcernLogged, EntryKind.PlanAdopted, EntryKind.Closed, EntryKind.EvaluationStarted, EntryKind.Comment,
            EntryKind.Correction, EntryKind.DocumentGenerated, EntryKind.PupilVoice], "the seed must hold the kinds the test is about");
        exported.Should().BeEquivalentTo(stored, "every kind of entry the pupil's cases hold is in the export");
        (await App.WithDb(db => db.CaseEntries.CountAsync(e => e.CaseId == closed || e.CaseId == measures || e.CaseId == evaluating)))
            .Should().Be(json.RootElement.GetProperty("cases").EnumerateArray().Sum(c => c.GetProperty("entries").GetArrayLength()));

        json.RootElement.GetProperty("cases").EnumerateArray().Select(c => c.GetProperty("state").GetString())
            .Should().BeEquivalentTo(["Closed", "Measures", "Evaluating"]);
        json.RootElement.GetProperty("cases").EnumerateArray().Sum(c => c.GetProperty("plans").GetArrayLength()).Should().Be(2);
        json.RootElement.GetProperty("pupil").GetProperty("firstName").GetString().Should().Be("Emma");
        json.RootElement.GetProperty("guardians").EnumerateArray().Single().GetProperty("relation").GetString().Should().Be("mor");
        json.RootElement.GetProperty("documents").EnumerateArray().Single().GetProperty("fileName").GetString().Should().StartWith("aktivitetsplan-");
        json.RootElement.GetProperty("access").EnumerateArray().Where(a => a.GetProperty("action").GetString() == "ViewCase")
            .Select(a => a.GetProperty("user").GetString()).Should().HaveCount(3).And.AllBe(Org.Principal1.DisplayName);
        result.Sections.Should().Equal("pupil", "guardians", "cases", "documents", "attachments", "meetings", "necessityRecords", "access");

        documentText.Should().Contain("Emma Hansen").And.Contain("Marte Hansen").And.Contain("Kontaktlærer følger med i friminuttene.")
            .And.Contain("Det var i storefri, ikke i gymtimen.").And.Contain(Org.Principal1.DisplayName);
        documentText.Split('\n').Should().NotContain("pupil", "a stored code (the voice's source) is shown in words");
    }

    [Fact]
    public async Task TheExport_AndTheCountyGovernorsBundle_WriteAnAttachmentEntry_AlikeWithItsText_ThroughTheOneEntryWriter()
    {
        var (_, measures, _, _) = await SeedAsync();
        await App.SendAs(Org.StaffA, new Web.Features.Evidence.AddAttachment.Command(measures, null, "chat-fra-helgen.png", null) { Content = Features.Evidence.TestFiles.Png() });
        var attachment = (await App.SendAs(Org.Principal1, new Web.Features.Evidence.ListAttachments.Query(measures))).Single();
        await App.SendAs(Org.Principal1, new Web.Features.Evidence.SetAttachmentFamilyVisibility.Command(measures, null, attachment.Id, true));

        var (_, exportText, _) = Open(await App.SendAs(Org.Team, new ExportPupilData.Query(Org.Emma.Id)));
        var bundleZip = (await App.SendAs(Org.Team, new GenerateDocument.Command(measures, DocumentKind.CaseBundle))).Content;
        using var zip = new ZipArchive(new MemoryStream(bundleZip));
        using var bundleStream = new MemoryStream();
        using (var entry = zip.Entries.Single(e => e.FullName.EndsWith(".docx") && !e.FullName.StartsWith(BundlePackage.Folder + "/")).Open()) entry.CopyTo(bundleStream);
        var bundle = Docx.Open(bundleStream.ToArray()).Paragraphs.Select(p => p.Text).ToList();
        var export = exportText.Split('\n');

        foreach (var document in new List<string>[] { bundle, [.. export] })
        {
            // Each entry: the system's line, then the entry's text as written.
            var added = document.FindIndex(p => p.StartsWith("Vedlegg: chat-fra-helgen.png (SHA-256 " + attachment.Sha256));
            var shown = document.IndexOf("«chat-fra-helgen.png» vises nå for familien.");
            added.Should().BeGreaterThan(0);
            shown.Should().BeGreaterThan(0);
            document[added + 1].Should().Be("chat-fra-helgen.png");
            document[shown + 1].Should().Be("chat-fra-helgen.png");
        }
    }

    [Fact]
    public async Task Export_HoldsTheAttachedFilesThemselves_TheMeetings_AndTheNecessityRecords_OfThePupilOnly()
    {
        var (_, measures, _, noahs) = await SeedAsync();
        var png = Features.Evidence.TestFiles.Png();
        await App.SendAs(Org.StaffA, new Web.Features.Evidence.AddAttachment.Command(measures, null, "skjermbilde.png", null) { Content = png });
        await App.SendAs(Org.StaffA, new Web.Features.Evidence.AddAttachment.Command(noahs, null, "noahs-bilde.png", null) { Content = Features.Evidence.TestFiles.Png(40, 40) });
        await App.SendAs(Org.Principal1, new Web.Features.Evidence.RecordMeeting.Command(measures, null, Clock.UtcDateTime.AddDays(-1),
            MeetingParticipants.Pupil | MeetingParticipants.Guardians, "Kari (kontaktlærer), mor", "Emma fortalte om garderoben.",
            "Voksen i garderoben før gym", null, false));
        await App.SendAs(Org.StaffA, new Web.Features.Necessity.RecordNecessity.Command(Org.Emma.Id, Clock.UtcDateTime.AddHours(-2), "Gangen ved gymsalen",
            "Kari A Lærer", "Emma slo en medelev.", "Holdt Emma i armene til hun roet seg.", 3, "Ingen", Clock.UtcDateTime.AddHours(-1),
            Clock.UtcDateTime.AddMinutes(-30), "Kari A Lærer, på telefon", Aktivitetsplikt.Domain.Necessity.PupilAccountStatus.Given, "Han begynte, og jeg ble sint.",
            "Samtale med kontaktlærer etter siste time.", "Samtale med foreldrene i morgen."));

        var result = await App.SendAs(Org.Team, new ExportPupilData.Query(Org.Emma.Id));
        var (json, documentText, jsonText) = Open(result);

        var attachment = json.RootElement.GetProperty("attachments").EnumerateArray().Should().ContainSingle().Subject;
        attachment.GetProperty("fileName").GetString().Should().Be("skjermbilde.png");
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(png));
        attachment.GetProperty("sha256").GetString().Should().Be(sha);
        using (var zip = new ZipArchive(new MemoryStream(result.Zip)))
        {
            var file = zip.GetEntry(attachment.GetProperty("fileInExport").GetString()!);
            file.Should().NotBeNull("the attached file itself is in the export");
            using var content = new MemoryStream();
            using (var stream = file!.Open()) stream.CopyTo(content);
            content.ToArray().Should().Equal(png);
            zip.Entries.Count(e => e.FullName.StartsWith(AttachedFilesSection.Folder + "/", StringComparison.Ordinal)).Should().Be(1, "Noah's file is not Emma's data");
        }
        json.RootElement.GetProperty("meetings").EnumerateArray().Should().ContainSingle()
            .Which.GetProperty("whatWasSaid").GetString().Should().Be("Emma fortalte om garderoben.");
        json.RootElement.GetProperty("necessityRecords").EnumerateArray().Should().ContainSingle()
            .Which.GetProperty("pupilAccountText").GetString().Should().Be("Han begynte, og jeg ble sint.");
        documentText.Should().Contain("skjermbilde.png").And.Contain("Emma fortalte om garderoben.").And.Contain("Voksen i garderoben før gym")
            .And.Contain("Han begynte, og jeg ble sint.").And.Contain("Holdt Emma i armene til hun roet seg.");
        jsonText.Should().NotContain("noahs-bilde");
    }

    [Fact]
    public async Task Export_HoldsNothingOfAnotherPupil_NorTheGuardiansIdentityNumber()
    {
        var (_, _, _, noahs) = await SeedAsync();
        var noahsNumber = (await App.LoadCaseAsync(noahs)).CaseNumber;

        var (_, documentText, jsonText) = Open(await App.SendAs(Org.Team, new ExportPupilData.Query(Org.Emma.Id)));

        foreach (var text in new[] { documentText, jsonText })
        {
            text.Should().NotContain("Noah").And.NotContain("Johansen").And.NotContain(noahsNumber).And.NotContain(noahs.ToString());
            text.Should().NotContain("01818012337", "the guardian's national identity number is never stored, so never exported");
        }
    }

    [Fact]
    public async Task Export_IsWrittenToTheAuditChain_WithWhoExportedWhoseData()
    {
        await SeedAsync();

        await App.SendAs(Org.Team, new ExportPupilData.Query(Org.Emma.Id));

        var entry = (await App.AuditEntriesAsync()).Last();
        entry.Action.Should().Be("ExportPupilData");
        entry.UserName.Should().Be(Org.Team.DisplayName);
        entry.Role.Should().Be(Role.SchoolOwnerTeam);
        entry.AtUtc.Should().Be(Clock.UtcDateTime);
        entry.Details.Should().Contain(Org.Emma.Id.ToString()).And.Contain("\"cases\":3");
        (await App.VerifyChainAsync()).IsIntact.Should().BeTrue();
    }

    [Theory]
    [InlineData("teacher")]
    [InlineData("principal")]
    [InlineData("administrator")]
    public async Task Export_ByAnyoneButTheSchoolOwnersTeam_IsRefused_AndNotLogged(string who)
    {
        await SeedAsync();
        var user = who switch { "teacher" => Org.StaffA, "principal" => Org.Principal1, _ => Org.Admin };

        var export = () => App.SendAs(user, new ExportPupilData.Query(Org.Emma.Id));

        await export.Should().ThrowAsync<ForbiddenException>();
        (await App.AuditEntriesAsync()).Should().NotContain(a => a.Action == "ExportPupilData");
    }

    [Fact]
    public async Task Export_OfAnUnknownPupil_IsNotFound()
    {
        var export = () => App.SendAs(Org.Team, new ExportPupilData.Query(Guid.NewGuid()));

        await export.Should().ThrowAsync<NotFoundOrNoAccessException>();
    }

    [Fact]
    public async Task Search_FindsThePupilByNameOrClass_AtTheSchoolOwnersSchools_WithTheirCases()
    {
        await App.ACase().Closed();

        var byName = await App.SendAs(Org.Team, new SearchPupils.Query("emma"));
        var byClass = await App.SendAs(Org.Team, new SearchPupils.Query("5A"));

        byName.Should().ContainSingle().Which.Should().Be(new SearchPupils.Item(Org.Emma.Id, "Emma Hansen", "5A", "Testvik skole", 1));
        byClass.Select(p => p.Name).Should().BeEquivalentTo(["Emma Hansen", "Noah Johansen"]);
    }
}
