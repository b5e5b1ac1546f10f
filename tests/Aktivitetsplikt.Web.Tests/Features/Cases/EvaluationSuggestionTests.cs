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
        CaseActionForm.SuggestedEvaluationDate(Wednesday, days).Should().Be(DateOnly.Parse(expected));

    [Fact]
    public void Suggestion_FallingOnAWeekend_MovesToMonday() =>
        CaseActionForm.SuggestedEvaluationDate(Saturday, 7).Should().Be(new DateOnly(2026, 11, 30));

    private static PlanInput PlanFrom(CaseActionForm form)
    {
        var (command, errors) = form.ToCommand(Guid.NewGuid(), Array.Empty<ListResponsibleCandidates.Item>(), Wednesday);
        errors.Should().BeEmpty();
        return ((AdoptPlan.Command)command!).Plan;
    }

    private static CaseActionForm AdoptForm(string? evaluationIn, string? date) => new()
    {
        Trigger = nameof(CaseTrigger.AdoptPlan),
        Problem = "Emma holdes utenfor.",
        EvaluationIn = evaluationIn,
        EvaluationDate = date,
        Measures = { new CaseActionForm.MeasureRow { Description = "Voksen i friminuttet", When = "Hvert friminutt", ResponsibleName = "Kari Lærer" } },
    };

    [Fact]
    public void ChoosingASuggestion_SetsThePlansEvaluationDate_WhateverTheDateFieldSays() =>
        PlanFrom(AdoptForm("14", "2027-01-01")).EvaluationDate.Should().Be(new DateOnly(2026, 12, 2));

    [Fact]
    public void ChoosingTheDate_UsesTheDateField() =>
        PlanFrom(AdoptForm("", "2027-01-08")).EvaluationDate.Should().Be(new DateOnly(2027, 1, 8));

    [Fact]
    public void AnUnknownSuggestion_IsNotTrusted_TheDateFieldIsUsed() =>
        PlanFrom(AdoptForm("3650", "2027-01-08")).EvaluationDate.Should().Be(new DateOnly(2027, 1, 8));
}
