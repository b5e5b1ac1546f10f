namespace Aktivitetsplikt.Domain.Cases;

public enum EntryKind
{
    ConcernLogged,
    Intervention,
    PrincipalNotified,
    SchoolOwnerNotified,
    EmployeeSuspicionReported,
    InvestigationStarted,
    Finding,
    PupilVoice,
    ParentContact,
    PlanAdopted,
    PlanRevised,
    MeasureProgress,
    EvaluationStarted,
    Evaluation,
    Closed,
    Reopened,
    Escalated,
    ParticularVulnerability,
    CountyGovernorCase,
    CountyGovernorDecision,
    Comment,
    Correction,
    DocumentGenerated,
    /// <summary>The case ended because the pupil left the school (the one lawful exit while not safe).</summary>
    PupilLeftSchool,
    /// <summary>Another directly affected pupil was heard; masked in the family's copies.</summary>
    OtherPupilHeard,
    /// <summary>The evaluation's assessment of one measure (one entry per measure, after the evaluation entry).</summary>
    MeasureEvaluated,
    /// <summary>More from the sender of a "si fra" message, added through their receipt.</summary>
    SiFraInformation,
    /// <summary>The parents' own view of the case, given by a guardian on the family's page.</summary>
    FamilyView,
    /// <summary>A guardian asked the school for a meeting about the case.</summary>
    MeetingRequested,
    /// <summary>A guardian said they disagree with the plan: with what, and why.</summary>
    PlanDisagreement,
    /// <summary>The principal identified the pupil of a case that came in without one ("si fra"); from then on it is the pupil's case.</summary>
    PupilIdentified,
    /// <summary>A necessity record (nødrett/nødverge) about the case's pupil was linked to the case; the record itself stays apart.</summary>
    NecessityRecordLinked,
    /// <summary>Evidence was attached (the file name, and its SHA-256 in the detail); <see cref="CaseEntry.AttachmentId"/> names it.</summary>
    AttachmentAdded,
    /// <summary>An attachment was withdrawn, with the reason; the file stays on record.</summary>
    AttachmentWithdrawn,
    /// <summary>The principal showed an attachment to the family or hid it again (detail "visible" or "hidden").</summary>
    AttachmentFamilyVisibility,
    /// <summary>A meeting was recorded (what was said in the text); <see cref="CaseEntry.MeetingId"/> names the record.</summary>
    MeetingRecorded,
}

/// <summary>
/// One immutable line of the case history: the documentation the law asks the school to keep.
/// Corrections are new entries pointing at the entry they correct; nothing is edited or deleted.
/// </summary>
public sealed class CaseEntry
{
    private CaseEntry() { }

    internal CaseEntry(Guid caseId, int sequence, EntryKind kind, Actor actor, DateTime recordedAtUtc, string text,
        CaseState stateBefore, CaseState stateAfter)
    {
        Id = Guid.NewGuid();
        CaseId = caseId;
        Sequence = sequence;
        Kind = kind;
        ActorUserId = actor.UserId;
        ActorName = actor.Name;
        ActorRole = actor.Role;
        RecordedAtUtc = recordedAtUtc;
        OccurredAtUtc = recordedAtUtc;
        Text = text;
        StateBefore = stateBefore;
        StateAfter = stateAfter;
    }

    public Guid Id { get; private set; }
    public Guid CaseId { get; private set; }
    public int Sequence { get; private set; }
    public EntryKind Kind { get; private set; }
    public Guid ActorUserId { get; private set; }
    public string ActorName { get; private set; } = "";
    public Role ActorRole { get; private set; }
    public DateTime RecordedAtUtc { get; private set; }
    /// <summary>When it happened, which may be before it was recorded (an incident, a talk).</summary>
    public DateTime OccurredAtUtc { get; private set; }
    /// <summary>What a person wrote. Empty for entries whose kind and fields say it all; the UI words those.</summary>
    public string Text { get; private set; } = "";
    /// <summary>A second piece of text: how the adult intervened, the location, the decision's measures.</summary>
    public string? Detail { get; private set; }
    public PupilView? PupilView { get; private set; }
    public ConcernLocation? Location { get; private set; }
    public int? PlanVersion { get; private set; }
    public Guid? MeasureKey { get; private set; }
    public MeasureStatus? MeasureStatus { get; private set; }
    public Guid? CorrectsEntryId { get; private set; }
    /// <summary>On a finding: what the school's investigation concludes about the environment (the objective prong).</summary>
    public EnvironmentConclusion? Conclusion { get; private set; }
    /// <summary>
    /// On a concern or a parent contact: the date the pupil or the parents raised the case with the principal
    /// (§ 12-6: the county governor takes a case once it was raised with the principal and a week has passed).
    /// </summary>
    public DateOnly? RaisedWithPrincipalOn { get; private set; }
    /// <summary>On an evaluation: the parents' view of whether the measures work.</summary>
    public string? ParentsView { get; private set; }
    public CaseState StateBefore { get; private set; }
    public CaseState StateAfter { get; private set; }
    /// <summary>On an attachment's entries: the attachment (<see cref="CaseAttachment"/>).</summary>
    public Guid? AttachmentId { get; private set; }
    /// <summary>On a meeting's entry: the meeting record (<see cref="MeetingRecord"/>).</summary>
    public Guid? MeetingId { get; private set; }

    internal CaseEntry About(Guid? attachmentId = null, Guid? meetingId = null)
    {
        AttachmentId = attachmentId ?? AttachmentId;
        MeetingId = meetingId ?? MeetingId;
        return this;
    }

    internal CaseEntry With(DateTime? occurredAtUtc = null, string? detail = null, PupilView? pupilView = null,
        ConcernLocation? location = null, int? planVersion = null, Guid? measureKey = null,
        MeasureStatus? measureStatus = null, Guid? correctsEntryId = null, EnvironmentConclusion? conclusion = null,
        DateOnly? raisedWithPrincipalOn = null, string? parentsView = null)
    {
        ParentsView = parentsView ?? ParentsView;
        Conclusion = conclusion ?? Conclusion;
        RaisedWithPrincipalOn = raisedWithPrincipalOn ?? RaisedWithPrincipalOn;
        if (occurredAtUtc is not null) OccurredAtUtc = occurredAtUtc.Value;
        Detail = detail ?? Detail;
        PupilView = pupilView ?? PupilView;
        Location = location ?? Location;
        PlanVersion = planVersion ?? PlanVersion;
        MeasureKey = measureKey ?? MeasureKey;
        MeasureStatus = measureStatus ?? MeasureStatus;
        CorrectsEntryId = correctsEntryId ?? CorrectsEntryId;
        return this;
    }
}

/// <summary>Why a notification entry was written, kept in <see cref="CaseEntry.Detail"/> so the UI can say it in its own words.</summary>
public static class NotificationReason
{
    public const string EmployeeSuspected = "EmployeeSuspected";
    public const string LeadershipSuspected = "LeadershipSuspected";
}

/// <summary>What an attachment's visibility entry says in its <see cref="CaseEntry.Detail"/>.</summary>
public static class AttachmentVisibility
{
    public const string Visible = "visible";
    public const string Hidden = "hidden";
}

/// <summary>Who said how the pupil has it, as kept in a voice entry's <see cref="CaseEntry.Detail"/> ("pupil", "parent", "staff").</summary>
public static class VoiceSources
{
    /// <summary>The pupil's own words through "si fra" (selvrapportert): the pupil's statement, not heard by an adult.</summary>
    public const string SelfReported = "pupil-self";

    public static bool IsSelfReported(string? detail) => detail == SelfReported;

    public static string Code(VoiceSource source) => source switch
    {
        VoiceSource.Parent => "parent",
        VoiceSource.StaffObservation => "staff",
        _ => "pupil",
    };

    /// <summary>An evaluation's view is the pupil's own; older voice entries say "pupil" or "parent".</summary>
    public static VoiceSource Of(CaseEntry entry) => Of(entry.Kind, entry.Detail);

    public static VoiceSource Of(EntryKind kind, string? detail) => kind != EntryKind.PupilVoice ? VoiceSource.Pupil : detail switch
    {
        "parent" => VoiceSource.Parent,
        "staff" => VoiceSource.StaffObservation,
        _ => VoiceSource.Pupil,
    };
}

/// <summary>
/// The pupil has left the school and the case ends there: when, where to, how the case was handed over
/// (required when the new school has the same school owner), who decided and why. Kept on the case.
/// </summary>
public sealed record PupilDepartureReport(DateOnly? LeftOn, string NewSchool, bool SameSchoolOwner, string? Handover, string DecidedBy, string Reason);

/// <summary>The recorded departure, on the case for good (a reopened case keeps it as history).</summary>
public sealed class PupilDeparture
{
    private PupilDeparture() { }

    internal PupilDeparture(PupilDepartureReport report, Actor actor, DateTime recordedAtUtc)
    {
        LeftOn = report.LeftOn!.Value;
        NewSchool = report.NewSchool.Trim();
        SameSchoolOwner = report.SameSchoolOwner;
        Handover = string.IsNullOrWhiteSpace(report.Handover) ? null : report.Handover.Trim();
        DecidedBy = report.DecidedBy.Trim();
        Reason = report.Reason.Trim();
        RecordedByUserId = actor.UserId;
        RecordedByName = actor.Name;
        RecordedAtUtc = recordedAtUtc;
    }

    public DateOnly LeftOn { get; private set; }
    public string NewSchool { get; private set; } = "";
    public bool SameSchoolOwner { get; private set; }
    public string? Handover { get; private set; }
    public string DecidedBy { get; private set; } = "";
    public string Reason { get; private set; } = "";
    public Guid RecordedByUserId { get; private set; }
    public string RecordedByName { get; private set; } = "";
    public DateTime RecordedAtUtc { get; private set; }
}

public enum FlagKind
{
    /// <summary>§ 12-5 (formerly § 9 A-5): someone who works at the school (not only an employee) is suspected of offending the pupil.</summary>
    EmployeeSuspected,
    /// <summary>§ 12-5 second paragraph: the suspect is in the school's leadership.</summary>
    LeadershipSuspected,
    EscalatedToSchoolOwner,
    ParticularlyVulnerable,
    TakenToCountyGovernor,
}

/// <summary>A flag on a case: set once, with date, who and why; never removed.</summary>
public sealed class CaseFlag
{
    private CaseFlag() { }

    internal CaseFlag(Guid caseId, FlagKind kind, Actor actor, DateTime setAtUtc, string reason)
    {
        Id = Guid.NewGuid();
        CaseId = caseId;
        Kind = kind;
        SetByUserId = actor.UserId;
        SetByName = actor.Name;
        SetByRole = actor.Role;
        SetAtUtc = setAtUtc;
        Reason = reason;
    }

    public Guid Id { get; private set; }
    public Guid CaseId { get; private set; }
    public FlagKind Kind { get; private set; }
    public Guid SetByUserId { get; private set; }
    public string SetByName { get; private set; } = "";
    public Role SetByRole { get; private set; }
    public DateTime SetAtUtc { get; private set; }
    public string Reason { get; private set; } = "";
}
