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
    public CaseState StateBefore { get; private set; }
    public CaseState StateAfter { get; private set; }

    internal CaseEntry With(DateTime? occurredAtUtc = null, string? detail = null, PupilView? pupilView = null,
        ConcernLocation? location = null, int? planVersion = null, Guid? measureKey = null,
        MeasureStatus? measureStatus = null, Guid? correctsEntryId = null)
    {
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
