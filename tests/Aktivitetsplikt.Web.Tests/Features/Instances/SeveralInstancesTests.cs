using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Features.Notifications;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Tests.Features.Notifications;
using Aktivitetsplikt.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Aktivitetsplikt.Web.Tests.Features.Instances;

/// <summary>
/// Two app instances on one database (ADR 014): a second service provider over the test's database file, as a second
/// process would be, with its own outbox dispatcher and reminder service. Each e-mail reaches a real SMTP server once;
/// each reminder is written once; what a crashed instance held is taken over when its lease expires.
/// </summary>
public sealed class SeveralInstancesTests(SmtpServerFixture smtp) : SliceTest, IClassFixture<SmtpServerFixture>
{
    [Fact]
    public async Task TwoDispatchersOnOneDatabase_SendEveryMessageOnce_ToARealMailServer()
    {
        await App.WriteEveryKindOfNotificationAsync();
        var outbox = await App.OutboxAsync();
        await using var server = await smtp.StartAsync(SmtpServerMode.Accept);
        await using var second = SecondInstance();
        // The first dispatcher holds its first message until the second has delivered one, so both are sending at once.
        var secondDelivered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = Dispatcher(App.Services, new GatedSender(new SmtpSender(Options.Create(server.Options)), before: secondDelivered.Task), server.Options);
        var other = Dispatcher(second, new GatedSender(new SmtpSender(Options.Create(server.Options)), after: secondDelivered), server.Options);

        var sent = await Task.WhenAll(first.DispatchOnceAsync(Clock.UtcDateTime), other.DispatchOnceAsync(Clock.UtcDateTime));

        sent.Should().OnlyContain(n => n > 0, "both dispatchers sent some of the messages");
        sent.Sum().Should().Be(outbox.Count);
        var received = server.Received();
        received.Select(m => (To: m.To.ToString(), m.Subject, Body: (m.TextBody ?? "").ReplaceLineEndings("\n").TrimEnd()))
            .Should().BeEquivalentTo(outbox.Select(m => (To: m.ToAddress, m.Subject, Body: m.Body.TrimEnd())), "each message arrived exactly once");
        (await App.OutboxAsync()).Should().OnlyContain(m => m.SentAtUtc != null && m.Attempts == 1 && m.LeaseOwner == null && m.LeaseUntilUtc == null);
        (await Task.WhenAll(first.DispatchOnceAsync(Clock.UtcDateTime.AddHours(1)), other.DispatchOnceAsync(Clock.UtcDateTime.AddHours(1))))
            .Should().OnlyContain(n => n == 0, "nothing is left to send");
        server.Received().Should().HaveCount(outbox.Count);
    }

    [Fact]
    public async Task AMessageLeasedByADispatcherThatDied_IsSentByAnotherOnce_WhenTheLeaseExpires()
    {
        await App.GiveEmailAsync(Org.Principal1);
        await App.LogConcernAsync(Org.StaffA, Org.Emma, "Emma ble holdt utenfor.");
        var message = (await App.OutboxAsync()).Single();
        await using var server = await smtp.StartAsync(SmtpServerMode.Accept);
        await using var second = SecondInstance();
        var survivor = Dispatcher(second, new SmtpSender(Options.Create(server.Options)), server.Options);
        // The dead instance took the message and never came back to record it.
        (await App.WithDb(db => OutboxDispatcher.ClaimAsync(db, message.Id, "dead-instance", Clock.UtcDateTime, Clock.UtcDateTime,
            survivor.LeaseDuration, CancellationToken.None))).Should().BeTrue();

        (await survivor.DispatchOnceAsync(Clock.UtcDateTime)).Should().Be(0, "the lease is live");
        Clock.Advance(survivor.LeaseDuration - TimeSpan.FromSeconds(1));
        (await survivor.DispatchOnceAsync(Clock.UtcDateTime)).Should().Be(0, "the lease is live a second before it expires");
        server.Received().Should().BeEmpty();

        Clock.Advance(TimeSpan.FromSeconds(2));
        (await survivor.DispatchOnceAsync(Clock.UtcDateTime)).Should().Be(1);
        (await survivor.DispatchOnceAsync(Clock.UtcDateTime.AddHours(1))).Should().Be(0);

        server.Received().Should().ContainSingle().Which.To.ToString().Should().Be("randi.rektor@example.org");
        (await App.OutboxAsync()).Single().Should().Match<OutboxMessage>(m => m.SentAtUtc == Clock.UtcDateTime && m.Attempts == 1 && m.LeaseOwner == null);
    }

    [Fact]
    public async Task TwoReminderServicesRunningAtOnce_WriteEachReminderOnce()
    {
        await App.ACase().About(Org.Noah).MeasureResponsible(Org.StaffB).Measures();
        await App.LogConcernAsync(Org.StaffA, Org.Emma, "Emma ble holdt utenfor.");
        Clock.Advance(TimeSpan.FromDays(30));
        await using var second = SecondInstance();
        var services = new[] { App.Reminders(), second.GetRequiredService<DeadlineReminderService>() };
        services[0].Owner.Should().NotBe(services[1].Owner);
        var before = (await App.NotificationsAsync()).Count;

        var written = 0;
        for (var round = 0; round < 5; round++)
            written += (await Task.WhenAll(services.Select(s => s.RunOnceAsync(Clock.UtcDateTime)))).Sum();

        var reminders = (await App.NotificationsAsync()).Where(n => n.SourceId != null).ToList();
        reminders.Should().NotBeEmpty();
        reminders.Kinds().Should().Contain([NotificationKind.DeadlineMissed, NotificationKind.MeasureDue]);
        written.Should().Be(reminders.Count);
        (await App.NotificationsAsync()).Should().HaveCount(before + written);
        reminders.GroupBy(n => (n.SourceId, n.Kind, n.RecipientUserId)).Should().OnlyContain(g => g.Count() == 1);
        (await App.WithDb(db => db.JobLeases.AsNoTracking().SingleAsync())).Owner.Should().BeNull("the lease is given back after each pass");
    }

    [Fact]
    public async Task TheReminderLeaseOfAnInstanceThatDied_IsTakenOverWhenItExpires()
    {
        await App.LogConcernAsync(Org.StaffA, Org.Emma, "Emma ble holdt utenfor.");
        Clock.Advance(TimeSpan.FromDays(30));
        (await App.WithDb(db => Leases.TryClaimJobAsync(db, DeadlineReminderService.JobName, "dead-instance", Clock.UtcDateTime,
            DeadlineReminderService.LeaseDuration, CancellationToken.None))).Should().BeTrue();
        (await App.WithDb(db => Leases.TryClaimJobAsync(db, DeadlineReminderService.JobName, "another", Clock.UtcDateTime,
            DeadlineReminderService.LeaseDuration, CancellationToken.None))).Should().BeFalse("one holder at a time");
        var reminders = App.Reminders();

        (await reminders.RunOnceAsync(Clock.UtcDateTime)).Should().Be(0, "the dead instance's lease is live");
        (await App.NotificationsAsync()).Where(n => n.SourceId != null).Should().BeEmpty();

        Clock.Advance(DeadlineReminderService.LeaseDuration + TimeSpan.FromSeconds(1));
        (await reminders.RunOnceAsync(Clock.UtcDateTime)).Should().BeGreaterThan(0);
        (await App.NotificationsAsync()).Where(n => n.SourceId != null).Should().NotBeEmpty();
    }

    /// <summary>A second app instance: its own services, connections and singletons, over the same database and clock.</summary>
    private ServiceProvider SecondInstance()
    {
        var collection = new ServiceCollection().AddLogging().AddAktivitetsplikt(App.Storage);
        collection.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock));
        return collection.BuildServiceProvider();
    }

    private OutboxDispatcher Dispatcher(IServiceProvider services, ISmtpSender sender, SmtpOptions options) =>
        new(services.GetRequiredService<IServiceScopeFactory>(), sender, Options.Create(options), Options.Create(new NotificationOptions()),
            Clock, NullLogger<OutboxDispatcher>.Instance);

    /// <summary>Waits for <paramref name="before"/> ahead of its first send; completes <paramref name="after"/> after its first delivery.</summary>
    private sealed class GatedSender(ISmtpSender inner, Task? before = null, TaskCompletionSource? after = null) : ISmtpSender
    {
        public async Task SendAsync(OutgoingEmail email, CancellationToken cancellationToken)
        {
            if (before is not null) await before.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
            await inner.SendAsync(email, cancellationToken);
            after?.TrySetResult();
        }
    }
}

internal static class NotificationListExtensions
{
    public static IEnumerable<NotificationKind> Kinds(this IEnumerable<Notification> notifications) => notifications.Select(n => n.Kind).Distinct();
}
