using System.Collections.Concurrent;
using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Domain.Deadlines;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Aktivitetsplikt.Web.Features.Notifications;

/// <summary>A notification to be written: to whom, about which case, why.</summary>
public sealed record PlannedNotification(Guid RecipientUserId, Guid CaseId, NotificationKind Kind,
    Guid? SourceId = null, DeadlineKind? DeadlineKind = null, DateTime? DueUtc = null);

/// <summary>
/// Adds notifications and their outbox e-mails to the context, so that they commit with whatever
/// else the caller saves. Inactive users get nothing; users without an e-mail address get the
/// in-app notification only.
/// </summary>
public sealed class NotificationWriter(AppDbContext db, IOptions<NotificationOptions> options)
{
    public async Task<int> AddAsync(IReadOnlyCollection<PlannedNotification> planned, DateTime nowUtc, CancellationToken cancellationToken)
    {
        if (planned.Count == 0) return 0;
        var recipientIds = planned.Select(p => p.RecipientUserId).Distinct().ToList();
        var recipients = await db.Users.AsNoTracking()
            .Where(u => recipientIds.Contains(u.Id) && u.IsActive)
            .Select(u => new { u.Id, u.Email, u.Culture })
            .ToDictionaryAsync(u => u.Id, cancellationToken);

        var written = 0;
        foreach (var item in planned)
        {
            if (!recipients.TryGetValue(item.RecipientUserId, out var recipient)) continue;
            var notification = new Notification(item.RecipientUserId, item.CaseId, item.Kind, nowUtc, item.SourceId, item.DeadlineKind, item.DueUtc);
            db.Notifications.Add(notification);
            written++;
            if (string.IsNullOrWhiteSpace(recipient.Email)) continue;
            var (subject, body) = NotificationEmail.Compose(item.Kind, item.CaseId, recipient.Culture, options.Value.BaseUrl);
            db.OutboxMessages.Add(new OutboxMessage(notification.Id, recipient.Email, subject, body, nowUtc));
        }
        return written;
    }

    /// <summary>
    /// Tells each recipient (the school's principals) at once that a necessity record was written: the inbox, and an e-mail
    /// that links to the record and says nothing of it.
    /// </summary>
    public async Task AddForNecessityRecordAsync(IReadOnlyCollection<Guid> recipientIds, Guid recordId, DateTime nowUtc, CancellationToken cancellationToken)
    {
        if (recipientIds.Count == 0) return;
        var ids = recipientIds.ToList();
        foreach (var recipient in await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id) && u.IsActive)
                     .Select(u => new { u.Id, u.Email, u.Culture }).ToListAsync(cancellationToken))
        {
            var notification = Notification.ForNecessityRecord(recipient.Id, recordId, nowUtc);
            db.Notifications.Add(notification);
            if (string.IsNullOrWhiteSpace(recipient.Email)) continue;
            var (subject, body) = NotificationEmail.Compose(NotificationKind.NecessityRecord, $"/nodrett/{recordId}", recipient.Culture, options.Value.BaseUrl);
            db.OutboxMessages.Add(new OutboxMessage(notification.Id, recipient.Email, subject, body, nowUtc));
        }
    }

    /// <summary>The active principals of a school.</summary>
    public Task<List<Guid>> PrincipalsAsync(Guid schoolId, CancellationToken cancellationToken) =>
        db.Users.AsNoTracking().Where(u => u.IsActive && u.Role == Role.Principal && u.SchoolId == schoolId)
            .Select(u => u.Id).ToListAsync(cancellationToken);

    /// <summary>The active § 9A team of the school's owner.</summary>
    public Task<List<Guid>> TeamForSchoolAsync(Guid schoolId, CancellationToken cancellationToken)
    {
        var owner = db.Schools.Where(s => s.Id == schoolId).Select(s => s.SchoolOwnerId);
        return db.Users.AsNoTracking().Where(u => u.IsActive && u.Role == Role.SchoolOwnerTeam && owner.Contains(u.SchoolOwnerId))
            .Select(u => u.Id).ToListAsync(cancellationToken);
    }
}

/// <summary>
/// The e-mail for a notification. Privacy by construction: it is made from the notification's kind,
/// the case's id (in the link) and the recipient's language only — it never sees a name or case text.
/// </summary>
public static class NotificationEmail
{
    private static readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, string>> Texts = new();

    public static (string Subject, string Body) Compose(NotificationKind kind, Guid caseId, string culture, string baseUrl) =>
        Compose(kind, $"/saker/{caseId}", culture, baseUrl);

    /// <summary>The same, linking to <paramref name="path"/> (a necessity record has no case).</summary>
    public static (string Subject, string Body) Compose(NotificationKind kind, string path, string culture, string baseUrl)
    {
        var texts = Texts.GetOrAdd(culture is "nn-NO" ? "nn-NO" : "nb-NO", JsonStringLocalizerFactory.Load);
        var fallback = Texts.GetOrAdd("nb-NO", JsonStringLocalizerFactory.Load);
        string Text(string key) => texts.TryGetValue(key, out var value) ? value : fallback[key];

        var link = $"{baseUrl.TrimEnd('/')}{path}";
        var body = string.Join("\n\n",
            Text("Notifications.Email.Greeting"),
            Text($"NotificationKind.{kind}"),
            string.Format(System.Globalization.CultureInfo.InvariantCulture, Text("Notifications.Email.Link"), link),
            Text("Notifications.Email.Footer"));
        return (Text("Notifications.Email.Subject"), body);
    }
}
