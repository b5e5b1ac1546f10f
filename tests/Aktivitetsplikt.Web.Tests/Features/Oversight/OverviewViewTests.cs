using AngleSharp.Dom;
using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Domain.Deadlines;
using Aktivitetsplikt.Web.Features.Oversight;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Aktivitetsplikt.Web.Tests.Features.Oversight;

public class OverviewViewTests
{
    private static readonly Guid Nordvik = Guid.Parse("5c000000-0000-0000-0000-000000000001");
    private static readonly Guid Sjokanten = Guid.Parse("5c000000-0000-0000-0000-000000000002");
    private static readonly Guid OldCase = Guid.Parse("ca000000-0000-0000-0000-000000000001");
    private static readonly Guid NewCase = Guid.Parse("ca000000-0000-0000-0000-000000000002");
    private static readonly Guid LeadershipCase = Guid.Parse("ca000000-0000-0000-0000-000000000003");
    // 20 November 2026 13:05 UTC is 14:05 in Oslo (CET).
    private static readonly DateTime AsOf = new(2026, 11, 20, 13, 5, 0, DateTimeKind.Utc);

    private static GetOverview.StateCounts Counts(Guid? school, string name, params (CaseState State, int Count)[] counts) =>
        new(school, name, counts.ToDictionary(c => c.State, c => c.Count));

    private static GetOverview.Result AnOverview(Guid? schoolId = null,
        IReadOnlyList<GetOverview.OverdueItem>? overdue = null,
        IReadOnlyList<GetOverview.FlaggedCase>? employeeSuspected = null) =>
        new GetOverview.Result(AsOf,
            new[] { new GetOverview.SchoolOption(Nordvik, "Nordvik skole"), new GetOverview.SchoolOption(Sjokanten, "Sjøkanten ungdomsskole") },
            schoolId,
            new[]
            {
                Counts(Nordvik, "Nordvik skole", (CaseState.FollowingUp, 1), (CaseState.Investigating, 2), (CaseState.Closed, 4)),
                Counts(Sjokanten, "Sjøkanten ungdomsskole", (CaseState.PrincipalNotified, 3), (CaseState.Evaluating, 1)),
            },
            Counts(null, "", (CaseState.FollowingUp, 1), (CaseState.PrincipalNotified, 3), (CaseState.Investigating, 2), (CaseState.Evaluating, 1), (CaseState.Closed, 4)),
            overdue ?? new[]
            {
                new GetOverview.OverdueItem(OldCase, "2026-0001", "Nordvik skole", "Emma Hansen", "5A", DeadlineKind.NotifyPrincipal,
                    AsOf.AddDays(-10), TimeSpan.FromDays(10)),
                new GetOverview.OverdueItem(NewCase, "2026-0002", "Sjøkanten ungdomsskole", "Oskar Haugen", "8A", DeadlineKind.StartInvestigation,
                    AsOf.AddHours(-3), TimeSpan.FromHours(3)),
            },
            employeeSuspected ?? new[]
            {
                new GetOverview.FlaggedCase(LeadershipCase, "2026-0003", "Sjøkanten ungdomsskole", "Oskar Haugen", "8A", CaseState.PrincipalNotified,
                    AsOf.AddDays(-1), LeadershipSuspected: true),
            },
            Array.Empty<GetOverview.FlaggedCase>(),
            new[]
            {
                new GetOverview.FlaggedCase(OldCase, "2026-0001", "Nordvik skole", "Emma Hansen", "5A", CaseState.Investigating, AsOf.AddDays(-2), false),
            }).WithTotals();

    [Fact]
    public async Task OverdueTable_SaysTheTotal_AndPagesWhenThereAreMore()
    {
        var page = await RenderAsync(AnOverview() with { OverdueTotal = 60, Page = 2 }, pageLink: p => $"/oversikt?side={p}");

        page.QuerySelector("#overdue-heading")!.Text().Should().Be("Frister som er passert (60)");
        page.QuerySelector("[data-testid=page-of]")!.Text().Should().Be("Side 2 av 3");
        page.QuerySelector("a[rel=prev]")!.GetAttribute("href").Should().Be("/oversikt?side=1");
        page.QuerySelector("a[rel=next]")!.GetAttribute("href").Should().Be("/oversikt?side=3");
    }

    [Fact]
    public async Task AFlaggedList_ShowingTheFirstOfMore_SaysHowManyThereAre()
    {
        var overview = AnOverview();
        var page = await RenderAsync(overview with
        {
            FlaggedTotals = new Dictionary<FlagKind, int>(overview.FlaggedTotals) { [FlagKind.EmployeeSuspected] = 75 },
        });

        page.QuerySelector("#employee-suspected-heading")!.Text().Should().Contain("75");
        page.QuerySelector("[data-testid=employee-suspected-more]")!.Text().Should().Be("Viser de 1 første av 75: åpne saker først, sist markert først.");
    }

    private static Task<IDocument> RenderAsync(GetOverview.Result overview, string culture = "nb-NO", Func<int, string>? pageLink = null) =>
        Render.ComponentAsync<OverviewView>(new Dictionary<string, object?> { ["Overview"] = overview, ["PageLink"] = pageLink }, culture);

    [Theory]
    [InlineData("nb-NO")]
    [InlineData("nn-NO")]
    public async Task TheStateTableAndFlaggedLists_KeptAsRendered_AreTheMarkupTheViewRendersLive(string culture)
    {
        var overview = AnOverview();
        var kept = new object();
        var loggers = Render.ComponentServices.GetRequiredService<ILoggerFactory>();
        var (states, flagged) = await Render.InCultureAsync(culture, async () => (
            await KeptMarkup.OfAsync<OverviewStates>(kept, new Dictionary<string, object?> { ["BySchool"] = overview.BySchool, ["Total"] = overview.Total },
                Render.ComponentServices, loggers),
            await KeptMarkup.OfAsync<OverviewFlagged>(kept, new Dictionary<string, object?>
            {
                ["EmployeeSuspected"] = overview.EmployeeSuspected, ["WithCountyGovernor"] = overview.WithCountyGovernor,
                ["Escalated"] = overview.Escalated, ["Totals"] = overview.FlaggedTotals,
            }, Render.ComponentServices, loggers)));

        var withKept = await Render.HtmlAsync<OverviewView>(new Dictionary<string, object?>
        {
            ["Overview"] = overview, ["KeptStates"] = states, ["KeptFlagged"] = flagged,
        }, culture);

        withKept.Should().Be(await Render.HtmlAsync<OverviewView>(new Dictionary<string, object?> { ["Overview"] = overview }, culture));
        states.Value.Should().Contain("data-testid=\"state-table\"");
        flagged.Value.Should().Contain("data-testid=\"employee-suspected-table\"");
    }

    [Theory]
    [InlineData("nb-NO", "Antallene og de markerte sakene er regnet ut 20.11.2026 kl. 14:04:43 og er høyst 30 sekunder gamle.")]
    [InlineData("nn-NO", "Tala og dei merkte sakene er rekna ut 20.11.2026 kl. 14:04:43 og er høgst 30 sekund gamle.")]
    public async Task TheKeptFigures_AreDatedToTheSecond_WithTheirBound(string culture, string expected)
    {
        var page = await RenderAsync(AnOverview() with { FiguresAtUtc = AsOf.AddSeconds(-17) }, culture);

        page.QuerySelector("[data-testid=figures-as-of]")!.Text().Should().Be(expected);
    }

    [Fact]
    public async Task StateTable_HasCaption_ScopedHeaders_ANumberPerSchoolAndState_AndATotalRow()
    {
        var page = await RenderAsync(AnOverview());

        var table = page.QuerySelector("[data-testid=state-table]")!;
        table.QuerySelector("caption")!.Text().Should().Be("Antall åpne saker per skole og status, og antall avsluttede saker");
        table.QuerySelectorAll("thead th").Select(th => th.Text()).Should().Equal(
            "Skole", "Følges med", "Grepet inn", "Meldt til rektor", "Undersøkes", "Tiltak", "Evalueres", "Åpne i alt", "Avsluttede");
        table.QuerySelectorAll("thead th").Should().OnlyContain(th => th.GetAttribute("scope") == "col");

        var nordvik = table.QuerySelector($"tbody tr[data-school='{Nordvik}']")!;
        nordvik.QuerySelector("th")!.GetAttribute("scope").Should().Be("row");
        nordvik.QuerySelector("th")!.Text().Should().Be("Nordvik skole");
        nordvik.QuerySelectorAll("td").Select(td => td.Text()).Should().Equal("1", "0", "0", "2", "0", "0", "3", "4");

        var total = table.QuerySelector("tfoot tr")!;
        total.QuerySelector("th[scope=row]")!.Text().Should().Be("Sum");
        total.QuerySelectorAll("td").Select(td => td.Text()).Should().Equal("1", "0", "3", "2", "0", "1", "7", "4");
    }

    [Fact]
    public async Task OverdueTable_ListsTheItemsInTheOrderGiven_WithLinksDeadlineDueTimeAndHowLongOverdue()
    {
        var page = await RenderAsync(AnOverview());

        var table = page.QuerySelector("[data-testid=overdue-table]")!;
        table.QuerySelector("caption")!.Text().Should().Be("Frister som er passert, eldste frist først");
        page.QuerySelector("#overdue-heading")!.Text().Should().Be("Frister som er passert (2)");
        var rows = table.QuerySelectorAll("tbody tr");
        rows.Should().HaveCount(2);
        var first = rows[0].QuerySelectorAll("td").Select(td => td.Text()).ToList();
        first.Should().HaveCount(6);
        first.Take(4).Should().Equal("2026-0001", "Nordvik skole", "Emma Hansen (5A)", "Melde fra til rektor (skoleeierens rutine)");
        first[4].Should().MatchRegex(@"^10\.11\.2026 kl\. 14.05$", "the due time is shown in Oslo time");
        first[5].Should().Be("10 dager siden");
        rows[0].QuerySelector("a")!.GetAttribute("href").Should().Be($"/saker/{OldCase}");
        rows[1].QuerySelectorAll("td")[5].Text().Should().Be("3 timer siden");
        rows[1].QuerySelector("a")!.GetAttribute("href").Should().Be($"/saker/{NewCase}");
    }

    [Theory]
    [InlineData(26 * 60, "1 dag siden")]
    [InlineData(47 * 60, "1 dag siden")]
    [InlineData(48 * 60, "2 dager siden")]
    [InlineData(90, "1 time siden")]
    [InlineData(20, "under en time siden")]
    public async Task HowLongOverdue_IsInWholeDays_OrHoursWithinTheFirstDay(int minutes, string expected)
    {
        var overdueBy = TimeSpan.FromMinutes(minutes);
        var item = new GetOverview.OverdueItem(OldCase, "2026-0001", "Nordvik skole", "Emma Hansen", "5A", DeadlineKind.EvaluatePlan, AsOf - overdueBy, overdueBy);

        var page = await RenderAsync(AnOverview(overdue: new[] { item }));

        page.QuerySelector("[data-testid=overdue-table] tbody td:last-child")!.Text().Should().Be(expected);
    }

    [Fact]
    public async Task FlaggedTables_LinkEachCase_StateAndSuspectInWords_LeadershipPathSaysSchoolOwner()
    {
        var page = await RenderAsync(AnOverview());

        var section = page.QuerySelector("[data-testid=employee-suspected-table]")!;
        section.QuerySelector("caption")!.Text().Should().StartWith("Saker der noen som arbeider på skolen, eller noen i skoleledelsen er mistenkt");
        var cells = section.QuerySelectorAll("tbody td").Select(td => td.Text()).ToList();
        cells.Should().ContainInOrder("2026-0003", "Sjøkanten ungdomsskole", "Oskar Haugen (8A)", "Noen i skoleledelsen", "Meldt til skoleeier");
        section.QuerySelector("a")!.GetAttribute("href").Should().Be($"/saker/{LeadershipCase}");

        page.QuerySelector("[data-testid=county-governor-table]").Should().BeNull();
        page.QuerySelector("#county-governor-heading")!.Text().Should().Be("Saker hos Statsforvalteren (0)");
        page.Body!.Text().Should().Contain("Ingen saker er meldt til Statsforvalteren.");

        page.QuerySelector("[data-testid=escalated-table] a")!.GetAttribute("href").Should().Be($"/saker/{OldCase}");
        page.QuerySelectorAll("table").Should().OnlyContain(t => t.QuerySelector("caption") != null);
    }

    [Fact]
    public async Task SchoolFilter_IsAGetFormThatWorksWithoutScript_WithTheChosenSchoolSelected()
    {
        var page = await RenderAsync(AnOverview(schoolId: Sjokanten));

        var form = page.QuerySelector("form[data-testid=school-filter]")!;
        form.GetAttribute("method").Should().Be("get");
        form.GetAttribute("action").Should().Be("/oversikt");
        var select = form.QuerySelector("select[name=skole]")!;
        page.QuerySelector($"label[for='{select.Id}']")!.Text().Should().Be("Skole");
        select.QuerySelectorAll("option").Select(o => o.GetAttribute("value")).Should().Equal("", Nordvik.ToString(), Sjokanten.ToString());
        select.QuerySelectorAll("option[selected]").Should().ContainSingle().Which.Text().Should().Be("Sjøkanten ungdomsskole");
        form.QuerySelector("button[type=submit]").Should().NotBeNull();
        page.QuerySelector("[data-testid=filter-status]")!.Text().Should().Be("Viser bare Sjøkanten ungdomsskole. Vis alle skoler");
    }

    [Fact]
    public async Task WithoutAFilter_AllSchoolsIsSelected_AndNoFilterStatusIsShown()
    {
        var page = await RenderAsync(AnOverview());

        page.QuerySelectorAll("select[name=skole] option[selected]").Should().ContainSingle().Which.GetAttribute("value").Should().BeEmpty();
        page.QuerySelector("[data-testid=filter-status]").Should().BeNull();
    }

    [Fact]
    public async Task EmptyLists_SayNothingIsOverdueOrFlagged()
    {
        var page = await RenderAsync(AnOverview(overdue: Array.Empty<GetOverview.OverdueItem>(), employeeSuspected: Array.Empty<GetOverview.FlaggedCase>()));

        page.QuerySelector("[data-testid=overdue-table]").Should().BeNull();
        page.Body!.Text().Should().Contain("Ingen frister er passert.").And.Contain("Ingen § 12-5-saker.");
    }

    [Fact]
    public async Task InNynorsk_TheOverviewIsInNynorsk()
    {
        var page = await RenderAsync(AnOverview(), "nn-NO");

        page.QuerySelector("h1")!.Text().Should().Be("Oversikt for skoleeigar");
        page.QuerySelector("#by-state-heading")!.Text().Should().Be("Opne saker etter status");
        page.QuerySelector("[data-testid=overdue-table] tbody td:last-child")!.Text().Should().Be("10 dagar sidan");
        page.QuerySelector("[data-testid=employee-suspected-table] tbody")!.Text().Should().Contain("Nokon i skoleleiinga");
    }
}

internal static class OverviewResults
{
    /// <summary>A result whose totals are its lists' lengths, as the handler gives them when everything fits on one page.</summary>
    public static GetOverview.Result WithTotals(this GetOverview.Result result) => result with
    {
        OverdueTotal = result.Overdue.Count,
        FlaggedTotals = new Dictionary<FlagKind, int>
        {
            [FlagKind.EmployeeSuspected] = result.EmployeeSuspected.Count,
            [FlagKind.TakenToCountyGovernor] = result.WithCountyGovernor.Count,
            [FlagKind.EscalatedToSchoolOwner] = result.Escalated.Count,
        },
    };
}
