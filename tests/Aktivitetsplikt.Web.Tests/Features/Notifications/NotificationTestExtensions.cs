using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Domain.Organisation;
using Aktivitetsplikt.Web.Features.Cases;
using Aktivitetsplikt.Web.Features.Notifications;
using Aktivitetsplikt.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Aktivitetsplikt.Web.Tests.Features.Notifications;

internal static class NotificationTestExtensions
{
    public static Task<List<Notification>> NotificationsAsync(this TestApp app, UserAccount? recipient = null) =>
        app.WithDb(db => db.Notifications.AsNoTracking()
            .Where(n => recipient == null || n.RecipientUserId == recipient.Id)
            .OrderBy(n => n.CreatedAtUtc).ToListAsync());

    public static Task<List<OutboxMessage>> OutboxAsync(this TestApp app) =>
        app.WithDb(db => db.OutboxMessages.AsNoTracking().OrderBy(m => m.CreatedAtUtc).ToListAsync());

    /// <summary>Gives the users e-mail addresses (as the administrator would), so their notifications go to the outbox too.</summary>
    public static Task GiveEmailAsync(this TestApp app, params UserAccount[] users) =>
        app.WithDb(async db =>
        {
            foreach (var user in users)
                (await db.Users.SingleAsync(u => u.Id == user.Id)).SetEmail($"{user.UserName}@example.org");
            return await db.SaveChangesAsync();
        });

    public static DeadlineReminderService Reminders(this TestApp app) => app.Services.GetRequiredService<DeadlineReminderService>();

    /// <summary>A dispatcher over a fake mail server, with SMTP configured.</summary>
    public static OutboxDispatcher Dispatcher(this TestApp app, ISmtpSender sender, bool smtpConfigured = true) =>
        app.Dispatcher(sender, smtpConfigured ? new SmtpOptions { Host = "smtp.example.org", From = "noreply@example.org" } : new SmtpOptions());

    /// <summary>A dispatcher with the app's own MailKit sender, talking SMTP to the server <paramref name="smtp"/> names.</summary>
    public static OutboxDispatcher Dispatcher(this TestApp app, SmtpOptions smtp) =>
        app.Dispatcher(new SmtpSender(Options.Create(smtp)), smtp);

    private static OutboxDispatcher Dispatcher(this TestApp app, ISmtpSender sender, SmtpOptions smtp) =>
        new(app.Services.GetRequiredService<IServiceScopeFactory>(), sender, Options.Create(smtp),
            Options.Create(new NotificationOptions()), app.Clock, NullLogger<OutboxDispatcher>.Instance);

    /// <summary>
    /// Privacy scenario: every kind of notification is written, to everyone with an e-mail address, about cases full
    /// of pupils' names and sensitive text. Returns the words that must never appear in an e-mail.
    /// </summary>
    public static async Task<IReadOnlyList<string>> WriteEveryKindOfNotificationAsync(this TestApp app)
    {
        var org = app.Org;
        await app.GiveEmailAsync(org.StaffA, org.StaffB, org.Principal1, org.Principal2, org.Team);
        const string concern = "Olivia Olsen ble slått av en medelev bak gymsalen";
        const string suspected = "Vikaren dro Leah Berg etter armen";
        const string escalation = "Foreldrene til Olivia vurderer å gå til Statsforvalteren";
        var olivia = await app.LogConcernAsync(org.StaffA, org.Olivia, concern);
        await app.LogConcernAsync(org.Staff2, org.Leah, suspected, notify: true, employee: true);
        await app.SendAs(org.StaffA, new NotifyPrincipal.Command(olivia, null, "Sa fra til rektor om Olivia Olsen."));
        await app.SendAs(org.Principal1, new StartInvestigation.Command(olivia, null, "Samtale med Olivia."));
        await app.SendAs(org.Principal1, new EscalateToSchoolOwner.Command(olivia, null, escalation));
        await app.ACase().About(org.Noah).MeasureResponsible(org.StaffB).Measures();
        app.Clock.Advance(TimeSpan.FromDays(30));
        await app.Reminders().RunOnceAsync(app.Clock.UtcDateTime);

        var kinds = (await app.NotificationsAsync()).Select(n => n.Kind).Distinct().ToList();
        kinds.Should().Contain(new[] { NotificationKind.NewConcern, NotificationKind.EmployeeSuspected, NotificationKind.Escalated,
            NotificationKind.PrincipalNotified, NotificationKind.MeasureDue, NotificationKind.DeadlineMissed });
        return new[] { org.Olivia, org.Leah, org.Noah, org.Emma }.SelectMany(p => new[] { p.FirstName, p.LastName })
            .Concat(["slått", "Vikaren", "Statsforvalteren", "gymsalen", "friminutt", "Voksen til stede"])
            .Concat([org.Team.DisplayName, org.Principal1.DisplayName, org.StaffA.DisplayName, org.School1.Name, org.School2.Name])
            .ToList();
    }

    public static Task<Guid> LogConcernAsync(this TestApp app, UserAccount reporter, Pupil pupil, string text, bool notify = false,
        bool employee = false, bool leadership = false) =>
        app.SendAs(reporter, new LogConcern.Command(pupil.Id, text, app.Clock.UtcDateTime.AddHours(-1), ConcernLocation.Classroom, null,
            notify, false, employee, leadership)).ContinueWith(t => t.Result.CaseId);
}

/// <summary>A mail server that records what it accepted and can be told to be unavailable (as the real sender reports it).</summary>
internal sealed class FakeSmtpSender : ISmtpSender
{
    public List<OutgoingEmail> Delivered { get; } = new();
    public int Attempts { get; private set; }
    public bool Down { get; set; }

    public Task SendAsync(OutgoingEmail email, CancellationToken cancellationToken)
    {
        Attempts++;
        if (Down) throw new MailServerUnavailableException("Service not available, closing transmission channel");
        Delivered.Add(email);
        return Task.CompletedTask;
    }
}
