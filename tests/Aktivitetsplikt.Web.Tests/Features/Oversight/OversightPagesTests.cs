using System.Net;
using Aktivitetsplikt.Web.Tests.Http;

namespace Aktivitetsplikt.Web.Tests.Features.Oversight;

/// <summary>The app over HTTP with the demo data: /oversikt and /saker/{id}/logg as the browser gets them.</summary>
public sealed class OversightPagesTests : IClassFixture<AppFactory>
{
    private readonly AppFactory _app;

    public OversightPagesTests(AppFactory app) => _app = app;

    [Fact]
    public async Task Overview_ForTheTeam_ShowsTheTables()
    {
        var client = await _app.SignedInAsync("siri.9a");

        var response = await client.GetAsync("/oversikt");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        html.Should().Contain("data-testid=\"state-table\"").And.Contain("data-testid=\"overdue-table\"").And.Contain("Sjøkanten ungdomsskole");
    }

    [Fact]
    public async Task Overview_ForAPrincipal_IsRefused()
    {
        var client = await _app.SignedInAsync("randi.rektor");

        var response = await client.GetAsync("/oversikt");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.Should().Contain("/ingen-tilgang");
    }

    [Fact]
    public async Task AuditLog_ForThePrincipal_ShowsTheVerification()
    {
        var client = await _app.SignedInAsync("randi.rektor");
        var nora = await _app.CaseOfPupilAsync("Nora");

        var response = await client.GetAsync($"/saker/{nora}/logg");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()).Should().Contain("Loggkjeden er intakt (");
    }

    [Fact]
    public async Task AuditLog_OfACaseOutsideScope_Is404WithTheNotFoundText()
    {
        var client = await _app.SignedInAsync("randi.rektor");
        var leadershipCase = await _app.CaseOfPupilAsync("Oskar");

        var response = await client.GetAsync($"/saker/{leadershipCase}/logg");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        html.Should().Contain("Fant ikke siden, eller du har ikke tilgang").And.NotContain("Oskar");
    }

    [Fact]
    public async Task AuditLog_ForStaff_IsRefusedAsNotFound()
    {
        var client = await _app.SignedInAsync("kari.laerer");
        var nora = await _app.CaseOfPupilAsync("Nora");

        var response = await client.GetAsync($"/saker/{nora}/logg");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
