using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Features.Cases;
using Aktivitetsplikt.Web.Tests.Support;

namespace Aktivitetsplikt.Web.Tests.Features.Cases;

public sealed class StartEvaluationTests : SliceTest
{
    [Fact]
    public async Task StartEvaluation_InMeasures_MovesToEvaluating_NamingThePlanVersion()
    {
        var id = await App.ACase().Measures();

        await App.SendAs(Org.Principal1, new StartEvaluation.Command(id, null));

        var @case = await App.LoadCaseAsync(id);
        @case.State.Should().Be(CaseState.Evaluating);
        @case.Entries[^1].Kind.Should().Be(EntryKind.EvaluationStarted);
        @case.Entries[^1].PlanVersion.Should().Be(1);
    }

    [Fact]
    public async Task StartEvaluation_WithoutPlan_IsRefusedAsNotAllowedInState()
    {
        var id = await App.ACase().Investigating();

        var refused = await FluentActions.Awaiting(() => App.SendAs(Org.Principal1, new StartEvaluation.Command(id, null)))
            .Should().ThrowAsync<CaseRuleViolation>();
        refused.Which.Code.Should().Be(RefusalCode.NotAllowedInState);
    }
}
