using System.Net;
using System.Net.Mail;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Aktivitetsplikt.Web.Features.Notifications;

/// <summary>An e-mail as the outbox hands it to the mail server.</summary>
public sealed record OutgoingEmail(string To, string Subject, string Body);

/// <summary>Sends one e-mail or throws. The seam tests replace with a fake mail server.</summary>
public interface ISmtpSender
{
    Task SendAsync(OutgoingEmail email, CancellationToken cancellationToken);
}

/// <summary>System.Net.Mail over the configured SMTP server ("Smtp:Host", "Port", "From", "UseSsl", "UserName", "Password").</summary>
public sealed class SmtpSender : ISmtpSender
{
    private readonly IOptions<SmtpOptions> _options;

    public SmtpSender(IOptions<SmtpOptions> options) => _options = options;

    public async Task SendAsync(OutgoingEmail email, CancellationToken cancellationToken)
    {
        var options = _options.Value;
        using var client = new SmtpClient(options.Host, options.Port) { EnableSsl = options.UseSsl };
        if (!string.IsNullOrEmpty(options.UserName))
            client.Credentials = new NetworkCredential(options.UserName, options.Password);
        using var message = new MailMessage(options.From!, email.To, email.Subject, email.Body);
        await client.SendMailAsync(message, cancellationToken);
    }
}

/// <summary>
/// Delivers the outbox. Each message is marked sent in its own transaction right after the mail server
/// took it; a failure counts the attempt, keeps the error and waits longer before the next try. While
/// SMTP is not configured nothing is sent and nothing is dropped: the messages wait (the admin page
/// shows how many). One dispatcher per database: two would both send a message due at the same time.
/// </summary>
public sealed class OutboxDispatcher : BackgroundService
{
    private const int BatchSize = 50;

    private readonly IServiceScopeFactory _scopes;
    private readonly ISmtpSender _sender;
    private readonly IOptions<SmtpOptions> _smtp;
    private readonly IOptions<NotificationOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger<OutboxDispatcher> _logger;

    public OutboxDispatcher(IServiceScopeFactory scopes, ISmtpSender sender, IOptions<SmtpOptions> smtp, IOptions<NotificationOptions> options,
        TimeProvider time, ILogger<OutboxDispatcher> logger)
    {
        _scopes = scopes;
        _sender = sender;
        _smtp = smtp;
        _options = options;
        _time = time;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_smtp.Value.IsConfigured)
            _logger.LogWarning("SMTP is not configured (Smtp:Host, Smtp:From): notification e-mails wait in the outbox");
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(5, _options.Value.DispatchIntervalSeconds)));
        do
        {
            try
            {
                await DispatchOnceAsync(_time.UtcNow(), stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                _logger.LogError(ex, "The outbox run failed; it is tried again at the next interval");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Sends what is due at <paramref name="nowUtc"/>. Returns how many were sent.</summary>
    public async Task<int> DispatchOnceAsync(DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        if (!_smtp.Value.IsConfigured) return 0;
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var due = await db.OutboxMessages
            .Where(m => m.SentAtUtc == null && m.NextAttemptAtUtc <= nowUtc)
            .OrderBy(m => m.NextAttemptAtUtc)
            .Take(BatchSize)
            .ToListAsync(cancellationToken);

        var sent = 0;
        var maxDelay = TimeSpan.FromMinutes(Math.Max(1, _options.Value.MaxRetryDelayMinutes));
        foreach (var message in due)
        {
            try
            {
                await _sender.SendAsync(new OutgoingEmail(message.ToAddress, message.Subject, message.Body), cancellationToken);
                message.MarkSent(_time.UtcNow());
                sent++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                _logger.LogWarning("Sending outbox message {Id} failed (attempt {Attempt}): {Error}", message.Id, message.Attempts + 1, ex.Message);
                message.MarkFailed(_time.UtcNow(), $"{ex.GetType().Name}: {ex.Message}", maxDelay);
            }
            // Its own transaction: a message the server took is recorded as sent before the next is tried.
            await db.SaveChangesAsync(cancellationToken);
        }
        return sent;
    }
}
