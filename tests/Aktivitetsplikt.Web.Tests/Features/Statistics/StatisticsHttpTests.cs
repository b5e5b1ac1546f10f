using System.Net;
using System.Text;
using AngleSharp;
using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Features.Oversight;
using Aktivitetsplikt.Web.Tests.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aktivitetsplikt.Web.Tests.Features.Statistics;

/// <summary>The page and the exports over HTTP with the demo data, as the browser gets them.</summary>
public sealed class StatisticsHttpTests : IClassFixture<AppFactory>
{
    private readonly AppFactory _app;

    public StatisticsHttpTests(AppFactory app) => _app = app;

    [Theory]
    [InlineData("siri.9a")]
    [InlineData("randi.rektor")]
    public async Task StatisticsPage_ShowsTablesAndCharts(string userName)
    {
        var client = await _app.SignedInAsync(userName);

        var response = await client.GetAsync("/statistikk?fra=2026-01&til=2026-12");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        html.Should().Contain("data-testid=\"key-figures-table\"").And.Contain("<svg role=\"img\"").And.Contain("/statistikk/eksport.csv?fra=2026-01&til=2026-12");
    }

    [Fact]
    public async Task StatisticsPage_WithAPeriodBackwards_SaysSo_AndShowsTheDefaultPeriod()
    {
        var client = await _app.SignedInAsync("siri.9a");

        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/statistikk?fra=2026-05&til=2026-01"));

        html.Should().Contain("Perioden må starte før den slutter.").And.Contain("data-testid=\"key-figures-table\"");
    }

    [Fact]
    public async Task StatisticsPage_AfterACommittedChange_ShowsTheNewFigures_NotTheMarkupKeptBefore()
    {
        var client = await _app.SignedInAsync("siri.9a");
        async Task<int> OpenTotalAsync()
        {
            var html = await client.GetStringAsync("/statistikk");
            var page = await BrowsingContext.New(Configuration.Default).OpenAsync(r => r.Content(html));
            return int.Parse(page.QuerySelector("[data-testid=open-table] tfoot td[data-state=Open]")!.TextContent.Trim());
        }
        var cache = _app.Services.GetRequiredService<SummaryCache>();
        var before = await OpenTotalAsync();
        (await OpenTotalAsync()).Should().Be(before, "the same figures, kept");
        var open = await Db(db => db.Cases.Where(c => c.State == CaseState.Investigating).Select(c => c.Id).FirstAsync());
        try
        {
            await Db(db => db.Cases.Where(c => c.Id == open).ExecuteUpdateAsync(u => u.SetProperty(c => c.State, CaseState.Closed)));
            cache.CaseChanged();

            (await OpenTotalAsync()).Should().Be(before - 1);
        }
        finally
        {
            await Db(db => db.Cases.Where(c => c.Id == open).ExecuteUpdateAsync(u => u.SetProperty(c => c.State, CaseState.Investigating)));
            cache.CaseChanged();
        }
    }

    private async Task<T> Db<T>(Func<AppDbContext, Task<T>> work)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    [Fact]
    public async Task StatisticsPage_ForStaff_IsRefused()
    {
        var client = await _app.SignedInAsync("kari.laerer");

        var response = await client.GetAsync("/statistikk");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.Should().Contain("/ingen-tilgang");
    }

    [Theory]
    [InlineData("/statistikk/eksport.csv")]
    [InlineData("/saker/eksport.csv?vis=alle")]
    public async Task Exports_ForTheTeam_AreUtf8CsvWithBom_AsAnAttachment(string path)
    {
        var client = await _app.SignedInAsync("siri.9a");

        var response = await client.GetAsync(path);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        response.Content.Headers.ContentType.CharSet.Should().Be("utf-8");
        response.Content.Headers.ContentDisposition!.DispositionType.Should().Be("attachment");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        bytes.Take(3).Should().Equal(new byte[] { 0xEF, 0xBB, 0xBF });
        Encoding.UTF8.GetString(bytes).Should().Contain(";").And.Contain("Sjøkanten ungdomsskole");
    }

    [Fact]
    public async Task CaseListExport_HasNamesOnlyWhenAsked()
    {
        var client = await _app.SignedInAsync("randi.rektor");

        var without = await client.GetStringAsync("/saker/eksport.csv?vis=alle");
        var with = await client.GetStringAsync("/saker/eksport.csv?vis=alle&navn=1");

        without.Should().NotContain("Nora").And.NotContain("Emma");
        with.Should().Contain("Elev").And.Contain("Nora");
    }

    [Theory]
    [InlineData("kari.laerer", "/saker/eksport.csv")]
    [InlineData("kari.laerer", "/statistikk/eksport.csv")]
    [InlineData("arne.admin", "/saker/eksport.csv?navn=1")]
    public async Task Exports_ForStaffAndTheAdministrator_Are403WithANorwegianSentence(string userName, string path)
    {
        var client = await _app.SignedInAsync(userName);

        var response = await client.GetAsync(path);

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await response.Content.ReadAsStringAsync()).Should().Be("Rollen din kan ikke laste ned statistikk eller sakslister. Rektor og skoleeiers § 9A-team kan.");
    }

    [Fact]
    public async Task StatisticsExport_WithABadPeriod_Is400WithTheReason()
    {
        var client = await _app.SignedInAsync("siri.9a");

        var response = await client.GetAsync("/statistikk/eksport.csv?fra=2026-05&til=2026-01");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Be("Perioden må starte før den slutter.");
    }

    [Fact]
    public async Task Exports_WhenNotSignedIn_GoToTheSignInPage()
    {
        var client = _app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync("/saker/eksport.csv");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.Should().Contain("/logg-inn");
    }

    [Fact]
    public async Task CaseListPage_OffersTheDownload_WithTheCurrentFilters_ToThePrincipalButNotToStaff()
    {
        var principal = await _app.SignedInAsync("randi.rektor");
        var staff = await _app.SignedInAsync("kari.laerer");

        var principalPage = WebUtility.HtmlDecode(await principal.GetStringAsync("/saker?status=Measures&vis=alle"));
        var staffPage = WebUtility.HtmlDecode(await staff.GetStringAsync("/saker"));

        principalPage.Should().Contain("href=\"/saker/eksport.csv?status=Measures&vis=alle\"").And.Contain("href=\"/saker/eksport.csv?status=Measures&vis=alle&navn=1\"");
        staffPage.Should().NotContain("eksport.csv");
    }

    [Fact]
    public async Task OverviewAndStartPage_LinkToTheStatistics()
    {
        var team = await _app.SignedInAsync("siri.9a");
        var principal = await _app.SignedInAsync("randi.rektor");

        (await team.GetStringAsync("/oversikt")).Should().Contain("href=\"/statistikk\"");
        (await principal.GetStringAsync("/")).Should().Contain("href=\"/statistikk\"");
    }
}
