using System.Net;
using Microsoft.EntityFrameworkCore;

namespace Aktivitetsplikt.Web.Tests.Http;

/// <summary>
/// The family's case page over HTTP, with the demo data: Marte Larsen is registered as Jakob's mother; Jakob's case has a
/// plan that names two other pupils (Filip Kristiansen and Sofie) and staff-only entries (the intervention, the finding).
/// </summary>
public sealed class FamilyPageTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Guardian_OpensTheirChildsCase_SeesTheStateThePlanMaskedAndWhatWasDone_ButNoStaffText()
    {
        var jakob = await app.CaseOfPupilAsync("Jakob");
        using var client = await app.NewGuardianClientAsync();

        var list = await client.GetAsync("/familie");
        list.Status.Should().Be(HttpStatusCode.OK);
        list.Get("[data-testid=family-case-link]").GetAttribute("href").Should().Be($"/familie/sak/{jakob}");

        var page = await client.GetAsync($"/familie/sak/{jakob}");

        page.Status.Should().Be(HttpStatusCode.OK);
        page.Get("h1").TextContent.Should().Be("Saken om Jakob");
        page.Get("[data-testid=family-state]").TextContent.Should().Contain("Skolen har laget en aktivitetsplan og gjennomfører tiltak.");
        var plan = page.Get("[data-testid=family-plan]").TextContent;
        plan.Should().Contain("Voksen til stede i garderoben før og etter gym").And.Contain("Kari Lærer", "who does each measure is part of the plan (§ 12-4 tredje ledd d)")
            .And.Contain("[navn skjult]");
        plan.Should().NotContain("Filip").And.NotContain("Sofie", "other pupils named in the plan are masked as in the family's copies");
        var done = page.Get("[data-testid=family-timeline]").TextContent;
        done.Should().Contain("Skolen fastsatte aktivitetsplanen (versjon 1)").And.Contain("En voksen grep inn");
        page.Text.Should().NotContain("Gikk inn i garderoben og stoppet dyttingen", "the intervention's text is the staff's")
            .And.NotContain("Observasjon bekrefter", "the finding's text is the staff's");
        done.Should().NotContain("Randi Rektor").And.NotContain("Kari Lærer", "what was done names no member of staff");
        page.Find("[data-testid=family-view-form]").Should().NotBeNull();
        page.Find("[data-testid=family-disagree-form]").Should().NotBeNull("the plan is in force");
    }

    [Fact]
    public async Task EveryViewOfTheFamilyCasePage_IsOneAuditRead()
    {
        var jakob = await app.CaseOfPupilAsync("Jakob");
        using var client = await app.NewGuardianClientAsync();
        var before = await ViewsAsync(jakob);

        (await client.GetAsync($"/familie/sak/{jakob}")).Status.Should().Be(HttpStatusCode.OK);
        (await client.GetAsync($"/familie/sak/{jakob}")).Status.Should().Be(HttpStatusCode.OK);

        (await ViewsAsync(jakob)).Should().Be(before + 2);
    }

    [Fact]
    public async Task AnotherPupilsCase_IsANorwegian404_AndTheAttemptIsLogged()
    {
        var emma = await app.CaseOfPupilAsync("Emma");
        using var client = await app.NewGuardianClientAsync();

        var page = await client.GetAsync($"/familie/sak/{emma}");

        page.Status.Should().Be(HttpStatusCode.NotFound);
        page.Get("h1").TextContent.Should().Be("Fant ikke siden, eller du har ikke tilgang");
        page.Text.Should().Contain("Forsøket er logget.");
        page.Text.Should().NotContain("Emma");
        (await app.QueryAsync(db => db.AuditEntries.CountAsync(a => a.Action == "AccessRefused" && a.CaseId == emma && a.Details.Contains("GetFamilyCase"))))
            .Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task StaffCannotOpenTheFamilyPage_AndAGuardianCannotOpenTheStaffCasePage()
    {
        var jakob = await app.CaseOfPupilAsync("Jakob");
        using var principal = app.NewClient();
        await principal.SignInOrFailAsync("randi.rektor");
        using var guardian = await app.NewGuardianClientAsync();

        (await principal.GetAsync($"/familie/sak/{jakob}")).LocationPath.Should().Be("/ingen-tilgang");
        (await guardian.GetAsync($"/saker/{jakob}")).LocationPath.Should().Be("/ingen-tilgang");
        (await guardian.GetAsync(Web.Features.Family.GetFamilyLetter.Path(jakob))).Status.Should().Be(HttpStatusCode.NotFound,
            "the school has made no parent letter on Jakob's case yet");
    }

    [Fact]
    public async Task Guardian_GivesTheirView_IsRedirectedWithAThankYou_AndThePrincipalSeesItOnTheCasePage()
    {
        var jakob = await app.CaseOfPupilAsync("Jakob");
        using var client = await app.NewGuardianClientAsync();
        var page = await client.GetAsync($"/familie/sak/{jakob}");

        var posted = await client.SubmitAsync(page, "family-view",
            ("View.ParentsView", "Vi synes tiltakene er for svake i garderoben."),
            ("View.PupilViewAsTold", "Jakob sier at det fortsatt skjer etter gym."),
            ("View.PupilFeels", "NotSafe"));

        posted.Status.Should().Be(HttpStatusCode.Redirect);
        var after = await client.FollowAsync(posted);
        after.Get("[data-testid=family-sent]").TextContent.Should().Contain("rektor har fått beskjed");
        after.Get("[data-testid=family-timeline]").TextContent.Should().Contain("Vi synes tiltakene er for svake i garderoben.")
            .And.Contain("Du sa: barnet er ikke trygt");

        using var principal = app.NewClient();
        await principal.SignInOrFailAsync("randi.rektor");
        var casePage = await principal.GetAsync($"/saker/{jakob}");
        var fromFamily = casePage.Get("[data-testid=from-family]").TextContent;
        fromFamily.Should().Contain("Vi synes tiltakene er for svake i garderoben.").And.Contain("Jakob sier at det fortsatt skjer etter gym.")
            .And.Contain("fortalt av foresatt på familiesiden");
        var inbox = await principal.GetAsync("/varsler");
        inbox.Text.Should().Contain("Foresatte eller en elev har sagt sin mening");
    }

    [Fact]
    public async Task AnEmptyView_IsRefusedByTheField_WithA400_AndNothingIsSaved()
    {
        var jakob = await app.CaseOfPupilAsync("Jakob");
        using var client = await app.NewGuardianClientAsync();
        var before = await app.CaseSnapshotAsync(jakob);

        var posted = await client.SubmitAsync(await client.GetAsync($"/familie/sak/{jakob}"), "family-view", ("View.ParentsView", "  "));

        posted.Status.Should().Be(HttpStatusCode.BadRequest);
        posted.Text.Should().Contain("Skriv hva dere mener, hva barnet sier, eller begge deler.");
        (await app.CaseSnapshotAsync(jakob)).Should().Be(before);
    }

    [Theory]
    [InlineData("NUL", "Det skjer\0igjen.")]
    [InlineData("over the form limit", null)]
    public async Task AFormTheServerCannotRead_IsA400NorwegianPage_AndNothingIsSaved(string what, string? value)
    {
        var jakob = await app.CaseOfPupilAsync("Jakob");
        using var client = await app.NewGuardianClientAsync();
        var before = await app.CaseSnapshotAsync(jakob);

        var posted = await client.SubmitAsync(await client.GetAsync($"/familie/sak/{jakob}"), "family-view",
            ("View.ParentsView", value ?? new string('a', 5 << 20)));

        posted.Status.Should().Be(HttpStatusCode.BadRequest, what);
        posted.Document.DocumentElement.GetAttribute("lang").Should().Be("nb");
        posted.Get("h1").TextContent.Should().Be("Skjemaet kunne ikke tas imot");
        posted.Text.Should().Contain("Ingenting er lagret.");
        (await app.CaseSnapshotAsync(jakob)).Should().Be(before);
    }

    [Fact]
    public async Task Guardian_AsksForAMeeting_AndSaysTheyDisagreeWithThePlan_BothRecordedOnTheCase()
    {
        var jakob = await app.CaseOfPupilAsync("Jakob");
        using var client = await app.NewGuardianClientAsync();

        var meeting = await client.SubmitAsync(await client.GetAsync($"/familie/sak/{jakob}"), "family-meeting",
            ("Meeting.About", "Vi vil snakke om gymtimene."), ("Meeting.WhenSuits", "Tirsdager etter kl. 15"));
        var disagree = await client.SubmitAsync(await client.GetAsync($"/familie/sak/{jakob}"), "family-disagree",
            ("Disagree.WithWhat", "Voksen til stede i garderoben"), ("Disagree.Why", "Det skjer også på vei hjem fra gym."));

        meeting.Status.Should().Be(HttpStatusCode.Redirect);
        disagree.Status.Should().Be(HttpStatusCode.Redirect);
        var entries = await app.QueryAsync(db => db.CaseEntries.Where(e => e.CaseId == jakob && e.ActorRole == Domain.Cases.Role.Guardian)
            .Select(e => new { e.Kind, e.Text, e.Detail }).ToListAsync());
        entries.Should().ContainEquivalentOf(new { Kind = Domain.Cases.EntryKind.MeetingRequested, Text = "Vi vil snakke om gymtimene.", Detail = (string?)"Tirsdager etter kl. 15" });
        entries.Should().ContainEquivalentOf(new { Kind = Domain.Cases.EntryKind.PlanDisagreement, Text = "Det skjer også på vei hjem fra gym.", Detail = (string?)"Voksen til stede i garderoben" });
    }

    [Fact]
    public async Task AGuardianPostingToAnotherPupilsCase_GetsTheNorwegian404_AndNothingIsSaved()
    {
        var jakob = await app.CaseOfPupilAsync("Jakob");
        var emma = await app.CaseOfPupilAsync("Emma");
        using var client = await app.NewGuardianClientAsync();
        var page = await client.GetAsync($"/familie/sak/{jakob}");
        var before = await app.CaseSnapshotAsync(emma);

        var form = page.Form("family-view");
        form.SetAttribute("action", $"/familie/sak/{emma}");
        var posted = await client.SubmitAsync(page, form, ("View.ParentsView", "Forsøk på en annen sak."));

        posted.Status.Should().Be(HttpStatusCode.NotFound);
        posted.Get("h1").TextContent.Should().Be("Fant ikke siden, eller du har ikke tilgang");
        (await app.CaseSnapshotAsync(emma)).Should().Be(before);
    }

    private Task<int> ViewsAsync(Guid caseId) =>
        app.QueryAsync(db => db.AuditEntries.CountAsync(a => a.Action == "ViewFamilyCase" && a.CaseId == caseId));
}
