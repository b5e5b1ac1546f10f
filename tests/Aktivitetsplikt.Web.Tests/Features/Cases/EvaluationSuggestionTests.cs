using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Features.Cases;

namespace Aktivitetsplikt.Web.Tests.Features.Cases;

public class EvaluationSuggestionTests
{
    private static readonly DateOnly Saturday = new(2026, 11, 21);
    private static readonly DateOnly Wednesday = new(2026, 11, 18);

    [Theory]
    [InlineData(7, "2026-11-25")]
    [InlineData(14, "2026-12-02")]
    [InlineData(28, "2026-12-16")]
    public void Suggestion_IsOneTwoOrFourWeeksOn(int days, string expected) =>
        PlanEvaluationDates.Suggested(Wednesday, days).Should().Be(DateOnly.Parse(expected));

    [Fact]
    public void Suggestion_FallingOnAWeekend_MovesToMonday() =>
        PlanEvaluationDates.Suggested(Saturday, 7).Should().Be(new DateOnly(2026, 11, 30));

    [Fact]
    public void TheSuggestions_AreOneTwoAndFourWeeks() =>
        PlanEvaluationDates.SuggestedDays.Should().Equal(7, 14, 28);

    private static PlanInput PlanFrom(PlanForm form) =>
        ((AdoptPlan.Command)form.ToCommand(CaseTrigger.AdoptPlan, Guid.NewGuid(), 1, [], Wednesday)).Plan;

    private static PlanForm AdoptForm(int? evaluationIn, DateOnly? date) => new()
    {
        Problem = "Emma holdes utenfor.",
        EvaluationIn = evaluationIn,
        EvaluationDate = date,
        Measures = [new() { Description = "Voksen i friminuttet", When = "Hvert friminutt", Responsible = PlanForm.External, ExternalName = "Kari Lærer" }],
    };

    [Fact]
    public void ChoosingASuggestion_SetsThePlansEvaluationDate_WhateverTheDateFieldSays() =>
        PlanFrom(AdoptForm(14, new DateOnly(2027, 1, 1))).EvaluationDate.Should().Be(new DateOnly(2026, 12, 2));

    [Fact]
    public void ChoosingTheDate_UsesTheDateField() =>
        PlanFrom(AdoptForm(null, new DateOnly(2027, 1, 8))).EvaluationDate.Should().Be(new DateOnly(2027, 1, 8));

    [Fact]
    public void AnUnknownSuggestion_IsNotTrusted_TheDateFieldIsUsed() =>
        PlanFrom(AdoptForm(3650, new DateOnly(2027, 1, 8))).EvaluationDate.Should().Be(new DateOnly(2027, 1, 8));
}
