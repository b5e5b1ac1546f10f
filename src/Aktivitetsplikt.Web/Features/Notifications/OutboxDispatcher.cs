using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Aktivitetsplikt.Web.Features.Notifications;

/// <summary>An e-mail as the outbox hands it to the mail server.</summary>
public sealed record OutgoingEmail(string To, string Subject, string Body);

/// <summary>Sends one e-mail or throws (<see cref="SmtpSender"/>; tests of the retry rules use a fake).</summary>
public interface ISmtpSender
{
    Task SendAsync(OutgoingEmail email, CancellationToken cancellationToken);
}

/// <summary>
/// Delivers the outbox. Each message is marked sent in its own transaction right after the mail server
/// took it; a failure counts the attempt, keeps the error and waits longer before the next try. When the
/// server itself is unavailable the run stops at that message, so a hanging server costs one timeout per
/// run, not one per message. While
/// SMTP is not configured nothing is sent and nothing is dropped: the messages wait (the admin page
/// shows how many). Every app instance runs a dispatcher: a message is sent only by the one that took its lease
/// (<see cref="ClaimAsync"/>), which outlasts one attempt; a dispatcher that dies mid-send loses it when it expires
/// and another sends the message then (ADR 014).
/// </summary>
public sealed class OutboxDispatcher(IServiceScopeFactory scopes, ISmtpSender sender, IOptions<SmtpOptions> smtp,
    IOptions<NotificationOptions> options, TimeProvider time, ILogger<OutboxDispatcher> logger) : BackgroundService
{
    private const int BatchSize = 50;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!smtp.Value.IsConfigured)
            logger.LogWarning("SMTP is not configured (Smtp:Host, Smtp:From): notification e-mails wait in the outbox");
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(5, options.Value.DispatchIntervalSeconds)));
        do
        {
            try
            {
                await DispatchOnceAsync(time.UtcNow(), stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "The outbox run failed; it is tried again at the next interval");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>This dispatcher's name on the leases it takes.</summary>
    internal string Owner { get; } = Leases.NewOwner();

    /// <summary>
    /// How long a lease lasts: two of the mail server's timeouts (the longest one attempt may take) and a margin for
    /// the database and for the instances' clocks being a little apart.
    /// </summary>
    internal TimeSpan LeaseDuration => smtp.Value.Timeout * 2 + TimeSpan.FromSeconds(30);

    /// <summary>Sends what is due at <paramref name="nowUtc"/>. Returns how many were sent.</summary>
    public async Task<int> DispatchOnceAsync(DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        if (!smtp.Value.IsConfigured) return 0;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var leaseNow = time.UtcNow();
        var due = await db.OutboxMessages.AsNoTracking()
            .Where(m => m.SentAtUtc == null && m.NextAttemptAtUtc <= nowUtc && (m.LeaseUntilUtc == null || m.LeaseUntilUtc < leaseNow))
            .OrderBy(m => m.NextAttemptAtUtc)
            .Select(m => m.Id)
            .Take(BatchSize)
            .ToListAsync(cancellationToken);

        var sent = 0;
        var maxDelay = TimeSpan.FromMinutes(Math.Max(1, options.Value.MaxRetryDelayMinutes));
        for (var i = 0; i < due.Count; i++)
        {
            // One at a time, so a lease is never older than the attempt it covers.
            if (!await ClaimAsync(db, due[i], Owner, nowUtc, time.UtcNow(), LeaseDuration, cancellationToken)) continue;
            var message = await db.OutboxMessages.SingleAsync(m => m.Id == due[i], cancellationToken);
            var serverUnavailable = false;
            try
            {
                await sender.SendAsync(new OutgoingEmail(message.ToAddress, message.Subject, message.Body), cancellationToken);
                message.MarkSent(time.UtcNow());
                sent++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning("Sending outbox message {Id} failed (attempt {Attempt}): {Error}", message.Id, message.Attempts + 1, ex.Message);
                message.MarkFailed(time.UtcNow(), $"{ex.GetType().Name}: {ex.Message}", maxDelay);
                serverUnavailable = ex is MailServerUnavailableException;
            }
            // Its own transaction: a message the server took is recorded as sent (and its lease given back) before the next is tried.
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            if (serverUnavailable)
            {
                // The rest would fail the same way, each after its own timeout if the server hangs: they keep
                // their turn (and their attempt count) for the next run instead.
                logger.LogWarning("The mail server is unavailable; {Count} more outbox messages wait for the next run", due.Count - i - 1);
                break;
            }
        }
        return sent;
    }

    /// <summary>
    /// Takes the lease on one unsent message that is due and not leased by a live dispatcher: one conditional UPDATE,
    /// so of two dispatchers asking at once one gets it. False when it was sent or taken meanwhile.
    /// </summary>
    internal static async Task<bool> ClaimAsync(AppDbContext db, Guid messageId, string owner, DateTime dueAtUtc, DateTime nowUtc,
        TimeSpan duration, CancellationToken cancellationToken)
    {
        var until = nowUtc + duration;
        return await db.OutboxMessages
            .Where(m => m.Id == messageId && m.SentAtUtc == null && m.NextAttemptAtUtc <= dueAtUtc
                && (m.LeaseUntilUtc == null || m.LeaseUntilUtc < nowUtc))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LeaseOwner, owner).SetProperty(m => m.LeaseUntilUtc, (DateTime?)until), cancellationToken) == 1;
    }
}
