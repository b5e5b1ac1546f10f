using Aktivitetsplikt.Domain.Deadlines;

namespace Aktivitetsplikt.Web.Features.Notifications;

public enum NotificationKind
{
    /// <summary>A concern was logged at the principal's school.</summary>
    NewConcern,
    /// <summary>The principal was formally notified of a concern logged earlier.</summary>
    PrincipalNotified,
    /// <summary>§ 12-5: someone who works at the school is suspected (to the principal, unless leadership is suspected, and the § 9A team).</summary>
    EmployeeSuspected,
    /// <summary>The case was escalated to the school owner (to the § 9A team).</summary>
    Escalated,
    /// <summary>The case ended because the pupil left the school (to the § 9A team).</summary>
    PupilLeftSchool,
    /// <summary>A measure the recipient is responsible for is due.</summary>
    MeasureDue,
    /// <summary>The plan's evaluation is due.</summary>
    EvaluationDue,
    /// <summary>A deadline is near.</summary>
    DeadlineDueSoon,
    /// <summary>A deadline has passed without being met.</summary>
    DeadlineMissed,
    /// <summary>The sender of a "si fra" message added more through their receipt (to the principal).</summary>
    SiFraInformation,
    /// <summary>A guardian gave their view, asked for a meeting or disagreed with the plan (to the principal; the § 9A team when leadership is suspected).</summary>
    FamilyInput,
    /// <summary>A physical intervention under necessity or self-defence was recorded at the principal's school (no case needed).</summary>
    NecessityRecord,
}

/// <summary>
/// One line in a user's inbox: which case, and why it needs them. It carries no case text and no
/// names, so the inbox (and any e-mail made from it) says only "a case needs you".
/// </summary>
public sealed class Notification
{
    private Notification() { }

    public Notification(Guid recipientUserId, Guid caseId, NotificationKind kind, DateTime createdAtUtc,
        Guid? sourceId = null, DeadlineKind? deadlineKind = null, DateTime? dueUtc = null)
    {
        Id = Guid.NewGuid();
        RecipientUserId = recipientUserId;
        CaseId = caseId;
        Kind = kind;
        CreatedAtUtc = createdAtUtc;
        SourceId = sourceId;
        DeadlineKind = deadlineKind;
        DueUtc = dueUtc;
    }

    /// <summary>About a necessity record rather than a case (<see cref="NotificationKind.NecessityRecord"/>).</summary>
    public static Notification ForNecessityRecord(Guid recipientUserId, Guid recordId, DateTime createdAtUtc) =>
        new() { Id = Guid.NewGuid(), RecipientUserId = recipientUserId, NecessityRecordId = recordId, Kind = NotificationKind.NecessityRecord, CreatedAtUtc = createdAtUtc };

    public Guid Id { get; private set; }
    public Guid RecipientUserId { get; private set; }
    /// <summary>The case, for every kind but <see cref="NotificationKind.NecessityRecord"/>.</summary>
    public Guid? CaseId { get; private set; }
    public Guid? NecessityRecordId { get; private set; }
    public NotificationKind Kind { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime? ReadAtUtc { get; private set; }
    /// <summary>
    /// What a reminder is about (a deadline or a plan measure). With the kind and the recipient it is
    /// unique, so a reminder is written once however often the reminder service runs.
    /// </summary>
    public Guid? SourceId { get; private set; }
    public DeadlineKind? DeadlineKind { get; private set; }
    public DateTime? DueUtc { get; private set; }

    public bool IsRead => ReadAtUtc is not null;

    public void MarkRead(DateTime atUtc) => ReadAtUtc ??= atUtc;
}

/// <summary>
/// An e-mail waiting to be sent, written in the same transaction as the change it tells about, and
/// sent later by <see cref="OutboxDispatcher"/>: a mail server that is down delays it, never loses it.
/// One per notification (a unique key), so it cannot be enqueued twice.
/// </summary>
public sealed class OutboxMessage
{
    public const int MaxErrorLength = 1000;

    private OutboxMessage() { }

    public OutboxMessage(Guid notificationId, string toAddress, string subject, string body, DateTime createdAtUtc)
    {
        Id = Guid.NewGuid();
        NotificationId = notificationId;
        ToAddress = toAddress;
        Subject = subject;
        Body = body;
        CreatedAtUtc = createdAtUtc;
        NextAttemptAtUtc = createdAtUtc;
    }

    public Guid Id { get; private set; }
    public Guid NotificationId { get; private set; }
    public string ToAddress { get; private set; } = "";
    public string Subject { get; private set; } = "";
    public string Body { get; private set; } = "";
    public DateTime CreatedAtUtc { get; private set; }
    public int Attempts { get; private set; }
    public DateTime NextAttemptAtUtc { get; private set; }
    public string? LastError { get; private set; }
    public DateTime? SentAtUtc { get; private set; }
    /// <summary>
    /// The dispatcher that is sending it now, and until when: with several app instances, only the holder of an
    /// unexpired lease sends it (<see cref="OutboxDispatcher"/>). Both are cleared when the attempt is recorded.
    /// </summary>
    public string? LeaseOwner { get; private set; }
    public DateTime? LeaseUntilUtc { get; private set; }

    public bool IsSent => SentAtUtc is not null;

    public void MarkSent(DateTime atUtc)
    {
        Attempts++;
        SentAtUtc ??= atUtc;
        LastError = null;
        ReleaseLease();
    }

    /// <summary>Exponential backoff: 1, 2, 4 … minutes after each failure, at most <paramref name="maxDelay"/>.</summary>
    public void MarkFailed(DateTime atUtc, string error, TimeSpan maxDelay)
    {
        Attempts++;
        LastError = error.Length > MaxErrorLength ? error[..MaxErrorLength] : error;
        var minutes = Math.Pow(2, Math.Min(Attempts - 1, 20));
        var delay = TimeSpan.FromMinutes(minutes);
        NextAttemptAtUtc = atUtc + (delay > maxDelay ? maxDelay : delay);
        ReleaseLease();
    }

    private void ReleaseLease()
    {
        LeaseOwner = null;
        LeaseUntilUtc = null;
    }
}
