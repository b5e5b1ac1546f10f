using System.Diagnostics.CodeAnalysis;
using MailKit.Security;
using Microsoft.Extensions.Options;

namespace Aktivitetsplikt.Web.Features.Notifications;

/// <summary>Configuration "Notifications" (and "App:BaseUrl" for the links in e-mails).</summary>
public sealed class NotificationOptions
{
    public const string DefaultBaseUrl = "http://localhost:5080";

    /// <summary>Run the reminder service and the outbox dispatcher. Off in tests, which call them directly.</summary>
    public bool BackgroundServices { get; set; } = true;
    /// <summary>How long before a deadline the reminder comes.</summary>
    public int ReminderHoursBefore { get; set; } = 24;
    public int ReminderIntervalMinutes { get; set; } = 5;
    public int DispatchIntervalSeconds { get; set; } = 30;
    /// <summary>The longest wait between two attempts to send one e-mail.</summary>
    public int MaxRetryDelayMinutes { get; set; } = 360;
    /// <summary>The app's address as users reach it, for the link in e-mails.</summary>
    public string BaseUrl { get; set; } = DefaultBaseUrl;
}

/// <summary>Configuration "Smtp". Without a host and a sender address, e-mails wait in the outbox.</summary>
public sealed class SmtpOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    public string? From { get; set; }
    public bool UseSsl { get; set; } = true;
    public string? UserName { get; set; }
    public string? Password { get; set; }
    /// <summary>The longest one message may take, from connecting to the server's last answer.</summary>
    public int TimeoutSeconds { get; set; } = 30;

    [MemberNotNullWhen(true, nameof(Host), nameof(From))]
    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host) && !string.IsNullOrWhiteSpace(From);

    internal TimeSpan Timeout => TimeSpan.FromSeconds(Math.Max(1, TimeoutSeconds));

    /// <summary>
    /// UseSsl on port 465 is TLS from the first byte (RFC 8314); on any other port STARTTLS, required: a server
    /// that does not offer it is not sent the password or the message in clear. Without UseSsl, plain SMTP
    /// (a relay inside the school owner's network, or the tests' server on loopback).
    /// </summary>
    internal SecureSocketOptions SecureSocketOptions =>
        !UseSsl ? SecureSocketOptions.None : Port == 465 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTls;
}

public static class NotificationRegistration
{
    /// <summary>The notification services every host needs (tests too): planner, writer, sender, the two services callable directly.</summary>
    public static IServiceCollection AddNotifications(this IServiceCollection services)
    {
        services.AddOptions<NotificationOptions>();
        services.AddOptions<SmtpOptions>();
        services.AddScoped<NotificationWriter>();
        services.AddScoped<NotificationPlanner>();
        services.AddSingleton<ISmtpSender, SmtpSender>();
        services.AddSingleton<DeadlineReminderService>();
        services.AddSingleton<OutboxDispatcher>();
        services.AddSingleton<HeaderFactsCache>();
        services.AddSingleton<HeaderFactsInvalidation>();
        services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>(provider => provider.GetRequiredService<HeaderFactsInvalidation>());
        return services;
    }

    /// <summary>
    /// Binds "Notifications", "App:BaseUrl" and "Smtp", and starts the background services unless
    /// Notifications:BackgroundServices is false.
    /// </summary>
    public static IServiceCollection AddNotificationBackgroundServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<NotificationOptions>(options =>
        {
            configuration.GetSection("Notifications").Bind(options);
            var baseUrl = configuration["App:BaseUrl"];
            if (!string.IsNullOrWhiteSpace(baseUrl)) options.BaseUrl = baseUrl;
        });
        services.Configure<SmtpOptions>(configuration.GetSection("Smtp"));
        if (configuration.GetValue("Notifications:BackgroundServices", true))
        {
            services.AddHostedService(provider => provider.GetRequiredService<DeadlineReminderService>());
            services.AddHostedService(provider => provider.GetRequiredService<OutboxDispatcher>());
        }
        return services;
    }

    internal static TimeSpan ReminderLead(this IOptions<NotificationOptions> options) =>
        TimeSpan.FromHours(Math.Max(0, options.Value.ReminderHoursBefore));
}
