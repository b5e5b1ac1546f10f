using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Domain.Organisation;
using Aktivitetsplikt.Web.Features.Admin;
using Aktivitetsplikt.Web.Features.Cases;
using Aktivitetsplikt.Web.Features.Notifications;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aktivitetsplikt.Web.Tests.Features.Notifications;

/// <summary>
/// The header's unread badge and place name are kept per user and scope (ADR 027), yet never lag a change made in this
/// instance: opening a case, marking read, a new notification, a step that hides a case, a renamed school.
/// </summary>
public sealed class HeaderFactsTests : SliceTest
{
    [Fact]
    public async Task TheBadge_DropsWhenTheUserOpensTheCase()
    {
        var emma = await App.LogConcernAsync(Org.StaffA, Org.Emma, "Emma ble ertet.", notify: true);
        var before = (await HeaderAsync(Org.Principal1)).Unread;
        before.Should().BeGreaterThan(0);
        (await HeaderAsync(Org.Principal1)).Unread.Should().Be(before, "kept");

        await App.SendAs(Org.Principal1, new GetCaseDetail.Query(emma));

        (await HeaderAsync(Org.Principal1)).Unread.Should().Be(await ReadUnreadAsync(Org.Principal1)).And.BeLessThan(before);
    }

    [Fact]
    public async Task TheBadge_DropsWhenTheUserMarksANotificationRead()
    {
        await App.LogConcernAsync(Org.StaffA, Org.Emma, "Emma ble ertet.", notify: true);
        var mine = (await App.NotificationsAsync(Org.Principal1)).First(n => n.ReadAtUtc is null);
        var before = (await HeaderAsync(Org.Principal1)).Unread;

        await App.SendAs(Org.Principal1, new MarkNotificationRead.Command(mine.Id));

        (await HeaderAsync(Org.Principal1)).Unread.Should().Be(before - 1);
    }

    [Fact]
    public async Task TheBadge_RisesWhenANotificationIsWritten_InACommandOrOutsideOne()
    {
        var emma = await App.LogConcernAsync(Org.StaffA, Org.Emma, "Emma ble ertet.");
        var before = (await HeaderAsync(Org.Principal1)).Unread;

        await App.LogConcernAsync(Org.StaffA, Org.Noah, "Noah satt alene.", notify: true);
        var afterCommand = (await HeaderAsync(Org.Principal1)).Unread;
        afterCommand.Should().BeGreaterThan(before);

        // As the reminder service writes them: its own context and transaction, no command.
        await App.WithDb(async db =>
        {
            db.Notifications.Add(new Notification(Org.Principal1.Id, emma, NotificationKind.DeadlineDueSoon, Clock.UtcDateTime));
            return await db.SaveChangesAsync();
        });

        (await HeaderAsync(Org.Principal1)).Unread.Should().Be(afterCommand + 1);
    }

    [Fact]
    public async Task TheBadge_NeverShowsAnotherUsersCount_NorACaseTheScopeNoLongerShows()
    {
        await App.LogConcernAsync(Org.Staff2, Org.Leah, "Leah ble ertet.", notify: true);
        var suspected = await App.LogConcernAsync(Org.Staff2, Org.Oskar, "Oskar ble ertet av en voksen.", notify: true);
        (await HeaderAsync(Org.Principal1)).Unread.Should().Be(await ReadUnreadAsync(Org.Principal1), "another school's principal has their own count");
        (await HeaderAsync(Org.Principal2)).Unread.Should().Be(2);
        (await HeaderAsync(Org.StaffA)).Unread.Should().Be(0, "a teacher who was told nothing");

        await App.SendAs(Org.Staff2, new ReportEmployeeSuspicion.Command(suspected, null, "Rektor er mistenkt.", LeadershipSuspected: true));

        (await HeaderAsync(Org.Principal2)).Unread.Should().Be(1, "the principal may not learn that the case exists");
    }

    [Fact]
    public void TheKey_DiffersForEveryUser_AndForTheSameUserUnderAnotherRoleOrSchool()
    {
        var asPrincipal = Acting(Org.Principal1);
        var sameAgain = Acting(Org.Principal1);
        HeaderFactsCache.KeyOf(asPrincipal).Should().Be(HeaderFactsCache.KeyOf(sameAgain));
        HeaderFactsCache.KeyOf(asPrincipal).Should().NotBe(HeaderFactsCache.KeyOf(Acting(Org.Principal2)));

        var p = Org.Principal1;
        HeaderFactsCache.KeyOf(new Someone(p.Id, Role.Principal, Org.School2.Id, p.SchoolOwnerId)).Should()
            .NotBe(HeaderFactsCache.KeyOf(asPrincipal), "another school is another scope");
        HeaderFactsCache.KeyOf(new Someone(p.Id, Role.Staff, p.SchoolId, p.SchoolOwnerId)).Should()
            .NotBe(HeaderFactsCache.KeyOf(asPrincipal), "another role is another scope");
    }

    [Fact]
    public async Task ThePlaceName_FollowsARenameOfTheSchool()
    {
        (await HeaderAsync(Org.Principal1)).PlaceName.Should().Be(Org.School1.Name);

        await App.SendAs(Org.Admin, new RenameSchool.Command(Org.School1.Id, "Nye Nordvik skole"));

        (await HeaderAsync(Org.Principal1)).PlaceName.Should().Be("Nye Nordvik skole");
        (await HeaderAsync(Org.Team)).PlaceName.Should().Be(Org.Owner.Name, "the § 9A team's place is the school owner");
    }

    [Fact]
    public async Task AChangeThisInstanceDidNotSee_ShowsWithinTheBound()
    {
        await App.LogConcernAsync(Org.StaffA, Org.Emma, "Emma ble ertet.", notify: true);
        var before = (await HeaderAsync(Org.Principal1)).Unread;
        // Another app instance marks them read: a bulk update, no SaveChanges in this process.
        await App.WithDb(db => db.Notifications.Where(n => n.RecipientUserId == Org.Principal1.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAtUtc, Clock.UtcDateTime)));

        (await HeaderAsync(Org.Principal1)).Unread.Should().Be(before, "kept: this instance was not told");
        Clock.Advance(HeaderFactsCache.Bound);
        (await HeaderAsync(Org.Principal1)).Unread.Should().Be(0, "read again once the bound has passed");
    }

    private async Task<HeaderFacts> HeaderAsync(UserAccount user) =>
        await App.Services.GetRequiredService<HeaderFactsCache>().GetAsync(Acting(user), CancellationToken.None);

    private Task<int> ReadUnreadAsync(UserAccount user) => App.WithDb(db => ListNotifications.UnreadCountAsync(db, Acting(user), CancellationToken.None));

    /// <summary>The same user id as another, under another role or school (as after an administrator's change).</summary>
    private sealed record Someone(Guid UserId, Role Role, Guid? SchoolId, Guid SchoolOwnerId) : ICurrentUser
    {
        public bool IsAuthenticated => true;
        public string Name => "";
    }

    private static CurrentUser Acting(UserAccount user)
    {
        var current = new CurrentUser(new Microsoft.AspNetCore.Http.HttpContextAccessor());
        current.ActAs(user);
        return current;
    }
}
