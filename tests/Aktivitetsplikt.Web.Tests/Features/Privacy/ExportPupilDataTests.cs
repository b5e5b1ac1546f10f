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
        zip.Entries.Select(e => e.FullName).Should().BeEquivalentTo([ExportPupilData.JsonFileName, ExportPupilData.DocumentFileName]);
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
        result.Sections.Should().Equal("pupil", "guardians", "cases", "documents", "access");

        documentText.Should().Contain("Emma Hansen").And.Contain("Marte Hansen").And.Contain("Kontaktlærer følger med i friminuttene.")
            .And.Contain("Det var i storefri, ikke i gymtimen.").And.Contain(Org.Principal1.DisplayName);
        documentText.Split('\n').Should().NotContain("pupil", "a stored code (the voice's source) is shown in words");
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
