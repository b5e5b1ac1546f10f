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
}
