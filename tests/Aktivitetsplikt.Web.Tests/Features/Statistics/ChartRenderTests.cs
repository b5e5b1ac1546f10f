using AngleSharp.Dom;
using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Features.Statistics;
using Aktivitetsplikt.Web.Tests.Features.Oversight;

namespace Aktivitetsplikt.Web.Tests.Features.Statistics;

public class ChartRenderTests
{
    private static readonly Guid Nordvik = Guid.Parse("5c000000-0000-0000-0000-000000000001");
    private static readonly Guid Sjokanten = Guid.Parse("5c000000-0000-0000-0000-000000000002");

    private static IReadOnlyList<ChartBar> TwelveMonths() =>
        Enumerable.Range(0, 12).Select(i => new ChartBar(new DateOnly(2026, i + 1, 1).ToString("MMM yy"), i % 4)).ToList();

    [Fact]
    public async Task BarChart_IsOneNamedAndDescribedImage_WithOneBarPerMonth_EachLabelledWithItsValue()
    {
        var page = await Render.ComponentAsync<BarChart>(new Dictionary<string, object?>
        {
            ["Id"] = "chart", ["Title"] = "Nye saker per måned", ["Description"] = "Januar: 0, februar: 1 …", ["Bars"] = TwelveMonths(),
        });

        var svg = page.QuerySelector("svg[role=img]")!;
        svg.GetAttribute("aria-labelledby").Should().Be("chart-title chart-desc");
        page.GetElementById("chart-title")!.TagName.Should().BeEquivalentTo("title");
        page.GetElementById("chart-title")!.TextContent.Should().Be("Nye saker per måned");
        page.GetElementById("chart-desc")!.TagName.Should().BeEquivalentTo("desc");
        page.GetElementById("chart-desc")!.TextContent.Should().Be("Januar: 0, februar: 1 …");
        var bars = svg.QuerySelectorAll("g.bar");
        bars.Should().HaveCount(12);
        bars.Select(b => b.GetAttribute("data-value")).Should().Equal("0", "1", "2", "3", "0", "1", "2", "3", "0", "1", "2", "3");
        bars.Should().OnlyContain(b => b.QuerySelectorAll("text").Length == 2, "each bar has its value and its month written on it");
        bars[3].QuerySelectorAll("text")[0].TextContent.Should().Be("3");
        bars.Select(b => double.Parse(b.QuerySelector("rect")!.GetAttribute("height")!, System.Globalization.CultureInfo.InvariantCulture))
            .Take(4).Should().BeInAscendingOrder("a higher value draws a taller bar").And.OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task StackedBarChart_HasAPatternPerSeries_SegmentsWithValues_TotalsAndALegend()
    {
        var series = new[] { "Følges med", "Undersøkes", "Tiltak" };
        var page = await Render.ComponentAsync<StackedBarChart>(new Dictionary<string, object?>
        {
            ["Id"] = "open", ["Title"] = "Åpne saker", ["Description"] = "Nordvik: 5 …", ["LegendLabel"] = "Forklaring",
            ["Series"] = series,
            ["Rows"] = new[] { new StackedRow("Nordvik skole", new[] { 2, 0, 3 }), new StackedRow("Sjøkanten", new[] { 1, 1, 1 }) },
        });

        var svg = page.QuerySelector("svg[role=img]")!;
        svg.GetAttribute("aria-labelledby").Should().Be("open-title open-desc");
        svg.QuerySelectorAll("pattern").Select(p => p.Id).Should().Equal("open-pattern-0", "open-pattern-1", "open-pattern-2");
        var rows = svg.QuerySelectorAll("g.row");
        rows.Select(r => r.GetAttribute("data-total")).Should().Equal("5", "3");
        rows[0].QuerySelectorAll("g.segment").Select(s => s.GetAttribute("data-series")).Should().Equal("Følges med", "Tiltak");
        rows[0].QuerySelectorAll("g.segment text").Select(t => t.TextContent).Should().Equal("2", "3");
        rows[0].QuerySelectorAll("g.segment rect").Select(r => r.GetAttribute("fill")).Should().Equal("url(#open-pattern-0)", "url(#open-pattern-2)");
        page.QuerySelectorAll(".chart-legend li").Select(li => li.Text()).Should().Equal(series);
    }

    private static GetStatistics.Figures Figures(Guid? school, string name, int[] perMonth, int evaluatedOnTime, int assessed, double? median, int reached) =>
        new(school, name, new Dictionary<CaseState, int> { [CaseState.FollowingUp] = 1, [CaseState.Measures] = 2 }, perMonth,
            new GetStatistics.OnTimeShare(evaluatedOnTime, assessed), perMonth.Sum(), new GetStatistics.Median(reached, median),
            new GetStatistics.Median(0, null), 1, 0, GetStatistics.Duration.None, GetStatistics.Duration.None);

    internal static GetStatistics.Result AResult() => new(
        new DateTime(2026, 11, 20, 13, 5, 0, DateTimeKind.Utc),
        GetStatistics.ResolvePeriod(new DateOnly(2026, 9, 1), new DateOnly(2026, 11, 1), DateTime.UtcNow),
        new[] { new GetStatistics.SchoolOption(Nordvik, "Nordvik skole"), new GetStatistics.SchoolOption(Sjokanten, "Sjøkanten ungdomsskole") },
        null,
        new[] { Figures(Nordvik, "Nordvik skole", new[] { 1, 0, 2 }, 2, 3, 1.75, 2), Figures(Sjokanten, "Sjøkanten ungdomsskole", new[] { 0, 1, 0 }, 0, 0, null, 0) },
        Figures(null, "", new[] { 1, 1, 2 }, 2, 3, 1.75, 2));

    [Fact]
    public async Task StatisticsView_ShowsTheChartsNextToTablesWithCaptionsAndScopedHeaders()
    {
        var page = await Render.ComponentAsync<StatisticsView>(new Dictionary<string, object?> { ["Statistics"] = AResult() });

        page.QuerySelectorAll("table").Should().HaveCount(4).And.OnlyContain(t => t.QuerySelector("caption") != null);
        page.QuerySelectorAll("th").Should().OnlyContain(th => th.GetAttribute("scope") != null);
        page.QuerySelectorAll("svg[role=img]").Should().HaveCount(2);
        page.QuerySelectorAll("[data-testid=new-cases-chart] g.bar").Should().HaveCount(3);
        page.GetElementById("new-cases-chart-desc")!.TextContent.Should().Contain("september 2026: 1").And.Contain("I alt 4 nye saker");

        var nordvik = page.QuerySelector($"[data-testid=key-figures-table] tr[data-school='{Nordvik}']")!;
        nordvik.QuerySelector("[data-figure=on-time-share]")!.Text().Should().Be("66,7 %"); // 2 / 3
        nordvik.QuerySelector("[data-figure=on-time-count]")!.Text().Should().Be("2 av 3");
        nordvik.QuerySelector("[data-figure=investigation-median]")!.Text().Should().Be("1,8 dager");
        nordvik.QuerySelector("[data-figure=investigation-cases]")!.Text().Should().Be("2 av 3");
        var sjokanten = page.QuerySelector($"[data-testid=key-figures-table] tr[data-school='{Sjokanten}']")!;
        sjokanten.QuerySelector("[data-figure=on-time-share] [aria-hidden=true]")!.Text().Should().Be("–");
        sjokanten.QuerySelector("[data-figure=on-time-share] .ds-sr-only")!.Text().Should().Be("ingen saker å regne på");
        page.QuerySelector("[data-testid=key-figures-table] tfoot tr[data-school=total] th")!.Text().Should().Be("Sum");

        page.QuerySelector("[data-testid=statistics-download]")!.GetAttribute("href").Should().Be("/statistikk/eksport.csv?fra=2026-09&til=2026-11");
        page.QuerySelector("select[name=skole]").Should().NotBeNull("the team can choose a school");
        page.QuerySelector("input[name=fra]")!.GetAttribute("value").Should().Be("2026-09");
    }

    [Fact]
    public async Task StatisticsView_InNynorsk_UsesNynorskWords()
    {
        var page = await Render.ComponentAsync<StatisticsView>(new Dictionary<string, object?> { ["Statistics"] = AResult() }, "nn-NO");

        page.QuerySelector("h2#open-heading")!.Text().Should().Be("Opne saker etter status");
        page.QuerySelector($"[data-testid=key-figures-table] tr[data-school='{Nordvik}'] [data-figure=investigation-median]")!.Text().Should().Be("1,8 dagar");
    }
}
