using Aktivitetsplikt.Web.Features.Notifications;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Tests.Support;

namespace Aktivitetsplikt.Web.Tests.Features.Notifications;

public sealed class InboxTests : SliceTest
{
    [Fact]
    public async Task Inbox_ShowsOnlyMyNotifications_UnreadFirstThenNewest()
    {
        var first = await App.LogConcernAsync(Org.StaffA, Org.Emma, "Første.");
        Clock.Advance(TimeSpan.FromMinutes(5));
        var second = await App.LogConcernAsync(Org.StaffA, Org.Noah, "Andre.");
        Clock.Advance(TimeSpan.FromMinutes(5));
        var third = await App.LogConcernAsync(Org.StaffB, Org.Olivia, "Tredje.");
        await App.LogConcernAsync(Org.Staff2, Org.Leah, "Ved den andre skolen.");
        var secondNotification = (await App.NotificationsAsync(Org.Principal1)).Single(n => n.CaseId == second);
        await App.SendAs(Org.Principal1, new MarkNotificationRead.Command(secondNotification.Id));

        var inbox = await App.SendAs(Org.Principal1, new ListNotifications.Query());

        inbox.Items.Select(i => i.CaseId).Should().Equal(third, first, second);
        inbox.UnreadCount.Should().Be(2);
        inbox.Items[^1].IsRead.Should().BeTrue();
        (await App.SendAs(Org.StaffA, new ListNotifications.Query())).Items.Should().BeEmpty();
        (await App.SendAs(Org.Principal2, new ListNotifications.Query())).Items.Should().ContainSingle();
    }

    [Fact]
    public async Task Inbox_ListsANecessityRecordsNotificationOnce_AmongCaseNotifications_AndNotToAnotherSchool()
    {
        var concern = await App.LogConcernAsync(Org.StaffA, Org.Emma, "Emma ble ertet.");
        var record = await App.SendAs(Org.StaffA, new Aktivitetsplikt.Web.Features.Necessity.RecordNecessity.Command(Org.Emma.Id, Clock.UtcDateTime.AddHours(-2),
            "Gangen ved gymsalen", "Kari A Lærer (kontaktlærer)", "Eleven slo en medelev gjentatte ganger.", "Holdt eleven i armene til eleven roet seg.", 4,
            "Ingen", Clock.UtcDateTime.AddHours(-1), Clock.UtcDateTime.AddMinutes(-30), "Kari A Lærer, på telefon",
            Domain.Necessity.PupilAccountStatus.Given, "Han dyttet meg.", "Samtale med kontaktlærer.", "Samtale med foreldrene i morgen."));
        await App.LogConcernAsync(Org.StaffB, Org.Noah, "Noah ble holdt utenfor.");

        var inbox = await App.SendAs(Org.Principal1, new ListNotifications.Query());

        inbox.NecessityRecords.Should().ContainSingle(n => n.RecordId == record && !n.IsRead);
        inbox.Items.Should().HaveCount(2).And.Contain(i => i.CaseId == concern);
        inbox.UnreadCount.Should().Be(3);
        var other = await App.SendAs(Org.Principal2, new ListNotifications.Query());
        other.NecessityRecords.Should().BeEmpty();
        other.Items.Should().BeEmpty();
    }

    [Fact]
    public async Task MarkingRead_SetsTheTime_AndIsOnTheAuditChain()
    {
        await App.LogConcernAsync(Org.StaffA, Org.Emma, "Emma ble ertet.");
        var notification = (await App.NotificationsAsync(Org.Principal1)).Single();
        Clock.Advance(TimeSpan.FromHours(2));

        await App.SendAs(Org.Principal1, new MarkNotificationRead.Command(notification.Id));

        (await App.NotificationsAsync(Org.Principal1)).Single().ReadAtUtc.Should().Be(Clock.UtcDateTime);
        var audit = (await App.AuditEntriesAsync())[^1];
        audit.Action.Should().Be(nameof(MarkNotificationRead));
        audit.UserId.Should().Be(Org.Principal1.Id);
        audit.Details.Should().Contain(notification.Id.ToString());
        (await App.VerifyChainAsync()).IsIntact.Should().BeTrue();
    }

    [Fact]
    public async Task MarkingSomeoneElsesNotification_IsRefusedAsNotFound_AndChangesNothing()
    {
        await App.LogConcernAsync(Org.StaffA, Org.Emma, "Emma ble ertet.");
        var notification = (await App.NotificationsAsync(Org.Principal1)).Single();

        await FluentActions.Awaiting(() => App.SendAs(Org.Team, new MarkNotificationRead.Command(notification.Id)))
            .Should().ThrowAsync<NotFoundOrNoAccessException>();

        (await App.NotificationsAsync(Org.Principal1)).Single().ReadAtUtc.Should().BeNull();
    }

    [Fact]
    public async Task ANotificationReadByOpeningTheCase_IsShownRead_OnTheInboxsNextView()
    {
        var caseId = await App.LogConcernAsync(Org.StaffA, Org.Emma, "Emma ble holdt utenfor.", notify: true);
        var before = await App.SendAs(Org.Principal1, new ListNotifications.Query());

        await App.SendAs(Org.Principal1, new Aktivitetsplikt.Web.Features.Cases.GetCaseDetail.Query(caseId));
        var after = await App.SendAs(Org.Principal1, new ListNotifications.Query());

        before.Items.Where(i => i.CaseId == caseId).Should().NotBeEmpty().And.OnlyContain(i => !i.IsRead);
        after.Items.Where(i => i.CaseId == caseId).Should().NotBeEmpty()
            .And.OnlyContain(i => i.IsRead, "opening the case read them, although no command was committed");
        after.UnreadCount.Should().Be(before.UnreadCount - before.Items.Count(i => i.CaseId == caseId));
    }

    [Fact]
    public async Task NotificationsOfACaseWhereLeadershipIsSuspected_AreHiddenFromThePrincipal_InListCountAndMarking()
    {
        var other = await App.LogConcernAsync(Org.Staff2, Org.Leah, "Leah ble ertet.", notify: true);
        var suspected = await App.LogConcernAsync(Org.Staff2, Org.Oskar, "Oskar ble ertet av en voksen.", notify: true);
        var hidden = (await App.NotificationsAsync(Org.Principal2)).Single(n => n.CaseId == suspected);
        (await App.SendAs(Org.Principal2, new ListNotifications.Query())).UnreadCount.Should().Be(2, "before the § 12-5 report both cases are the principal's");

        Clock.Advance(TimeSpan.FromMinutes(5));
        await App.SendAs(Org.Staff2, new Aktivitetsplikt.Web.Features.Cases.ReportEmployeeSuspicion.Command(suspected, null, "Rektor er mistenkt.", LeadershipSuspected: true));

        var inbox = await App.SendAs(Org.Principal2, new ListNotifications.Query());
        inbox.Items.Select(i => i.CaseId).Should().OnlyContain(id => id == other, "the principal may not learn that the case exists");
        inbox.UnreadCount.Should().Be(1);
        (await App.WithDb(db => ListNotifications.UnreadCountAsync(db, Acting(Org.Principal2), CancellationToken.None))).Should().Be(1, "the badge counts the same");
        await FluentActions.Awaiting(() => App.SendAs(Org.Principal2, new MarkNotificationRead.Command(hidden.Id)))
            .Should().ThrowAsync<NotFoundOrNoAccessException>();
        (await App.SendAs(Org.Team, new ListNotifications.Query())).Items.Should().Contain(i => i.CaseId == suspected, "the school owner's team is told instead");
    }

    private static CurrentUser Acting(Aktivitetsplikt.Domain.Organisation.UserAccount user)
    {
        var current = new CurrentUser(new Microsoft.AspNetCore.Http.HttpContextAccessor());
        current.ActAs(user);
        return current;
    }

    [Fact]
    public async Task MarkingAllRead_MarksOnlyMine()
    {
        await App.LogConcernAsync(Org.StaffA, Org.Emma, "En.");
        await App.LogConcernAsync(Org.StaffA, Org.Noah, "To.");
        await App.LogConcernAsync(Org.Staff2, Org.Leah, "Tre.");

        await App.SendAs(Org.Principal1, new MarkNotificationRead.Command(null));

        (await App.NotificationsAsync(Org.Principal1)).Should().HaveCount(2).And.OnlyContain(n => n.ReadAtUtc != null);
        (await App.NotificationsAsync(Org.Principal2)).Should().ContainSingle().Which.ReadAtUtc.Should().BeNull();
        (await App.WithDb(db => ListNotifications.UnreadCountAsync(db, Acting(Org.Principal1), CancellationToken.None))).Should().Be(0);
    }

    [Fact]
    public async Task TheBadge_CountsTo99AndThenSays99Plus_WhileTheInboxStatesTheTrueNumber()
    {
        var caseId = await App.LogConcernAsync(Org.StaffA, Org.Emma, "Mange varsler.");
        await App.WithDb(async db =>
        {
            // As a § 9A team member's inbox looks after years of cases: far more unread than a badge shows.
            for (var i = 0; i < 150; i++)
                db.Notifications.Add(new Notification(Org.Principal1.Id, caseId, NotificationKind.NewConcern, Clock.GetUtcNow().UtcDateTime.AddMinutes(-i)));
            return await db.SaveChangesAsync();
        });

        var badge = await App.WithDb(db => ListNotifications.UnreadCountAsync(db, Acting(Org.Principal1), CancellationToken.None));
        badge.Should().Be(ListNotifications.BadgeCap, "the navigation stops counting at the cap");
        ListNotifications.BadgeText(badge).Should().Be("99+");
        ListNotifications.BadgeText(ListNotifications.BadgeCap - 1).Should().Be("99");
        (await App.SendAs(Org.Principal1, new ListNotifications.Query())).UnreadCount.Should().Be(151, "the inbox itself says how many there are");
    }

    [Fact]
    public async Task TheInbox_IsPaged25APage_UnreadNewestFirstThenRead_AndAPagePastTheLastIsTheLast()
    {
        var caseId = await App.LogConcernAsync(Org.StaffA, Org.Emma, "Mange varsler.");
        await App.SendAs(Org.Principal1, new MarkNotificationRead.Command(null));
        var start = Clock.GetUtcNow().UtcDateTime;
        await App.WithDb(async db =>
        {
            for (var i = 0; i < 20; i++)
                db.Notifications.Add(new Notification(Org.Principal1.Id, caseId, NotificationKind.NewConcern, start.AddMinutes(-i)));
            for (var i = 0; i < 12; i++)
            {
                var read = new Notification(Org.Principal1.Id, caseId, NotificationKind.DeadlineDueSoon, start.AddMinutes(5 + i));
                read.MarkRead(start);
                db.Notifications.Add(read);
            }
            return await db.SaveChangesAsync();
        });

        var first = await App.SendAs(Org.Principal1, new ListNotifications.Query(1));
        var second = await App.SendAs(Org.Principal1, new ListNotifications.Query(2));

        first.Pages.Should().Be(2);
        first.UnreadCount.Should().Be(20);
        first.Items.Should().HaveCount(ListNotifications.PageSize);
        first.Items.Take(20).Should().OnlyContain(i => !i.IsRead, "unread first, though the read ones are newer")
            .And.BeInDescendingOrder(i => i.CreatedAtUtc);
        first.Items.Skip(20).Should().OnlyContain(i => i.IsRead).And.BeInDescendingOrder(i => i.CreatedAtUtc);
        second.Page.Should().Be(2);
        second.Items.Should().HaveCount(20 + 12 + 1 - ListNotifications.PageSize, "the rest of the read ones, the concern's own too")
            .And.OnlyContain(i => i.IsRead);
        first.Items.Concat(second.Items).Select(i => i.Id).Should().OnlyHaveUniqueItems();
        (await App.SendAs(Org.Principal1, new ListNotifications.Query(9))).Page.Should().Be(2, "a link kept from before is given the last page");
    }
}
