using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using MimeKit.Text;

namespace Aktivitetsplikt.Web.Features.Notifications;

/// <summary>
/// MailKit over the configured SMTP server ("Smtp:Host", "Port", "From", "UseSsl", "UserName", "Password",
/// "TimeoutSeconds"), one connection per message. Failures come out as one of two kinds, because the
/// dispatcher treats them differently: <see cref="MailRefusedException"/> when the server turned down this
/// message, <see cref="MailServerUnavailableException"/> when no message can go now.
/// </summary>
public sealed class SmtpSender(IOptions<SmtpOptions> options) : ISmtpSender
{
    public async Task SendAsync(OutgoingEmail email, CancellationToken cancellationToken)
    {
        var smtp = options.Value;
        if (!smtp.IsConfigured) throw new MailServerUnavailableException("SMTP is not configured (Smtp:Host, Smtp:From)");
        using var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(smtp.From));
        message.To.Add(MailboxAddress.Parse(email.To));
        message.Subject = email.Subject;
        message.Body = new TextPart(TextFormat.Plain) { Text = email.Body };

        // MailKit's Timeout bounds each read and write; the deadline bounds the whole exchange, so a server
        // that answers a byte at a time cannot hold the dispatcher either.
        var timeout = smtp.Timeout;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        using var client = new SmtpClient { Timeout = (int)timeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(smtp.Host, smtp.Port, smtp.SecureSocketOptions, deadline.Token);
            if (!string.IsNullOrEmpty(smtp.UserName))
                await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", deadline.Token);
            await client.SendAsync(message, deadline.Token);
            await client.DisconnectAsync(quit: true, deadline.Token);
        }
        catch (SmtpCommandException ex) when (ex.ErrorCode is SmtpErrorCode.RecipientNotAccepted or SmtpErrorCode.MessageNotAccepted)
        {
            throw new MailRefusedException($"{(int)ex.StatusCode} {ex.Message}", ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new MailServerUnavailableException($"{smtp.Host}:{smtp.Port} did not finish within {timeout.TotalSeconds:0} s", ex);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new MailServerUnavailableException($"{smtp.Host}:{smtp.Port}: {ex.GetType().Name}: {ex.Message}", ex);
        }
    }
}

/// <summary>The server turned down this message (its recipient or its content); the next message may well go.</summary>
public sealed class MailRefusedException(string message, Exception? innerException = null) : Exception(message, innerException);

/// <summary>
/// The server could not be reached, dropped the connection, did not answer in time or refused the session
/// (greeting, sign-in, sender): whatever is tried next would fail the same way.
/// </summary>
public sealed class MailServerUnavailableException(string message, Exception? innerException = null) : Exception(message, innerException);
