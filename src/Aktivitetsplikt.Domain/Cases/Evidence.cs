namespace Aktivitetsplikt.Domain.Cases;

/// <summary>What an attached file is, as its content says (its first bytes), never as its name says.</summary>
public enum AttachmentKind
{
    Png,
    Jpeg,
    Pdf,
    Docx,
}

/// <summary>A file checked and hashed, about to be attached: the aggregate records it, the store keeps the bytes.</summary>
public sealed record AttachmentUpload(string FileName, AttachmentKind Kind, long SizeBytes, string Sha256, Guid? EntryId);

/// <summary>
/// Evidence attached to a case (a screenshot, a PDF from the PPT, a photo of a note). The bytes live outside the
/// database, named by <see cref="Id"/>; the row says what they are and their SHA-256. Never deleted: withdrawing it
/// and showing it to the family are entries on the timeline, and the row keeps the current answer.
/// </summary>
public sealed class CaseAttachment
{
    private CaseAttachment() { }

    internal CaseAttachment(Guid caseId, AttachmentUpload upload, Actor actor, DateTime nowUtc)
    {
        Id = Guid.NewGuid();
        CaseId = caseId;
        FileName = upload.FileName.Trim();
        Kind = upload.Kind;
        SizeBytes = upload.SizeBytes;
        Sha256 = upload.Sha256.ToLowerInvariant();
        AttachedToEntryId = upload.EntryId;
        AddedByUserId = actor.UserId;
        AddedByName = actor.Name;
        AddedByRole = actor.Role;
        AddedAtUtc = nowUtc;
    }

    public Guid Id { get; private set; }
    public Guid CaseId { get; private set; }
    /// <summary>The name the file had when it was uploaded (shown, and offered on download with the kind's extension).</summary>
    public string FileName { get; private set; } = "";
    public AttachmentKind Kind { get; private set; }
    public long SizeBytes { get; private set; }
    /// <summary>SHA-256 of the bytes, 64 lowercase hexadecimal digits; also on the timeline entry.</summary>
    public string Sha256 { get; private set; } = "";
    /// <summary>The entry the evidence belongs to; null when it is attached to the case as a whole.</summary>
    public Guid? AttachedToEntryId { get; private set; }
    public Guid AddedByUserId { get; private set; }
    public string AddedByName { get; private set; } = "";
    public Role AddedByRole { get; private set; }
    public DateTime AddedAtUtc { get; private set; }
    /// <summary>The school has marked it for the family's view (the principal's choice, each change an entry).</summary>
    public bool VisibleToFamily { get; private set; }
    /// <summary>Set when it was withdrawn: it stays on record (and in the bundle's index as withdrawn) but is no longer shown.</summary>
    public DateTime? WithdrawnAtUtc { get; private set; }
    public string? WithdrawnByName { get; private set; }
    public string? WithdrawalReason { get; private set; }

    public bool IsWithdrawn => WithdrawnAtUtc is not null;

    /// <summary>An image the browser may show inline (PNG or JPEG).</summary>
    public bool IsImage => Kind is AttachmentKind.Png or AttachmentKind.Jpeg;

    internal void Withdraw(Actor actor, DateTime nowUtc, string reason)
    {
        WithdrawnAtUtc = nowUtc;
        WithdrawnByName = actor.Name;
        WithdrawalReason = reason;
        VisibleToFamily = false;
    }

    internal void ShowToFamily(bool visible) => VisibleToFamily = visible;
}

/// <summary>Who took part in a meeting, by group; the names and other parties are free text beside.</summary>
[Flags]
public enum MeetingParticipants
{
    None = 0,
    Staff = 1,
    Pupil = 2,
    Guardians = 4,
    Ppt = 8,
    Others = 16,
}

/// <summary>What a meeting record says, as the person who writes it gives it.</summary>
public sealed record MeetingReport(
    DateTime HeldAtUtc,
    MeetingParticipants Participants,
    string? ParticipantNames,
    string WhatWasSaid,
    IReadOnlyList<string> AgreedPoints,
    DateOnly? NextMeetingOn,
    bool ForFamily);

/// <summary>
/// A meeting about the case (with the pupil, the guardians, the PPT …): when, who, what was said, what was agreed
/// and the next meeting. Written once with its timeline entry; a correction is a new entry as for any entry.
/// </summary>
public sealed class MeetingRecord
{
    /// <summary>Agreed points are kept one a line.</summary>
    public const char PointSeparator = '\n';

    private MeetingRecord() { }

    internal MeetingRecord(Guid caseId, MeetingReport report, Actor actor, DateTime nowUtc)
    {
        Id = Guid.NewGuid();
        CaseId = caseId;
        HeldAtUtc = report.HeldAtUtc;
        Participants = report.Participants;
        ParticipantNames = string.IsNullOrWhiteSpace(report.ParticipantNames) ? null : report.ParticipantNames.Trim();
        WhatWasSaid = report.WhatWasSaid.Trim();
        AgreedPointsText = string.Join(PointSeparator, Points(report.AgreedPoints));
        NextMeetingOn = report.NextMeetingOn;
        ForFamily = report.ForFamily;
        RecordedByUserId = actor.UserId;
        RecordedByName = actor.Name;
        RecordedByRole = actor.Role;
        RecordedAtUtc = nowUtc;
    }

    public Guid Id { get; private set; }
    public Guid CaseId { get; private set; }
    public DateTime HeldAtUtc { get; private set; }
    public MeetingParticipants Participants { get; private set; }
    /// <summary>Names or roles as written: "Kari (kontaktlærer), mor, PPT-rådgiver".</summary>
    public string? ParticipantNames { get; private set; }
    public string WhatWasSaid { get; private set; } = "";
    /// <summary>The agreed points, one a line (<see cref="AgreedPoints"/> reads them).</summary>
    public string AgreedPointsText { get; private set; } = "";
    public DateOnly? NextMeetingOn { get; private set; }
    /// <summary>The school marked the record for the family's view.</summary>
    public bool ForFamily { get; private set; }
    public Guid RecordedByUserId { get; private set; }
    public string RecordedByName { get; private set; } = "";
    public Role RecordedByRole { get; private set; }
    public DateTime RecordedAtUtc { get; private set; }

    public IReadOnlyList<string> AgreedPoints => AgreedPointsText.Length == 0 ? [] : AgreedPointsText.Split(PointSeparator);

    /// <summary>The points as kept: each trimmed to one line, blanks left out.</summary>
    public static IReadOnlyList<string> Points(IEnumerable<string>? points) =>
        [.. (points ?? []).SelectMany(p => (p ?? "").Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Where(p => p.Length > 0)];
}
