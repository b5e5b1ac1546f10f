using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Domain.Deadlines;
using static Aktivitetsplikt.Domain.Tests.Cases.CaseBuilder;
using static Aktivitetsplikt.Domain.Tests.TestData;

namespace Aktivitetsplikt.Domain.Tests.Cases;

/// <summary>§ 12-5 applies whenever the suspicion arises, not only when the concern is first logged.</summary>
public class EmployeeSuspicionLaterTests
{
    [Fact]
    public void ReportedBeforeThePrincipalKnows_NotifiesPrincipalAndSchoolOwnerAtOnce_AndMovesToPrincipalNotified()
    {
        var @case = ACase().In(CaseState.FollowingUp).Build();

        @case.ReportEmployeeSuspicion(Staff, Later, "A substitute teacher shouted at the pupil.", leadershipSuspected: false, Policy);

        @case.State.Should().Be(CaseState.PrincipalNotified);
        @case.EmployeeSuspected.Should().BeTrue();
        @case.LeadershipSuspected.Should().BeFalse();
        @case.Entries.Select(e => e.Kind).TakeLast(3).Should().Equal(EntryKind.EmployeeSuspicionReported, EntryKind.PrincipalNotified, EntryKind.SchoolOwnerNotified);
        @case.Deadlines.Should().Contain(d => d.Kind == DeadlineKind.NotifyPrincipal && d.MetAtUtc == Later);
    }

    [Fact]
    public void ReportedBeforeInvestigation_MakesTheInvestigationDueStraks_ReplacingTheSchoolDaysDeadline()
    {
        var @case = ACase().PrincipalNotified().Build();
        var earlier = @case.Deadlines.Single(d => d.IsOpen && d.Kind == DeadlineKind.StartInvestigation);

        @case.ReportEmployeeSuspicion(Principal, Later, "An assistant is said to have pushed the pupil.", leadershipSuspected: false, new DeadlinePolicy(ImmediateInvestigationHours: 4));

        earlier.IsOpen.Should().BeFalse("the routine's school days no longer apply once an employee is suspected");
        @case.Deadlines.Single(d => d.IsOpen && d.Kind == DeadlineKind.StartInvestigation).DueUtc.Should().Be(Later.AddHours(4));
        @case.State.Should().Be(CaseState.PrincipalNotified);
    }

    [Fact]
    public void LeadershipSuspected_NotifiesOnlyTheSchoolOwner_AndThePrincipalMayNoLongerAct()
    {
        var @case = ACase().Investigating().Build();

        @case.ReportEmployeeSuspicion(Staff, Later, "The deputy head is said to have threatened the pupil.", leadershipSuspected: true, Policy);

        @case.LeadershipSuspected.Should().BeTrue();
        @case.Entries.Skip(@case.Entries.Count - 2).Select(e => e.Kind).Should().Equal(EntryKind.EmployeeSuspicionReported, EntryKind.SchoolOwnerNotified);
        @case.PermittedTriggers(Principal).Should().BeEmpty();
        FluentActions.Invoking(() => @case.AddComment(Principal, Later.AddHours(1), "Noted."))
            .Should().Throw<CaseRuleViolation>().Which.Code.Should().Be(RefusalCode.LeadershipSuspectedPrincipalExcluded);
        @case.PermittedTriggers(SchoolOwnerTeam).Should().Contain(CaseTrigger.AdoptPlan);
    }

    [Fact]
    public void AlreadyFlagged_IsRefused()
    {
        var @case = ACase().Investigating().WithEmployeeSuspected().Build();

        FluentActions.Invoking(() => @case.ReportEmployeeSuspicion(Staff, Later, "Again.", leadershipSuspected: false, Policy))
            .Should().Throw<CaseRuleViolation>().Which.Code.Should().Be(RefusalCode.AlreadyFlagged);
    }

    [Fact]
    public void WithoutSayingWhatIsSuspected_IsRefused_AndNothingChanges()
    {
        var @case = ACase().Investigating().Build();
        var entries = @case.Entries.Count;

        FluentActions.Invoking(() => @case.ReportEmployeeSuspicion(Staff, Later, "  ", leadershipSuspected: false, Policy))
            .Should().Throw<CaseRuleViolation>().Which.Code.Should().Be(RefusalCode.ReasonRequired);
        @case.Entries.Should().HaveCount(entries);
        @case.EmployeeSuspected.Should().BeFalse();
    }
}
