using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Features.Cases;
using Aktivitetsplikt.Web.Features.Documents;
using Aktivitetsplikt.Web.Tests.Components;

namespace Aktivitetsplikt.Web.Tests.Features.Documents;

/// <summary>The printable plan: the same content as the .docx — the problem, one table of the measures whose columns are the law's parts, the evaluation date.</summary>
public sealed class PlanPrintViewTests
{
    private static PlanDocumentModel Model(bool masked = false) => new(
        Guid.NewGuid(), "2026-0004", "Nordvik skole", "Jakob Larsen", "6A",
        new PlanView(Guid.NewGuid(), 2, "Jakob blir dyttet i garderoben.", new DateOnly(2026, 12, 1), "Jakob vil ha en voksen i garderoben.", "Samtale med kontaktlærer",
            "Foreldrene støtter tiltakene.", "Møte på skolen", "Nytt tiltak.", new DateTime(2026, 11, 10, 9, 0, 0, DateTimeKind.Utc), "Randi Rektor", Role.Principal,
            new[]
            {
                new MeasureView(Guid.NewGuid(), 1, "Voksen i garderoben", "Alle gymtimer", "Kari Lærer", null, null, MeasureStatus.UnderWay, null),
                new MeasureView(Guid.NewGuid(), 2, "Samtaler med de involverte", "Innen to uker", "Randi Rektor", null, new DateOnly(2026, 11, 24), MeasureStatus.Planned, null),
            }),
        masked);

    [Theory]
    [InlineData("nb-NO", "a) problemet tiltakene skal løse", "Elevens syn")]
    [InlineData("nn-NO", "a) problemet tiltaka skal løyse", "Synet til eleven")]
    public async Task RendersTheFiveLegalParts_AsTheProblemOneMeasuresTableAndTheEvaluationDate_ThenTheViews_WithTheLegalReferenceOnce(string culture, string firstPart, string pupilView)
    {
        var html = await ComponentRenderer.RenderAsync<PlanPrintView>(new Dictionary<string, object?> { ["Model"] = Model() }, culture);

        var headings = html.QuerySelectorAll("h2").Select(h => h.TextContent.Trim()).ToList();
        headings.Should().HaveCount(5);
        headings[0].Should().Be(firstPart);
        headings[3].Should().Be(pupilView);
        html.QuerySelectorAll("section.plan-part").Select(s => s.GetAttribute("data-part")).Should()
            .Equal("Problem", "Measures", "EvaluationDate", "PupilView", "ParentsView");
        html.QuerySelectorAll("[data-part=Measures] thead th").Should().HaveCount(6);
        html.Body!.TextContent.Split("§ 12-4 tredje ledd").Should().HaveCount(2, "the legal reference stands once");
        html.QuerySelector("[data-testid=plan-version]")!.TextContent.Should().Be("2");
        var text = html.Body!.TextContent;
        text.Should().Contain("Nordvik skole").And.Contain("Jakob Larsen, 6A").And.Contain("2026-0004").And.Contain("Randi Rektor")
            .And.Contain("Voksen i garderoben").And.Contain("Alle gymtimer").And.Contain("Kari Lærer").And.Contain("01.12.2026").And.Contain("24.11.2026")
            .And.Contain("Jakob vil ha en voksen i garderoben.").And.Contain("Foreldrene støtter tiltakene.");
    }

    [Fact]
    public async Task AMaskedModel_SaysSo()
    {
        var html = await ComponentRenderer.RenderAsync<PlanPrintView>(new Dictionary<string, object?> { ["Model"] = Model(masked: true) });

        html.Body!.TextContent.Should().Contain("Navn på andre elever er skjult i denne kopien.");
    }
}
