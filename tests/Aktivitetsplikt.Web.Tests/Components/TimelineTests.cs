using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Features.Cases;
using static Aktivitetsplikt.Web.Tests.Components.CaseFixtures;

namespace Aktivitetsplikt.Web.Tests.Components;

public class TimelineTests
{
    private static Task<AngleSharp.Html.Dom.IHtmlDocument> Render(Case @case, string culture = "nb-NO") =>
        ComponentRenderer.RenderAsync<Timeline>(new Dictionary<string, object?>
        {
            [nameof(Timeline.Entries)] = Detail(@case, Principal).Timeline,
        }, culture);

    [Fact]
    public async Task Timeline_ListsEveryEntryInOrder_WithWhoRoleAndWhen()
    {
        var @case = WithPlan();
        var document = await Render(@case);

        var items = document.QuerySelectorAll("ol.timeline > li");
        items.Should().HaveCount(@case.Entries.Count);
        items.Select(i => i.Id).Should().Equal(@case.Entries.Select(e => $"entry-{e.Sequence}"));
        items[0].TextContent.Should().Contain("Bekymring meldt").And.Contain("Kari Lærer").And.Contain("Ansatt").And.Contain("16.11.2026 kl. 09:00");
    }

    [Fact]
    public async Task SystemEntries_AreWordedInTheReadersLanguage_NotInEnglish()
    {
        var @case = WithPlan();

        var bokmal = await Render(@case);
        var nynorsk = await Render(@case, "nn-NO");

        bokmal.Body!.TextContent.Should().Contain("Aktivitetsplan versjon 1.").And.Contain("Rektor varslet");
        nynorsk.Body!.TextContent.Should().Contain("Rektor varsla").And.Contain("Uro meld");
        bokmal.Body.TextContent.Should().NotContainAny("was notified", "adopted", "Said when");
    }

    [Fact]
    public async Task Correction_PointsToTheEntryItCorrects_AndTheOriginalStays()
    {
        var @case = Investigating();
        var original = @case.Entries[0];
        @case.CorrectEntry(Staff, Monday.AddHours(3), original.Id, "It was Tuesday, not Monday.");

        var document = await Render(@case);

        document.QuerySelector($"#entry-{original.Sequence}")!.TextContent.Should().Contain("Emma sat alone at every break this week.");
        var correction = document.QuerySelectorAll("ol.timeline > li").Last();
        correction.QuerySelector($"a[href='#entry-{original.Sequence}']").Should().NotBeNull();
    }
}
