using System.Net;
using System.Text.RegularExpressions;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Features.Demo;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aktivitetsplikt.Web.Tests.Features.Oversight;

/// <summary>The app over HTTP with the demo data: /oversikt and /saker/{id}/logg as the browser gets them.</summary>
public sealed class OversightPagesTests : IClassFixture<OversightPagesTests.App>
{
    public sealed class App : WebApplicationFactory<Program>
    {
        private readonly string _path = Path.Combine(Path.GetTempPath(), $"aktivitetsplikt-oversight-http-{Guid.NewGuid():N}.db");

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("Storage:DatabasePath", _path);
            builder.UseSetting("Demo:Enabled", "true");
        }

        public async Task<Guid> CaseOfAsync(string pupilFirstName)
        {
            using var scope = Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            return await (from c in db.Cases join p in db.Pupils on c.PupilId equals p.Id where p.FirstName == pupilFirstName select c.Id).SingleAsync();
        }

        public async Task<HttpClient> SignedInAsync(string userName)
        {
            var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
            var form = await client.GetStringAsync("/logg-inn");
            string Field(string name) => WebUtility.HtmlDecode(Regex.Match(form, $"name=\"{Regex.Escape(name)}\"[^>]*value=\"([^\"]*)\"").Groups[1].Value);
            var response = await client.PostAsync("/logg-inn", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = Field("_handler"),
                ["__RequestVerificationToken"] = Field("__RequestVerificationToken"),
                ["Form.UserName"] = userName,
                ["Form.Password"] = DemoData.Password,
            }));
            response.StatusCode.Should().Be(HttpStatusCode.Redirect, $"{userName} signs in");
            return client;
        }

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            SqliteConnection.ClearAllPools();
            foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" })
                if (File.Exists(file)) File.Delete(file);
        }
    }

    private readonly App _app;

    public OversightPagesTests(App app) => _app = app;

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
        var nora = await _app.CaseOfAsync("Nora");

        var response = await client.GetAsync($"/saker/{nora}/logg");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()).Should().Contain("Loggkjeden er intakt (");
    }

    [Fact]
    public async Task AuditLog_OfACaseOutsideScope_Is404WithTheNotFoundText()
    {
        var client = await _app.SignedInAsync("randi.rektor");
        var leadershipCase = await _app.CaseOfAsync("Oskar");

        var response = await client.GetAsync($"/saker/{leadershipCase}/logg");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        html.Should().Contain("Fant ikke siden, eller du har ikke tilgang").And.NotContain("Oskar");
    }

    [Fact]
    public async Task AuditLog_ForStaff_IsRefused()
    {
        var client = await _app.SignedInAsync("kari.laerer");
        var nora = await _app.CaseOfAsync("Nora");

        var response = await client.GetAsync($"/saker/{nora}/logg");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.Should().Contain("/ingen-tilgang");
    }
}
