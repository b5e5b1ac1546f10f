using Aktivitetsplikt.Domain.Cases;
using static Aktivitetsplikt.Domain.Tests.Cases.CaseBuilder;
using static Aktivitetsplikt.Domain.Tests.TestData;

namespace Aktivitetsplikt.Domain.Tests.Cases;

/// <summary>
/// How a case asks its Stateless machine: who may act before where the case stands, the table's guards in
/// their order, and steps offered while their details are unknown yet refused when taken without them.
/// </summary>
public class CaseWorkflowTests
{
    private static CaseRuleViolation Refusal(Action act) => act.Should().Throw<CaseRuleViolation>().Which;

    [Fact]
    public void PrincipalOnTheLeadershipPath_IsShutOutBeforeTheStateIsLookedAt()
    {
        var @case = ACase().Closed().WithLeadershipSuspected().Build();

        Refusal(() => @case.StartInvestigation(Principal, Later, null)).Code.Should().Be(RefusalCode.LeadershipSuspectedPrincipalExcluded);
        Refusal(() => @case.StartInvestigation(SchoolOwnerTeam, Later, null)).Code.Should().Be(RefusalCode.NotAllowedInState);
    }

    [Fact]
    public void Close_WithSeveralGuardsUnmet_IsRefusedByTheFirstInTheTablesOrder()
    {
        var @case = ACase().Investigating().Build();

        Refusal(() => @case.Close(Principal, Later, " ")).Code.Should().Be(RefusalCode.PupilNotHeard);

        @case.RecordPupilVoice(Staff, Later, PupilView.NotSafe, "I am scared at break.", VoiceSource.Pupil);
        Refusal(() => @case.Close(Principal, Later, " ")).Code.Should().Be(RefusalCode.MeasuresRequired);
    }

    [Fact]
    public void AdoptPlan_MissingSeveralParts_NamesEveryMissingPart()
    {
        var @case = ACase().Investigating().Build();
        var draft = CompletePlan() with { Problem = "", EvaluationDate = null };

        var refusal = Refusal(() => @case.AdoptPlan(Principal, Later, draft));

        refusal.Code.Should().Be(RefusalCode.PlanIncomplete);
        refusal.Details.Should().Equal(nameof(PlanPart.Problem), nameof(PlanPart.EvaluationDate));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Reopen_IsOfferedBeforeTheReasonIsKnown_ButRefusedWithoutOne(string? reason)
    {
        var @case = ACase().Closed().Build();

        @case.PermittedTriggers(Principal).Should().Contain(CaseTrigger.Reopen);
        Refusal(() => @case.Reopen(Principal, Later, reason!)).Code.Should().Be(RefusalCode.ReasonRequired);
        @case.State.Should().Be(CaseState.Closed);
    }

    [Fact]
    public void MeasureProgress_WithSeveralGuardsUnmet_IsRefusedByTheFirstInTheTablesOrder()
    {
        var @case = ACase().WithMeasures().Build();

        Refusal(() => @case.RecordMeasureProgress(OtherStaff, Later, Guid.NewGuid(), MeasureStatus.Dropped, null))
            .Code.Should().Be(RefusalCode.MeasureNotFound);
        Refusal(() => @case.RecordMeasureProgress(OtherStaff, Later, @case.CurrentPlan!.Measures[0].MeasureKey, MeasureStatus.Dropped, null))
            .Code.Should().Be(RefusalCode.NotResponsibleForMeasure);
    }

    [Fact]
    public void StepThatKeepsTheState_IsRecordedWithTheSameStateBeforeAndAfter()
    {
        var @case = ACase().WithMeasures().Build();

        @case.AddComment(Staff, Later, "Spoke with the SFO staff.");

        @case.State.Should().Be(CaseState.Measures);
        @case.Entries[^1].StateBefore.Should().Be(CaseState.Measures);
        @case.Entries[^1].StateAfter.Should().Be(CaseState.Measures);
    }

    [Fact]
    public void Transitions_NameEachGuardOnce_AndGiveEveryStateAWayOn()
    {
        var transitions = CaseWorkflow.Transitions();

        transitions.Should().OnlyContain(t => t.Guards.Distinct().Count() == t.Guards.Count);
        transitions.Select(t => t.Source).Distinct().Should().BeEquivalentTo(Enum.GetValues<CaseState>());
        transitions.Where(t => t.Source != t.Destination).Select(t => t.Destination).Distinct()
            .Should().BeEquivalentTo(Enum.GetValues<CaseState>().Except([CaseState.FollowingUp]), "every state but the first is reached");
    }
}
