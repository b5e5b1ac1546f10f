using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Features.Cases;
using Aktivitetsplikt.Web.Features.Notifications;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Pipeline;
using Aktivitetsplikt.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aktivitetsplikt.Web.Tests.Features.Notifications;

public sealed class NotificationPlannerTests : SliceTest
{
    [Fact]
    public async Task NewConcern_NotifiesThePrincipalOfThatSchoolOnly_InTheSameCommit()
    {
        await App.GiveEmailAsync(Org.Principal1, Org.Principal2, Org.Team, Org.StaffA);

        var id = await App.LogConcernAsync(Org.StaffA, Org.Emma, "Emma ble kalt stygge ting i gangen.");

        var notification = (await App.NotificationsAsync()).Should().ContainSingle().Subject;
        notification.RecipientUserId.Should().Be(Org.Principal1.Id);
        notification.CaseId.Should().Be(id);
        notification.Kind.Should().Be(NotificationKind.NewConcern);
        notification.CreatedAtUtc.Should().Be(Clock.UtcDateTime);
        notification.ReadAtUtc.Should().BeNull();
        var mail = (await App.OutboxAsync()).Should().ContainSingle().Subject;
        mail.NotificationId.Should().Be(notification.Id);
        mail.ToAddress.Should().Be("randi.rektor@example.org");
        mail.SentAtUtc.Should().BeNull();
    }

    [Fact]
    public async Task PrincipalLoggingAConcern_IsNotNotifiedOfTheirOwnStep()
    {
        await App.LogConcernAsync(Org.Principal1, Org.Emma, "Rektor så det selv.");

        (await App.NotificationsAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task LaterNotifyingThePrincipal_NotifiesThePrincipalAgain_AsTheFormalNotification()
    {
        var id = await App.LogConcernAsync(Org.StaffA, Org.Emma, "Emma ble dyttet.");
        Clock.Advance(TimeSpan.FromHours(1));

        await App.SendAs(Org.StaffA, new NotifyPrincipal.Command(id, null));

        (await App.NotificationsAsync(Org.Principal1)).Select(n => n.Kind)
            .Should().Equal(NotificationKind.NewConcern, NotificationKind.PrincipalNotified);
    }

    [Fact]
    public async Task EmployeeSuspected_NotifiesPrincipalAndTeam_Once()
    {
        await App.LogConcernAsync(Org.StaffA, Org.Emma, "En vikar skal ha ropt til Emma.", notify: true, employee: true);

        var notifications = await App.NotificationsAsync();
        notifications.Select(n => n.RecipientUserId).Should().BeEquivalentTo(new[] { Org.Principal1.Id, Org.Team.Id });
        notifications.Should().OnlyContain(n => n.Kind == NotificationKind.EmployeeSuspected);
    }

    [Fact]
    public async Task LeadershipSuspected_NotifiesTheTeamOnly_NeverThePrincipal()
    {
        await App.LogConcernAsync(Org.StaffA, Org.Emma, "Inspektøren skal ha truet Emma.", notify: true, employee: true, leadership: true);

        var notification = (await App.NotificationsAsync()).Should().ContainSingle().Subject;
        notification.RecipientUserId.Should().Be(Org.Team.Id);
        notification.Kind.Should().Be(NotificationKind.EmployeeSuspected);
    }

    [Fact]
    public async Task Escalation_NotifiesTheSchoolOwnersTeam()
    {
        var id = await App.ACase().Investigating();
        var before = (await App.NotificationsAsync()).Count;

        await App.SendAs(Org.Principal1, new EscalateToSchoolOwner.Command(id, null, "Saken er alvorlig og trenger hjelp fra skoleeier."));

        var added = (await App.NotificationsAsync()).Skip(before).Should().ContainSingle().Subject;
        added.RecipientUserId.Should().Be(Org.Team.Id);
        added.Kind.Should().Be(NotificationKind.Escalated);
    }

    [Fact]
    public async Task RefusedCommand_WritesNoNotificationAndNoEmail()
    {
        await App.GiveEmailAsync(Org.Team);
        var id = await App.ACase().Investigating();
        await App.SendAs(Org.Principal1, new EscalateToSchoolOwner.Command(id, null, "Første gang."));
        var notifications = (await App.NotificationsAsync()).Count;
        var outbox = (await App.OutboxAsync()).Count;

        await FluentActions.Awaiting(() => App.SendAs(Org.Principal1, new EscalateToSchoolOwner.Command(id, null, "Andre gang.")))
            .Should().ThrowAsync<CaseRuleViolation>();

        (await App.NotificationsAsync()).Should().HaveCount(notifications);
        (await App.OutboxAsync()).Should().HaveCount(outbox);
    }

    /// <summary>The planned notification is in the same transaction: when saving the change fails, it goes too.</summary>
    [Fact]
    public async Task ChangeThatFailsToSave_TakesItsNotificationAndEmailWithIt()
    {
        await App.GiveEmailAsync(Org.Team);
        var id = await App.ACase().Investigating();
        await using var scopeB = App.Services.CreateAsyncScope();
        ((CurrentUser)scopeB.ServiceProvider.GetRequiredService<ICurrentUser>()).ActAs(Org.Principal1);
        var dbB = scopeB.ServiceProvider.GetRequiredService<AppDbContext>();
        var staleCase = await dbB.CasesWithHistory.SingleAsync(c => c.Id == id);
        await App.SendAs(Org.Principal1, new AddComment.Command(id, null, "Skrevet først."));
        var notifications = (await App.NotificationsAsync()).Count;
        var outbox = (await App.OutboxAsync()).Count;

        var behavior = new UnitOfWorkBehavior<EscalateToSchoolOwner.Command, CaseCommandResult>(dbB,
            scopeB.ServiceProvider.GetRequiredService<AuditLog>(), scopeB.ServiceProvider.GetRequiredService<NotificationPlanner>(),
            scopeB.ServiceProvider.GetRequiredService<Aktivitetsplikt.Web.Features.Oversight.SummaryCache>(),
            scopeB.ServiceProvider.GetRequiredService<Aktivitetsplikt.Web.Features.Notifications.HeaderFactsCache>());
        await FluentActions.Awaiting(() => behavior.Handle(new EscalateToSchoolOwner.Command(id, null, "Samtidig."), CancellationToken.None, () =>
            {
                staleCase.EscalateToSchoolOwner(Org.Principal1.AsActor(), Clock.UtcDateTime, "Samtidig.");
                return Task.FromResult(new CaseCommandResult(id, staleCase.CaseNumber, staleCase.Revision));
            }))
            .Should().ThrowAsync<ConcurrencyConflictException>();

        (await App.NotificationsAsync()).Should().HaveCount(notifications);
        (await App.OutboxAsync()).Should().HaveCount(outbox);
        (await App.LoadCaseAsync(id)).HasFlag(FlagKind.EscalatedToSchoolOwner).Should().BeFalse();
    }

    [Fact]
    public async Task InactiveRecipient_GetsNothing()
    {
        await App.WithDb(async db =>
        {
            (await db.Users.SingleAsync(u => u.Id == Org.Principal1.Id)).Deactivate();
            return await db.SaveChangesAsync();
        });

        await App.LogConcernAsync(Org.StaffA, Org.Emma, "Emma ble ertet.");

        (await App.NotificationsAsync()).Should().BeEmpty();
    }
}
