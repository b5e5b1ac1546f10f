using AngleSharp;
using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Features.Oversight;
using Aktivitetsplikt.Web.Tests.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aktivitetsplikt.Web.Tests.Features.Oversight;

/// <summary>/oversikt over HTTP with the demo data: the state table and flagged lists kept as rendered (ADR 036) follow the figures.</summary>
public sealed class OverviewPageTests : IClassFixture<AppFactory>
{
    private readonly AppFactory _app;

    public OverviewPageTests(AppFactory app) => _app = app;

    [Fact]
    public async Task Overview_AfterACommittedChange_ShowsTheNewFigures_NotTheMarkupKeptBefore()
    {
        var client = await _app.SignedInAsync("siri.9a");
        async Task<(int Open, int Closed)> TotalsAsync()
        {
            var html = await client.GetStringAsync("/oversikt");
            var page = await BrowsingContext.New(Configuration.Default).OpenAsync(r => r.Content(html));
            int Cell(string state) => int.Parse(page.QuerySelector($"[data-testid=state-table] tfoot td[data-state={state}]")!.TextContent.Trim());
            return (Cell("Open"), Cell("Closed"));
        }
        var cache = _app.Services.GetRequiredService<SummaryCache>();
        var before = await TotalsAsync();
        (await TotalsAsync()).Should().Be(before, "the same figures, kept");
        var open = await Db(db => db.Cases.Where(c => c.State == CaseState.Investigating).Select(c => c.Id).FirstAsync());
        try
        {
            await Db(db => db.Cases.Where(c => c.Id == open).ExecuteUpdateAsync(u => u.SetProperty(c => c.State, CaseState.Closed)));
            cache.CaseChanged();

            (await TotalsAsync()).Should().Be((before.Open - 1, before.Closed + 1));
        }
        finally
        {
            await Db(db => db.Cases.Where(c => c.Id == open).ExecuteUpdateAsync(u => u.SetProperty(c => c.State, CaseState.Investigating)));
            cache.CaseChanged();
        }
    }

    [Fact]
    public async Task Overview_InEitherLanguage_IsNotGivenTheOtherLanguagesKeptMarkup()
    {
        var client = await _app.SignedInAsync("siri.9a", "nn-NO");
        async Task<string> CaptionAsync()
        {
            var html = await client.GetStringAsync("/oversikt");
            var page = await BrowsingContext.New(Configuration.Default).OpenAsync(r => r.Content(html));
            return page.QuerySelector("[data-testid=state-table] caption")!.TextContent;
        }

        var nynorsk = await CaptionAsync();
        await LanguageAsync(client, "nb-NO");
        var bokmal = await CaptionAsync();
        await LanguageAsync(client, "nn-NO");
        var nynorskAgain = await CaptionAsync();

        nynorsk.Should().Be("Talet på opne saker per skole og status, og talet på avslutta saker");
        bokmal.Should().Be("Antall åpne saker per skole og status, og antall avsluttede saker");
        nynorskAgain.Should().Be(nynorsk);
    }

    private static async Task LanguageAsync(HttpClient client, string culture)
    {
        var page = await client.GetStringAsync("/saker");
        (await client.PostAsync("/sprak", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = AppFactory.Field(page, "__RequestVerificationToken"),
            ["culture"] = culture,
            ["returnUrl"] = "/saker",
        }))).StatusCode.Should().Be(System.Net.HttpStatusCode.Redirect);
    }

    private async Task<T> Db<T>(Func<AppDbContext, Task<T>> work)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }
}
