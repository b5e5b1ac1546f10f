using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Domain.Deadlines;
using Aktivitetsplikt.Web.Features.Cases;
using Aktivitetsplikt.Web.Tests.Support;

namespace Aktivitetsplikt.Web.Tests.Features.Cases;

public sealed class StartInvestigationTests : SliceTest
{
    [Fact]
    public async Task StartInvestigation_ByPrincipal_MovesToInvestigating_AndMeetsTheDeadline()
    {
        var id = await App.ACase().PrincipalNotified();
        Clock.Advance(TimeSpan.FromDays(1));

        await App.SendAs(Org.Principal1, new StartInvestigation.Command(id, null, "Samtale med eleven i morgen."));

        var @case = await App.LoadCaseAsync(id);
        @case.State.Should().Be(CaseState.Investigating);
        @case.Entries[^1].Kind.Should().Be(EntryKind.InvestigationStarted);
        @case.Entries[^1].ActorRole.Should().Be(Role.Principal);
        @case.Deadlines.Single(d => d.Kind == DeadlineKind.StartInvestigation).MetAtUtc.Should().Be(Clock.UtcDateTime);
        @case.NextDeadlineUtc.Should().Be(@case.Deadlines.Single(d => d.Kind == DeadlineKind.AdoptPlan).DueUtc,
            "only the routine's deadline for a fixed plan is open now");
    }

    [Fact]
    public async Task StartInvestigation_SetsThePlanDeadlineFromTheSchoolOwnersRoutine()
    {
        await App.SendAs(Org.Admin, new Aktivitetsplikt.Web.Features.Admin.SetDeadlinePolicy.Command(3, 24, PlanAdoptionSchoolDays: 4));
        var id = await App.ACase().PrincipalNotified();

        await App.SendAs(Org.Principal1, new StartInvestigation.Command(id, null, "Samtale med eleven."));

        var deadline = (await App.LoadCaseAsync(id)).Deadlines.Single(d => d.Kind == DeadlineKind.AdoptPlan);
        var today = SchoolCalendar.OsloDate(Clock.UtcDateTime);
        deadline.DueUtc.Should().Be(SchoolCalendar.EndOfOsloDayUtc(SchoolCalendar.WeekdaysOnly.AddSchoolDays(today, 4)));
        deadline.IsOpen.Should().BeTrue();
    }

    [Fact]
    public async Task StartInvestigation_ByStaff_IsRefusedAsRoleMayNotAct_AndNothingIsSaved()
    {
        var id = await App.ACase().PrincipalNotified();
        var before = await App.SnapshotAsync(id);

        var refused = await FluentActions.Awaiting(() => App.SendAs(Org.StaffA, new StartInvestigation.Command(id, null)))
            .Should().ThrowAsync<CaseRuleViolation>();
        refused.Which.Code.Should().Be(RefusalCode.RoleMayNotAct);
        (await App.SnapshotAsync(id)).Should().Be(before);
    }

    [Fact]
    public async Task StartInvestigation_ByTeam_OnSchoolOwnerOnlyCase_IsAllowed()
    {
        var logged = await App.SendAs(Org.StaffA, new LogConcern.Command(Org.Emma.Id, "Inspektøren truet eleven.", Clock.UtcDateTime.AddHours(-1),
            ConcernLocation.Other, null, true, false, true, true));

        await App.SendAs(Org.Team, new StartInvestigation.Command(logged.CaseId, null));

        (await App.LoadCaseAsync(logged.CaseId)).State.Should().Be(CaseState.Investigating);
    }
}
