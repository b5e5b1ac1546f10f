using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Features.Cases;
using Aktivitetsplikt.Web.Features.Notifications;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Tests.Features.Notifications;
using Aktivitetsplikt.Web.Tests.Support;

namespace Aktivitetsplikt.Web.Tests.Features.Cases;

public sealed class ReportEmployeeSuspicionTests : SliceTest
{
    [Fact]
    public async Task ReportedMidInvestigation_FlagsTheCase_AndNotifiesTheTeamAndThePrincipal_InTheSameCommit()
    {
        var id = await App.ACase().Investigating();

        await App.SendAs(Org.StaffA, new ReportEmployeeSuspicion.Command(id, null, "Eleven sier at en assistent har dratt henne etter armen.", false));

        var @case = await App.LoadCaseAsync(id);
        @case.EmployeeSuspected.Should().BeTrue();
        @case.Entries.Select(e => e.Kind).TakeLast(2).Should().Equal(EntryKind.EmployeeSuspicionReported, EntryKind.SchoolOwnerNotified);
        var notified = (await App.NotificationsAsync()).Where(n => n.CaseId == id && n.Kind == NotificationKind.EmployeeSuspected).Select(n => n.RecipientUserId);
        notified.Should().BeEquivalentTo(new[] { Org.Team.Id, Org.Principal1.Id });
        (await App.AuditEntriesAsync(id)).Last().Action.Should().Be(nameof(ReportEmployeeSuspicion));
    }

    [Fact]
    public async Task LeadershipSuspected_TheSchoolOwnerTakesOver_AndThePrincipalNoLongerSeesTheCase()
    {
        var id = await App.ACase().Investigating();

        await App.SendAs(Org.StaffA, new ReportEmployeeSuspicion.Command(id, null, "Eleven sier at inspektøren truet ham.", true));

        var principalList = await App.SendAs(Org.Principal1, new ListCases.Query(Show: ListCases.Status.All));
        principalList.Items.Should().NotContain(i => i.Id == id);
        await FluentActions.Awaiting(() => App.SendAs(Org.Principal1, new GetCaseDetail.Query(id))).Should().ThrowAsync<NotFoundOrNoAccessException>();
        (await App.SendAs(Org.Team, new GetCaseDetail.Query(id))).PermittedActions.Should().Contain(CaseTrigger.AdoptPlan);
    }
}
