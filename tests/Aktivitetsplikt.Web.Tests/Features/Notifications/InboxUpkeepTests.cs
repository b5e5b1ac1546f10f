using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Features.Cases;
using Aktivitetsplikt.Web.Features.Notifications;
using Aktivitetsplikt.Web.Tests.Support;

namespace Aktivitetsplikt.Web.Tests.Features.Notifications;

/// <summary>A notification is read once its case is opened or handled, and all of a case's once it is closed (issue 13).</summary>
public sealed class InboxUpkeepTests : SliceTest
{
    [Fact]
    public async Task OpeningTheCase_MarksMyNotificationsAboutItRead_AndNoOtherCasesNotifications()
    {
        var emma = await App.LogConcernAsync(Org.StaffA, Org.Emma, "Emma ble ertet.");
        var noah = await App.LogConcernAsync(Org.StaffA, Org.Noah, "Noah satt alene.");
        Clock.Advance(TimeSpan.FromMinutes(3));

        await App.SendAs(Org.Principal1, new GetCaseDetail.Query(emma));

        var mine = await App.NotificationsAsync(Org.Principal1);
        mine.Single(n => n.CaseId == emma).ReadAtUtc.Should().Be(Clock.UtcDateTime);
        mine.Single(n => n.CaseId == noah).ReadAtUtc.Should().BeNull("only the opened case's notifications are read");
        (await App.SendAs(Org.Principal1, new ListNotifications.Query())).UnreadCount.Should().Be(1);
        (await App.VerifyChainAsync()).IsIntact.Should().BeTrue();
    }

    [Fact]
    public async Task AStepOnTheCase_MarksTheActorsNotificationsAboutItRead()
    {
        var emma = await App.LogConcernAsync(Org.StaffA, Org.Emma, "Emma ble ertet.", notify: true);
        (await App.NotificationsAsync(Org.Principal1)).Should().Contain(n => n.CaseId == emma && n.ReadAtUtc == null);

        await App.SendAs(Org.Principal1, new StartInvestigation.Command(emma, null, "Samtaler."));

        (await App.NotificationsAsync(Org.Principal1)).Where(n => n.CaseId == emma).Should().OnlyContain(n => n.ReadAtUtc != null);
    }

    [Fact]
    public async Task AClosedCase_LeavesNoUnreadNotification_AndTheInboxSaysItIsClosed()
    {
        var id = await App.ACase().Closed();

        (await App.NotificationsAsync()).Where(n => n.CaseId == id).Should().NotBeEmpty().And.OnlyContain(n => n.ReadAtUtc != null);
        var item = (await App.SendAs(Org.Principal1, new ListNotifications.Query())).Items.First(i => i.CaseId == id);
        item.CaseClosed.Should().BeTrue();
        item.CaseState.Should().Be(CaseState.Closed);
    }
}
