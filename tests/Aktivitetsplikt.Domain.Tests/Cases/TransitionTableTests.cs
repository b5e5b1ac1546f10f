using Aktivitetsplikt.Domain.Cases;
using static Aktivitetsplikt.Domain.Tests.Cases.CaseBuilder;
using static Aktivitetsplikt.Domain.Tests.TestData;

namespace Aktivitetsplikt.Domain.Tests.Cases;

/// <summary>
/// Every (state, trigger, role) combination, fired through the intent methods on a case built
/// through intent methods, against the table in <see cref="ExpectedWorkflow"/>.
/// </summary>
public class TransitionTableTests
{
    public static IEnumerable<object[]> EveryCombination() =>
        from state in Enum.GetValues<CaseState>()
        from trigger in Enum.GetValues<CaseTrigger>()
        from role in Enum.GetValues<Role>()
        select new object[] { state, trigger, role };

    [Theory]
    [MemberData(nameof(EveryCombination))]
    public void Trigger_IsAllowedExactlyWhenTheTableSays(CaseState state, CaseTrigger trigger, Role role)
    {
        var destination = ExpectedWorkflow.Destination(state, trigger);
        var roleMay = ExpectedWorkflow.RoleMay(role, trigger);
        var @case = ACase().In(state).ReadyFor(trigger).Build();
        var actor = ActorFor(role);
        var entriesBefore = @case.Entries.Count;
        var revisionBefore = @case.Revision;

        var fire = () => CaseSteps.Fire(@case, trigger, actor, Later);

        if (roleMay && destination is { } expected)
        {
            @case.PermittedTriggers(actor).Should().Contain(trigger, "the UI offers what the table allows");
            fire.Should().NotThrow();
            @case.State.Should().Be(expected);
            @case.Entries.Count.Should().BeGreaterThan(entriesBefore);
            @case.Revision.Should().BeGreaterThan(revisionBefore);
        }
        else
        {
            @case.PermittedTriggers(actor).Should().NotContain(trigger, "the UI offers only what the table allows");
            fire.Should().Throw<CaseRuleViolation>()
                .Which.Code.Should().Be(roleMay ? RefusalCode.NotAllowedInState : RefusalCode.RoleMayNotAct);
            @case.State.Should().Be(state);
            @case.Entries.Count.Should().Be(entriesBefore, "a refused step leaves no trace");
            @case.Revision.Should().Be(revisionBefore);
        }
    }

    [Fact]
    public void ExpectedTable_CoversEveryStateAndTrigger()
    {
        ExpectedWorkflow.States.Should().Equal(Enum.GetValues<CaseState>());
        ExpectedWorkflow.Rows.Select(r => r.Trigger).Should().BeEquivalentTo(Enum.GetValues<CaseTrigger>()).And.OnlyHaveUniqueItems();
        ExpectedWorkflow.Rows.Should().OnlyContain(r => r.Destinations.Length == ExpectedWorkflow.States.Length);
    }

    [Fact]
    public void CaseWorkflowRoles_MatchTheExpectedTable()
    {
        foreach (var row in ExpectedWorkflow.Rows)
            CaseWorkflow.RolesByTrigger[row.Trigger].Should().BeEquivalentTo(row.Roles, "roles for {0}", row.Trigger);
    }

    [Fact]
    public void CaseWorkflowTransitions_MatchTheExpectedTable()
    {
        var expected =
            from row in ExpectedWorkflow.Rows
            from state in ExpectedWorkflow.States
            let destination = ExpectedWorkflow.Destination(state, row.Trigger)
            where destination is not null
            select (state, row.Trigger, destination.Value);

        CaseWorkflow.Transitions().Select(t => (t.Source, t.Trigger, t.Destination))
            .Should().BeEquivalentTo(expected);
    }

    [Fact]
    public void Administrator_MayNotFireAnything()
    {
        Enum.GetValues<CaseTrigger>().Should().OnlyContain(t => !CaseWorkflow.RoleMayFire(Role.Administrator, t));
    }

    public static IEnumerable<object[]> OpenStates() =>
        Enum.GetValues<CaseState>().Where(s => s != CaseState.Closed).Select(s => new object[] { s });

    public static IEnumerable<object[]> AllStates() => Enum.GetValues<CaseState>().Select(s => new object[] { s });

    [Theory]
    [MemberData(nameof(AllStates))]
    public void RecordCountyGovernorDecision_BeforeTheCaseIsTaken_IsRefusedByItsGuard(CaseState state)
    {
        var @case = ACase().In(state).Build();

        var act = () => @case.RecordCountyGovernorDecision(Principal, Later, "Measures ordered.");

        act.Should().Throw<CaseRuleViolation>().Which.Code.Should().Be(RefusalCode.NotTakenToCountyGovernor);
        @case.PermittedTriggers(Principal).Should().NotContain(CaseTrigger.RecordCountyGovernorDecision);
    }

    [Theory]
    [MemberData(nameof(OpenStates))]
    public void EscalateToSchoolOwner_WhenAlreadyEscalated_IsRefusedByItsGuard(CaseState state)
    {
        var @case = ACase().In(state).Build();
        @case.EscalateToSchoolOwner(Principal, Later, "Serious.");

        var act = () => @case.EscalateToSchoolOwner(Principal, Later.AddHours(1), "Serious again.");

        act.Should().Throw<CaseRuleViolation>().Which.Code.Should().Be(RefusalCode.AlreadyFlagged);
        @case.PermittedTriggers(Principal).Should().NotContain(CaseTrigger.EscalateToSchoolOwner);
    }

    [Theory]
    [MemberData(nameof(OpenStates))]
    public void FlagParticularVulnerability_WhenAlreadyFlagged_IsRefusedByItsGuard(CaseState state)
    {
        var @case = ACase().In(state).Build();
        @case.FlagParticularVulnerability(SchoolOwnerTeam, Later, "Vulnerable.");

        var act = () => @case.FlagParticularVulnerability(Principal, Later.AddHours(1), "Vulnerable again.");

        act.Should().Throw<CaseRuleViolation>().Which.Code.Should().Be(RefusalCode.AlreadyFlagged);
        @case.PermittedTriggers(Principal).Should().NotContain(CaseTrigger.FlagParticularVulnerability);
    }

    [Theory]
    [MemberData(nameof(AllStates))]
    public void RecordCountyGovernorCase_WhenAlreadyTaken_IsRefusedByItsGuard(CaseState state)
    {
        var @case = ACase().In(state).TakenToCountyGovernor().Build();

        var act = () => @case.RecordCountyGovernorCase(Principal, Later, "Taken again.");

        act.Should().Throw<CaseRuleViolation>().Which.Code.Should().Be(RefusalCode.AlreadyFlagged);
        @case.PermittedTriggers(Principal).Should().NotContain(CaseTrigger.RecordCountyGovernorCase)
            .And.Contain(CaseTrigger.RecordCountyGovernorDecision);
    }

    [Theory]
    [InlineData(CaseTrigger.Close)]
    [InlineData(CaseTrigger.RevisePlan)]
    public void FromEvaluating_WithoutAnEvaluation_IsRefusedByItsGuard(CaseTrigger trigger)
    {
        var @case = ACase().Evaluating().Build();

        var act = () => CaseSteps.Fire(@case, trigger, Principal, Later);

        act.Should().Throw<CaseRuleViolation>().Which.Code.Should().Be(RefusalCode.EvaluationMissing);
        @case.State.Should().Be(CaseState.Evaluating);
        @case.PermittedTriggers(Principal).Should().NotContain(trigger);
    }

    [Theory]
    [InlineData(CaseState.Measures)]
    [InlineData(CaseState.Evaluating)]
    public void RecordMeasureProgress_ByStaffNotResponsible_IsRefusedByItsGuard(CaseState state)
    {
        var @case = ACase().In(state).Build();
        var principalsMeasure = @case.CurrentPlan!.Measures.Single(m => m.ResponsibleUserId == Principal.UserId);

        var act = () => @case.RecordMeasureProgress(Staff, Later, principalsMeasure.MeasureKey, MeasureStatus.UnderWay, null);

        act.Should().Throw<CaseRuleViolation>().Which.Code.Should().Be(RefusalCode.NotResponsibleForMeasure);
        @case.PermittedTriggers(OtherStaff).Should().NotContain(CaseTrigger.RecordMeasureProgress);
    }
}
