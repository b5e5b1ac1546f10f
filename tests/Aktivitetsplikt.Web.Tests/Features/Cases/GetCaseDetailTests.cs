using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Domain.Organisation;
using Aktivitetsplikt.Web.Features.Cases;
using Aktivitetsplikt.Web.Tests.Support;

namespace Aktivitetsplikt.Web.Tests.Features.Cases;

public sealed class GetCaseDetailTests : SliceTest
{
    [Fact]
    public async Task GetCaseDetail_ReturnsTimelineInOrder_WithSchoolPupilAndReporter()
    {
        var id = await App.ACase().Measures();

        var detail = await App.SendAs(Org.Principal1, new GetCaseDetail.Query(id));

        detail.Timeline.Select(t => t.Sequence).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
        detail.Timeline.Select(t => t.Kind).Should().Equal(
            EntryKind.ConcernLogged, EntryKind.PrincipalNotified, EntryKind.InvestigationStarted, EntryKind.PlanAdopted);
        detail.Timeline.Select(t => t.RecordedAtUtc).Should().BeInAscendingOrder();
        detail.State.Should().Be(CaseState.Measures);
        detail.SchoolName.Should().Be(Org.School1.Name);
        detail.PupilName.Should().Be("Emma Hansen");
        detail.ReportedByName.Should().Be(Org.StaffA.DisplayName);
        detail.CaseNumber.Should().Be("2026-0001");
    }

    [Fact]
    public async Task GetCaseDetail_ReturnsEveryPlanVersion_WithMeasures()
    {
        var id = await App.ACase().Measures();
        await App.SendAs(Org.Principal1, new RevisePlan.Command(id, null,
            CaseBuilder.CompletePlan(Org.StaffB, CaseBuilder.EvaluationDate(App), "Revidert problem."), "Ny ansvarlig."));

        var detail = await App.SendAs(Org.Principal1, new GetCaseDetail.Query(id));

        detail.Plans.Select(p => p.Version).Should().Equal(1, 2);
        detail.CurrentPlan!.Version.Should().Be(2);
        detail.CurrentPlan.Problem.Should().Be("Revidert problem.");
        detail.CurrentPlan.Measures.Should().ContainSingle().Which.ResponsibleUserId.Should().Be(Org.StaffB.Id);
        detail.Plans[0].Measures.Should().ContainSingle().Which.ResponsibleUserId.Should().Be(Org.StaffA.Id);
    }

    [Fact]
    public async Task GetCaseDetail_PermittedActionsDifferPerRole()
    {
        var id = await App.ACase().PrincipalNotified();

        var staff = (await App.SendAs(Org.StaffA, new GetCaseDetail.Query(id))).PermittedActions;
        var principal = (await App.SendAs(Org.Principal1, new GetCaseDetail.Query(id))).PermittedActions;
        var team = (await App.SendAs(Org.Team, new GetCaseDetail.Query(id))).PermittedActions;

        staff.Should().Contain(new[] { CaseTrigger.RecordIntervention, CaseTrigger.RecordPupilVoice, CaseTrigger.AddComment })
            .And.NotContain(new[] { CaseTrigger.StartInvestigation, CaseTrigger.EscalateToSchoolOwner, CaseTrigger.RecordCountyGovernorCase });
        principal.Should().Contain(new[] { CaseTrigger.StartInvestigation, CaseTrigger.EscalateToSchoolOwner, CaseTrigger.RecordIntervention });
        team.Should().Contain(new[] { CaseTrigger.StartInvestigation, CaseTrigger.FlagParticularVulnerability })
            .And.NotContain(new[] { CaseTrigger.RecordIntervention, CaseTrigger.EscalateToSchoolOwner });
        principal.Should().NotContain(CaseTrigger.NotifyPrincipal, "the principal is already notified");
    }

    [Fact]
    public async Task GetCaseDetail_WritesAViewCaseAuditEntryOnEveryRead()
    {
        var id = await App.ACase().PrincipalNotified();

        await App.SendAs(Org.Principal1, new GetCaseDetail.Query(id));
        Clock.Advance(TimeSpan.FromMinutes(1));
        await App.SendAs(Org.Team, new GetCaseDetail.Query(id));

        var views = (await App.AuditEntriesAsync(id)).Where(a => a.Action == "ViewCase").ToList();
        views.Should().HaveCount(2);
        views.Select(v => v.UserId).Should().Equal(Org.Principal1.Id, Org.Team.Id);
        views.Select(v => v.Role).Should().Equal(Role.Principal, Role.SchoolOwnerTeam);
        views[1].AtUtc.Should().Be(Clock.UtcDateTime);
        views.Should().OnlyContain(v => v.StateBefore == null && v.StateAfter == null);
        (await App.VerifyChainAsync()).IsIntact.Should().BeTrue();
    }

    [Fact]
    public async Task GetCaseDetail_IsOverdue_WhenTheNextDeadlineHasPassed()
    {
        var id = await App.ACase().FollowingUp();
        (await App.SendAs(Org.StaffA, new GetCaseDetail.Query(id))).IsOverdue.Should().BeFalse();

        Clock.Advance(TimeSpan.FromDays(1));

        var detail = await App.SendAs(Org.StaffA, new GetCaseDetail.Query(id));
        detail.IsOverdue.Should().BeTrue();
        detail.Deadlines.Should().ContainSingle();
    }

    [Theory]
    [InlineData(nameof(TestOrganisation.Principal1))]
    [InlineData(nameof(TestOrganisation.Team))]
    public async Task GetCaseDetail_ForPrincipalOrTeam_ShowsFlagsWithReason(string who)
    {
        var id = await App.ACase().Investigating();
        await App.SendAs(Org.Principal1, new EscalateToSchoolOwner.Command(id, null, "Alvorlig."));
        var user = (UserAccount)typeof(TestOrganisation).GetProperty(who)!.GetValue(Org)!;

        var detail = await App.SendAs(user, new GetCaseDetail.Query(id));

        detail.Flags.Should().ContainSingle(f => f.Kind == FlagKind.EscalatedToSchoolOwner && f.Reason == "Alvorlig." && f.SetByName == Org.Principal1.DisplayName);
    }
}
