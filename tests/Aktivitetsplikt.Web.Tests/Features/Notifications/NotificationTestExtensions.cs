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
        new(app.Services.GetRequiredService<IServiceScopeFactory>(), sender,
            Options.Create(smtpConfigured ? new SmtpOptions { Host = "smtp.example.org", From = "noreply@example.org" } : new SmtpOptions()),
            Options.Create(new NotificationOptions()), app.Clock, NullLogger<OutboxDispatcher>.Instance);

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
