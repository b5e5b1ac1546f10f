using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Features.Cases;
using Aktivitetsplikt.Web.Tests.Support;

namespace Aktivitetsplikt.Web.Tests.Features.Cases;

public sealed class CloseCaseTests : SliceTest
{
    [Fact]
    public async Task CloseCase_AfterSafeEvaluation_ClosesWithConclusion_AndSupersedesOpenDeadlines()
    {
        var id = await App.ACase().Evaluating();
        await App.SendAs(Org.Principal1, new RecordEvaluation.Command(id, null, PupilView.Safe, "Trygg.", "Virket.", "Foreldrene er informert og enige."));
        var measure = (await App.LoadCaseAsync(id)).CurrentPlan!.Measures[0].MeasureKey;
        await App.SendAs(Org.Principal1, new RecordMeasureProgress.Command(id, null, measure, MeasureStatus.Done, null));
        Clock.Advance(TimeSpan.FromHours(1));

        await App.SendAs(Org.Principal1, new CloseCase.Command(id, null, "Emma har et trygt og godt skolemiljø."));

        var @case = await App.LoadCaseAsync(id);
        @case.State.Should().Be(CaseState.Closed);
        @case.ClosedAtUtc.Should().Be(Clock.UtcDateTime);
        @case.Entries[^1].Kind.Should().Be(EntryKind.Closed);
        @case.Entries[^1].Text.Should().Be("Emma har et trygt og godt skolemiljø.");
        @case.Deadlines.Should().OnlyContain(d => !d.IsOpen);
        @case.NextDeadlineUtc.Should().BeNull();
    }

    [Fact]
    public async Task CloseCase_WhilePupilSaysNotSafe_IsRefused_AndNothingIsSaved()
    {
        var id = await App.ACase().PupilSaysNotSafe().Investigating();
        var before = await App.SnapshotAsync(id);

        var refused = await FluentActions.Awaiting(() => App.SendAs(Org.Principal1, new CloseCase.Command(id, null, "Ingen tiltak nødvendig.")))
            .Should().ThrowAsync<CaseRuleViolation>();

        refused.Which.Code.Should().Be(RefusalCode.MeasuresRequired);
        (await App.SnapshotAsync(id)).Should().Be(before);
    }

    [Fact]
    public async Task CloseCase_WhenLatestEvaluationSaysNotSafe_IsRefused()
    {
        var id = await App.ACase().Evaluating();
        await App.SendAs(Org.Principal1, new RecordEvaluation.Command(id, null, PupilView.NotSafe, "Ikke trygg ennå.", "Ikke virket.", "Foreldrene er informert og enige."));

        var refused = await FluentActions.Awaiting(() => App.SendAs(Org.Principal1, new CloseCase.Command(id, null, "Avslutter.")))
            .Should().ThrowAsync<CaseRuleViolation>();
        refused.Which.Code.Should().Be(RefusalCode.EvaluationSaysNotSafe);
    }

    [Fact]
    public async Task CloseCase_WhileAMeasureStillReadsPlanned_AsksForItsFinalStatus_AndNothingIsSaved()
    {
        var id = await App.ACase().Evaluating();
        await App.SendAs(Org.Principal1, new RecordEvaluation.Command(id, null, PupilView.Safe, "Trygg.", "Virket.", "Foreldrene er fornøyde."));
        var before = await App.SnapshotAsync(id);

        var refused = await FluentActions.Awaiting(() => App.SendAs(Org.Principal1, new CloseCase.Command(id, null, "Trygt og godt.")))
            .Should().ThrowAsync<CaseRuleViolation>();

        refused.Which.Code.Should().Be(RefusalCode.MeasuresStillPlanned);
        (await App.SnapshotAsync(id)).Should().Be(before);
    }
}
