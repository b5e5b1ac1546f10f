using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Domain.Deadlines;
using Aktivitetsplikt.Web.Features.Cases;
using Aktivitetsplikt.Web.Tests.Support;
using FluentValidation;

namespace Aktivitetsplikt.Web.Tests.Features.Cases;

public sealed class RecordEvaluationTests : SliceTest
{
    [Fact]
    public async Task RecordEvaluation_WithPupilSafe_RecordsViewAndAssessment_AndMeetsEvaluationDeadline()
    {
        var id = await App.ACase().Evaluating();

        await App.SendAs(Org.Principal1, new RecordEvaluation.Command(id, null, PupilView.Safe, "Emma sier hun er trygg nå.", "Tiltakene har virket.", "Foreldrene er informert og enige."));

        var @case = await App.LoadCaseAsync(id);
        @case.State.Should().Be(CaseState.Evaluating);
        @case.CurrentPupilView.Should().Be(PupilView.Safe);
        var entry = @case.Entries[^1];
        entry.Kind.Should().Be(EntryKind.Evaluation);
        entry.Text.Should().Be("Tiltakene har virket.");
        entry.Detail.Should().Be("Emma sier hun er trygg nå.");
        entry.PupilView.Should().Be(PupilView.Safe);
        @case.Deadlines.Single(d => d.Kind == DeadlineKind.EvaluatePlan).MetAtUtc.Should().Be(Clock.UtcDateTime);
    }

    [Fact]
    public async Task RecordEvaluation_WithUnknownPupilView_IsAValidationError()
    {
        var id = await App.ACase().Evaluating();

        var refused = await FluentActions.Awaiting(() => App.SendAs(Org.Principal1, new RecordEvaluation.Command(id, null, PupilView.Unknown, "?", "Vurdering.", "Foreldrene er informert og enige.")))
            .Should().ThrowAsync<ValidationException>();
        refused.Which.Errors.Should().Contain(e => e.PropertyName == nameof(RecordEvaluation.Command.PupilView));
    }
}
