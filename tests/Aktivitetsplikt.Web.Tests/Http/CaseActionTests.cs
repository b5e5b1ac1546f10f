using System.Net;
using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Features.Cases;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Pipeline;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aktivitetsplikt.Web.Tests.Http;

/// <summary>
/// The case page's action forms over HTTP: each posted with its antiforgery token by a role that may
/// take the step (Post/Redirect/Get), refused in Norwegian for one that may not, and never a 500.
/// </summary>
public sealed class CaseActionTests : IClassFixture<AppFactory>
{
    private readonly AppFactory _app;

    public CaseActionTests(AppFactory app) => _app = app;

    [Fact]
    public async Task EveryActionForm_PostsWithAntiforgery_RedirectsAndIsRecordedInOrder()
    {
        using var kari = _app.NewClient();
        await kari.SignInOrFailAsync("kari.laerer");
        using var randi = _app.NewClient();
        await randi.SignInOrFailAsync("randi.rektor");
        using var siri = _app.NewClient();
        await siri.SignInOrFailAsync("siri.9a");
        var caseId = await LogConcernAsync(kari, "Lucas", "Lucas ble holdt fast og slått i gangen.", notifyPrincipal: false);

        await DoAsync(kari, caseId, "RecordIntervention", _ => new[] { F("Form.Text", "Stoppet slåingen og snakket med elevene."), F("Form.OccurredAt", "2026-11-20T09:15") });
        await DoAsync(kari, caseId, "AddComment", _ => new[] { F("Form.Text", "Lucas var lei seg resten av dagen.") });
        await DoAsync(kari, caseId, "CorrectEntry", p => new[] { F("Form.EntryId", FirstOption(p, "#a-CorrectEntry-EntryId")), F("Form.Text", "Det var i garderoben, ikke i gangen.") });
        await DoAsync(kari, caseId, "NotifyPrincipal", _ => new[] { F("Form.Text", "Rektor bør se på dette i dag.") });
        await DoAsync(randi, caseId, "StartInvestigation", _ => new[] { F("Form.Text", "Samtaler med Lucas, de involverte og foreldrene.") });
        await DoAsync(randi, caseId, "RecordFinding", _ => new[] { F("Form.Text", "To elever i 6B har holdt Lucas fast flere ganger.") });
        await DoAsync(randi, caseId, "RecordPupilVoice", _ => new[] { F("Form.View", "NotSafe"), F("Form.Text", "Lucas sier han gruer seg til gym.") });
        await DoAsync(randi, caseId, "RecordParentContact", _ => new[] { F("Form.Text", "Ringte mor; hun kommer på møte fredag.") });
        await DoAsync(randi, caseId, "FlagParticularVulnerability", _ => new[] { F("Form.Text", "Lucas har en diagnose som gjør ham sårbar.") });
        var escalated = await DoAsync(randi, caseId, "EscalateToSchoolOwner", _ => new[] { F("Form.Text", "Skoleeier bør følge saken.") });
        escalated.Find("details#action-Close").Should().BeNull("the pupil said he is not safe, so the case cannot be closed without measures");
        var kariId = await _app.UserIdAsync("kari.laerer");
        await PlanStepAsync(randi, "randi.rektor", caseId, "AdoptPlan", () => Task.FromResult<ICaseCommand>(new AdoptPlan.Command(caseId, null, new PlanInput(
            "Lucas blir holdt fast og slått av to elever, og er ikke trygg i gym.",
            [new MeasureInput("Voksen i garderoben før og etter gym", "Alle gymtimer fra neste uke", "Kari Lærer", kariId, null)],
            DateOnly.FromDateTime(DateTime.UtcNow.AddDays(14)), null, null, null, null))));
        await DoAsync(kari, caseId, "RecordMeasureProgress", p => new[]
        {
            F("Form.MeasureKey", FirstOption(p, "#a-RecordMeasureProgress-MeasureKey")), F("Form.Status", "UnderWay"), F("Form.Text", "Startet mandag."),
        });
        await PlanStepAsync(randi, "randi.rektor", caseId, "RevisePlan", async () =>
        {
            var plan = await _app.QueryAsync(db => db.PlanVersions.AsNoTracking().Include(p => p.Measures).Where(p => p.CaseId == caseId).OrderBy(p => p.Version).LastAsync());
            return new RevisePlan.Command(caseId, null, new PlanInput(plan.Problem,
                plan.Measures.Select(m => new MeasureInput(m.Description, m.When, m.ResponsibleName, m.ResponsibleUserId, m.EvaluateOn, m.MeasureKey)).ToList(),
                plan.EvaluationDate.AddDays(7), null, null, null, null), "Ny evalueringsdato etter møtet med foreldrene.");
        });
        await DoAsync(randi, caseId, "StartEvaluation", _ => Array.Empty<(string, string?)>());
        await DoAsync(randi, caseId, "RecordEvaluation", _ => new[]
        {
            F("Form.View", "Safe"), F("Form.Text2", "Lucas sier at han er trygg nå."), F("Form.Text", "Tiltaket har virket."),
        });
        await DoAsync(randi, caseId, "Close", _ => new[] { F("Form.Text", "Lucas har et trygt og godt skolemiljø igjen.") });
        await DoAsync(randi, caseId, "RecordCountyGovernorCase", _ => new[] { F("Form.Text", "Foreldrene har meldt saken til Statsforvalteren.") });
        await DoAsync(siri, caseId, "RecordCountyGovernorDecision", _ => new[] { F("Form.Text", "Statsforvalteren fant ikke brudd på aktivitetsplikten.") });
        var reopened = await DoAsync(randi, caseId, "Reopen", _ => new[] { F("Form.Text", "Ny hendelse meldt av kontaktlærer.") });

        reopened.Get("[data-testid=timeline]").TextContent.Should().Contain("Ny hendelse meldt av kontaktlærer.");
        var kinds = await _app.QueryAsync(db => db.CaseEntries.Where(e => e.CaseId == caseId).OrderBy(e => e.Sequence).Select(e => e.Kind).ToListAsync());
        kinds.Should().ContainInOrder(
            EntryKind.ConcernLogged, EntryKind.Intervention, EntryKind.Comment, EntryKind.Correction, EntryKind.PrincipalNotified,
            EntryKind.InvestigationStarted, EntryKind.Finding, EntryKind.PupilVoice, EntryKind.ParentContact, EntryKind.ParticularVulnerability,
            EntryKind.Escalated, EntryKind.PlanAdopted, EntryKind.MeasureProgress, EntryKind.PlanRevised, EntryKind.EvaluationStarted,
            EntryKind.Evaluation, EntryKind.Closed, EntryKind.CountyGovernorCase, EntryKind.CountyGovernorDecision, EntryKind.Reopened);
        (await _app.CaseSnapshotAsync(caseId)).State.Should().Be(CaseState.Investigating);
    }

    [Fact]
    public async Task StaffReportingLeadershipSuspicionMidCase_HandsTheCaseToTheSchoolOwner_AndThePrincipalLosesIt()
    {
        using var kari = _app.NewClient();
        using var randi = _app.NewClient();
        using var siri = _app.NewClient();
        await kari.SignInOrFailAsync("kari.laerer");
        await randi.SignInOrFailAsync("randi.rektor");
        await siri.SignInOrFailAsync("siri.9a");
        var caseId = await LogConcernAsync(kari, "Filip", "Filip gråt etter et møte på kontoret.", notifyPrincipal: true);
        (await randi.GetAsync($"/saker/{caseId}")).Status.Should().Be(HttpStatusCode.OK);

        await DoAsync(kari, caseId, "ReportEmployeeSuspicion", _ => new[]
        {
            F("Form.Text", "Filip sier at inspektøren kjeftet og truet ham."), F("Form.LeadershipSuspected", "true"),
        });

        (await randi.GetAsync($"/saker/{caseId}")).Status.Should().Be(HttpStatusCode.NotFound);
        var teamView = await siri.GetAsync($"/saker/{caseId}");
        teamView.Status.Should().Be(HttpStatusCode.OK);
        teamView.Get("[data-testid=timeline]").TextContent.Should().Contain("Noen i skoleledelsen er mistenkt");
        teamView.Find("details#action-StartInvestigation").Should().NotBeNull("the school owner now handles the case");
    }

    [Fact]
    public async Task StaffStartingTheInvestigation_IsRefusedInNorwegian_AndNothingChanges()
    {
        using var kari = _app.NewClient();
        await kari.SignInOrFailAsync("kari.laerer");
        var caseId = await LogConcernAsync(kari, "Filip", "Filip ble dyttet ned trappa.", notifyPrincipal: true);
        var page = await kari.GetAsync($"/saker/{caseId}");
        page.Find("details#action-StartInvestigation").Should().BeNull("staff are not offered a step only leaders may take");
        var before = await _app.CaseSnapshotAsync(caseId);
        before.State.Should().Be(CaseState.PrincipalNotified);

        // The command asked for through a form staff do have: the server, not the missing button, refuses it.
        var viaOtherForm = await kari.SubmitAsync(page, "action-AddComment", F("Form.Trigger", "StartInvestigation"), F("Form.Text", "Jeg starter undersøkelsen."));
        // The step's own (hidden) form posted directly: the server refuses it with the reason, in Norwegian.
        var forged = await kari.PostAsync($"/saker/{caseId}", new Dictionary<string, string>
        {
            ["_handler"] = "action-StartInvestigation", ["__RequestVerificationToken"] = page.AntiforgeryToken!,
            ["Form.Trigger"] = "StartInvestigation", ["Form.Revision"] = before.Revision.ToString(), ["Form.Text"] = "Jeg starter undersøkelsen.",
        });

        viaOtherForm.Status.Should().Be(HttpStatusCode.OK);
        viaOtherForm.Get("[data-testid=error-summary]").TextContent.Should().Contain("Rollen din kan ikke gjøre dette steget i saken.");
        forged.Status.Should().Be(HttpStatusCode.OK);
        forged.Get("[data-testid=error-summary]").TextContent.Should().Contain("Rollen din kan ikke gjøre dette steget i saken.");
        (await _app.CaseSnapshotAsync(caseId)).Should().Be(before);
    }

    [Fact]
    public async Task PrincipalActingOnAnotherSchoolsCase_IsRefused_Audited_AndNothingChanges()
    {
        var emma = await _app.CaseOfPupilAsync("Emma");
        var per = await _app.UserIdAsync("per.rektor");
        using var randi = _app.NewClient();
        await randi.SignInOrFailAsync("randi.rektor");
        var page = await randi.GetAsync($"/saker/{emma}");
        using var other = _app.NewClient();
        await other.SignInOrFailAsync("per.rektor");
        var otherPage = await other.GetAsync("/saker");
        var before = await _app.CaseSnapshotAsync(emma);

        var result = await other.PostAsync($"/saker/{emma}", new Dictionary<string, string>
        {
            ["_handler"] = "action-AddComment", ["__RequestVerificationToken"] = otherPage.AntiforgeryToken!,
            ["Form.Trigger"] = "AddComment", ["Form.Revision"] = page.Form("action-AddComment").QuerySelector("input[name='Form.Revision']")!.GetAttribute("value")!,
            ["Form.Text"] = "Kommentar fra feil skole",
        });

        ((int)result.Status).Should().BeOneOf(400, 404);
        (await _app.CaseSnapshotAsync(emma)).Should().Be(before);
        (await _app.QueryAsync(db => db.AuditEntries.CountAsync(a => a.Action == "AccessRefused" && a.UserId == per && a.CaseId == emma))).Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task StalePage_IsRefusedAsAConflict_AndKeepsTheText()
    {
        var jakob = await _app.CaseOfPupilAsync("Jakob");
        using var randi = _app.NewClient();
        await randi.SignInOrFailAsync("randi.rektor");
        var stale = await randi.GetAsync($"/saker/{jakob}");
        await DoAsync(randi, jakob, "AddComment", _ => new[] { F("Form.Text", "Først.") });
        var before = await _app.CaseSnapshotAsync(jakob);

        var result = await randi.SubmitAsync(stale, "action-AddComment", F("Form.Text", "Skrevet på en gammel side."));

        result.Status.Should().Be(HttpStatusCode.OK);
        result.Get("[data-testid=action-error]").TextContent.Should().Contain("Saken ble endret av noen andre");
        result.Get("#a-AddComment-Text").TextContent.Should().Be("Skrevet på en gammel side.");
        (await _app.CaseSnapshotAsync(jakob)).Should().Be(before);
    }

    [Fact]
    public async Task StalePage_WhoseStepIsNoLongerPossible_GetsTheNorwegianReason_AndTheTextBack_NotTheFrameworks400()
    {
        var noah = await _app.CaseOfPupilAsync("Noah");
        using var randi = _app.NewClient();
        await randi.SignInOrFailAsync("randi.rektor");
        var stale = await randi.GetAsync($"/saker/{noah}");
        stale.HasForm("action-StartInvestigation").Should().BeTrue();
        await DoAsync(randi, noah, "StartInvestigation", _ => new[] { F("Form.Text", "Samtale med Noah.") });
        var before = await _app.CaseSnapshotAsync(noah);

        var result = await randi.SubmitAsync(stale, "action-StartInvestigation", F("Form.Text", "Plan skrevet på en gammel side."));

        result.Status.Should().Be(HttpStatusCode.OK);
        result.Get("[data-testid=action-error]").TextContent.Should().Contain("Saken ble endret av noen andre");
        result.Text.Should().Contain("Plan skrevet på en gammel side.");
        (await _app.CaseSnapshotAsync(noah)).Should().Be(before);
    }

    [Fact]
    public async Task AfterDownloadingADocument_TheNextStepFromTheSamePage_IsNotAConflict()
    {
        var jakob = await _app.CaseOfPupilAsync("Jakob");
        using var randi = _app.NewClient();
        await randi.SignInOrFailAsync("randi.rektor");
        var page = await randi.GetAsync($"/saker/{jakob}");

        var download = await randi.SubmitAsync(page, page.FormPostingTo($"/saker/{jakob}/dokumenter/foreldrebrev"));
        download.Status.Should().Be(HttpStatusCode.OK);
        var result = await randi.SubmitAsync(page, "action-AddComment", F("Form.Text", "Foreldrebrevet er sendt hjem."));

        result.IsRedirect.Should().BeTrue("a generated document changes nothing the user saw on the page");
        var kinds = await _app.QueryAsync(db => db.CaseEntries.Where(e => e.CaseId == jakob).OrderBy(e => e.Sequence).Select(e => e.Kind).ToListAsync());
        kinds.TakeLast(2).Should().Equal(EntryKind.DocumentGenerated, EntryKind.Comment);
    }

    public static TheoryData<string, string, string> BadInput() => new()
    {
        { "action-AddComment", "Form.Revision", "abc" },
        { "action-AddComment", "Form.Revision", "-99999999999999999999" },
        { "action-AddComment", "Form.Trigger", "Tull" },
        { "action-AddComment", "Form.Trigger", "" },
        { "action-AddComment", "Form.Text", "" },
        { "action-AddComment", "Form.Text", new string('x', 5000) },
        { "action-AddComment", "Form.FromParent", "kanskje" },
        { "action-AddComment", "Form.Measures[99999].Description", "x" },
        { "action-RecordIntervention", "Form.OccurredAt", "i går" },
        { "action-RecordIntervention", "Form.OccurredAt", "9999-99-99T99:99" },
        { "action-RecordPupilVoice", "Form.View", "Kanskje" },
        { "action-RecordPupilVoice", "Form.View", "" },
        { "action-RecordMeasureProgress", "Form.MeasureKey", "ikke-en-guid" },
        { "action-RecordMeasureProgress", "Form.Status", "Planned" },
        { "action-RecordMeasureProgress", "Form.MeasureKey", "00000000-0000-0000-0000-000000000000" },
        { "action-CorrectEntry", "Form.EntryId", "ikke-en-guid" },
        { "action-CorrectEntry", "Form.EntryId", "00000000-0000-0000-0000-000000000000" },
    };

    [Theory]
    [MemberData(nameof(BadInput))]
    public async Task BadInput_IsNeverA500_AndChangesNothing(string form, string field, string value)
    {
        var jakob = await _app.CaseOfPupilAsync("Jakob");
        using var randi = _app.NewClient();
        await randi.SignInOrFailAsync("randi.rektor");
        var page = await randi.GetAsync($"/saker/{jakob}");
        var extra = field == "Form.Text" || form == "action-AddComment" ? Array.Empty<(string, string?)>() : new[] { F("Form.Text", "Gyldig tekst.") };
        var before = await _app.CaseSnapshotAsync(jakob);

        var result = await randi.SubmitAsync(page, form, extra.Append(F(field, value)).ToArray());

        ((int)result.Status).Should().BeOneOf(new[] { 200, 400 }, $"{field}={value} is bad input, not a server error: {result.Text[..Math.Min(300, result.Text.Length)]}");
        (await _app.CaseSnapshotAsync(jakob)).Should().Be(before);
    }

    [Fact]
    public async Task Markup_InAComment_IsStoredAsText_AndShownEncoded()
    {
        var jakob = await _app.CaseOfPupilAsync("Jakob");
        using var randi = _app.NewClient();
        await randi.SignInOrFailAsync("randi.rektor");

        var done = await DoAsync(randi, jakob, "AddComment", _ => new[] { F("Form.Text", "<script>alert(1)</script> & <b>fet</b>") });

        done.Html.Should().NotContain("<script>alert(1)</script>").And.NotContain("<b>fet</b>");
        done.Get("[data-testid=timeline]").TextContent.Should().Contain("<script>alert(1)</script> & <b>fet</b>");
    }

    [Fact]
    public async Task ConcernWithoutPupil_IsRefusedInNorwegian_AndKeepsWhatWasWritten()
    {
        using var kari = _app.NewClient();
        await kari.SignInOrFailAsync("kari.laerer");
        var form = await kari.GetAsync("/meld");
        var cases = await _app.QueryAsync(db => db.Cases.CountAsync());

        var result = await kari.SubmitAsync(form, "concern", F("Form.PupilId", ""), F("Form.WhatHappened", "Noen ble ertet i kantina."),
            F("Form.OccurredAt", "i går"), F("Form.Location", "Månen"));

        result.Status.Should().Be(HttpStatusCode.OK);
        result.Get("[data-testid=error-summary]").TextContent.Should().Contain("Skjemaet har feil");
        result.Find("[data-testid=error-summary] li").Should().NotBeNull();
        result.Get("#f-WhatHappened").TextContent.Should().Be("Noen ble ertet i kantina.");
        (await _app.QueryAsync(db => db.Cases.CountAsync())).Should().Be(cases);
    }

    private async Task<Guid> LogConcernAsync(AppClient client, string pupilFirstName, string whatHappened, bool notifyPrincipal)
    {
        var form = await client.GetAsync("/meld");
        var pupil = OptionValue(form, "#f-PupilId", pupilFirstName);

        var posted = await client.SubmitAsync(form, "concern", F("Form.PupilId", pupil), F("Form.WhatHappened", whatHappened),
            F("Form.Location", "Classroom"), F("Form.NotifyPrincipalNow", notifyPrincipal ? "true" : null));

        posted.Status.Should().Be(HttpStatusCode.Redirect, posted.Find("[data-testid=error-summary]")?.TextContent);
        posted.LocationPath.Should().StartWith("/meld/kvittering/");
        var receipt = await client.FollowAsync(posted);
        receipt.Status.Should().Be(HttpStatusCode.OK);
        receipt.Text.Should().Contain("Saksnummer:");
        return Guid.Parse(posted.LocationPath!["/meld/kvittering/".Length..]);
    }

    /// <summary>Takes one step through its form on the case page and follows the redirect back.</summary>
    private static async Task<HtmlPage> DoAsync(AppClient client, Guid caseId, string trigger, Func<HtmlPage, (string, string?)[]> fields)
    {
        var page = await client.GetAsync($"/saker/{caseId}");
        page.Status.Should().Be(HttpStatusCode.OK);
        page.Find($"details#action-{trigger}").Should().NotBeNull($"{trigger} should be offered on the case page");

        var result = await client.SubmitAsync(page, $"action-{trigger}", fields(page));

        if (result.Status != HttpStatusCode.Redirect)
            throw new Xunit.Sdk.XunitException($"{trigger} was not done ({(int)result.Status}): " +
                (result.Find("[data-testid=action-error]") ?? result.Find("[data-testid=error-summary]"))?.TextContent);
        result.Location.Should().Be($"/saker/{caseId}?utfort={trigger}");
        var done = await client.FollowAsync(result);
        done.Status.Should().Be(HttpStatusCode.OK);
        done.Get("[data-testid=action-done]").TextContent.Should().NotBeNullOrWhiteSpace();
        return done;
    }

    /// <summary>
    /// A plan step: the case page links to the plan page, which answers; the page itself is interactive (its
    /// component tests send through it), so here the step is sent as that page sends it, as the user.
    /// </summary>
    private async Task PlanStepAsync(AppClient client, string userName, Guid caseId, string trigger, Func<Task<ICaseCommand>> command)
    {
        var page = await client.GetAsync($"/saker/{caseId}");
        page.Get($"details#action-{trigger} [data-testid=plan-editor-link]").GetAttribute("href").Should().Be($"/saker/{caseId}/plan/ny");
        (await client.GetAsync($"/saker/{caseId}/plan/ny")).Status.Should().Be(HttpStatusCode.OK);
        await using var scope = _app.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Users.SingleAsync(u => u.UserName == userName);
        ((CurrentUser)scope.ServiceProvider.GetRequiredService<ICurrentUser>()).ActAs(user);
        await scope.ServiceProvider.GetRequiredService<IMediator>().Send(await command());
    }

    private static (string, string?) F(string name, string? value) => (name, value);

    private static string FirstOption(HtmlPage page, string select) =>
        page.Get($"{select} option:not([value=''])").GetAttribute("value")!;

    private static string OptionValue(HtmlPage page, string select, string textStart) =>
        page.Document.QuerySelectorAll($"{select} option").First(o => o.TextContent.StartsWith(textStart)).GetAttribute("value")!;
}
