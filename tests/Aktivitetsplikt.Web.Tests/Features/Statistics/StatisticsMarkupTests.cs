using Aktivitetsplikt.Web.Features.Statistics;
using Aktivitetsplikt.Web.Tests.Features.Oversight;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Aktivitetsplikt.Web.Tests.Features.Statistics;

/// <summary>The statistics' HTML kept with the kept figures (ADR 036): the same markup as the view renders, per culture, per result.</summary>
public class StatisticsMarkupTests
{
    private static Task<string> KeptAsync(GetStatistics.Result result, string culture) => Render.InCultureAsync(culture, async () =>
        (await StatisticsMarkup.OfAsync(result, Render.ComponentServices, Render.ComponentServices.GetRequiredService<ILoggerFactory>())).Value);

    private static Task<string> LiveAsync(GetStatistics.Result result, string culture) =>
        Render.HtmlAsync<StatisticsView>(new Dictionary<string, object?> { ["Statistics"] = result }, culture);

    [Theory]
    [InlineData("nb-NO")]
    [InlineData("nn-NO")]
    public async Task TheKeptMarkup_IsTheViewAsItRendersLive(string culture)
    {
        var result = ChartRenderTests.AResult();

        (await KeptAsync(result, culture)).Should().Be(await LiveAsync(result, culture));
    }

    [Fact]
    public async Task TheKeptMarkup_OfOneResult_IsKeptPerCulture_NeverInAnotherCulturesWords()
    {
        var result = ChartRenderTests.AResult();

        var bokmal = await KeptAsync(result, "nb-NO");
        var nynorsk = await KeptAsync(result, "nn-NO");
        var bokmalAgain = await KeptAsync(result, "nb-NO");

        nynorsk.Should().Be(await LiveAsync(result, "nn-NO")).And.NotBe(bokmal);
        bokmalAgain.Should().BeSameAs(bokmal, "the second view in the same culture is given the markup kept from the first");
    }

    [Fact]
    public async Task FiguresComputedAfresh_AreRenderedAfresh_NotGivenTheMarkupOfTheFiguresBefore()
    {
        var before = ChartRenderTests.AResult();
        var after = before with { Total = before.Total with { EmployeeSuspected = 97, CountyGovernor = 98 } };

        var keptBefore = await KeptAsync(before, "nb-NO");
        var keptAfter = await KeptAsync(after, "nb-NO");

        keptAfter.Should().Be(await LiveAsync(after, "nb-NO")).And.NotBe(keptBefore);
        keptAfter.Should().Contain(">97<").And.Contain(">98<");
    }
}
