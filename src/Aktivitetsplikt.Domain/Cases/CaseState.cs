namespace Aktivitetsplikt.Domain.Cases;

/// <summary>The steps of the duty to act (§ 12-4, formerly § 9 A-4). Stored by name.</summary>
public enum CaseState
{
    FollowingUp,
    Intervened,
    /// <summary>The responsible leader knows: the principal, or the school owner when school leadership is suspected (§ 12-5).</summary>
    PrincipalNotified,
    Investigating,
    Measures,
    Evaluating,
    Closed,
}

public enum CaseTrigger
{
    RecordIntervention,
    NotifyPrincipal,
    /// <summary>§ 12-5: someone who works at the school (or school leadership) is suspected, learned after the concern was logged.</summary>
    ReportEmployeeSuspicion,
    StartInvestigation,
    RecordFinding,
    RecordPupilVoice,
    RecordParentContact,
    AdoptPlan,
    RevisePlan,
    RecordMeasureProgress,
    StartEvaluation,
    RecordEvaluation,
    Close,
    Reopen,
    EscalateToSchoolOwner,
    FlagParticularVulnerability,
    RecordCountyGovernorCase,
    RecordCountyGovernorDecision,
    AddComment,
    CorrectEntry,
    /// <summary>A document (plan, documentation bundle, letter) was generated; its content hash is recorded.</summary>
    RecordDocument,
    /// <summary>
    /// The one lawful end while the pupil may still not be safe: the pupil has left the school. Recorded with
    /// the date, who decided and why, and the hand-over to the new school; the § 9A team is told.
    /// </summary>
    CloseAsPupilLeftSchool,
    /// <summary>
    /// Another pupil directly affected is heard (§ 12-4, §§ 10-1 and 10-2: all directly affected pupils, no lower age
    /// limit). Their words name another child: masked in the family's copies.
    /// </summary>
    HearOtherPupil,
    /// <summary>A guardian gives the parents' view, and perhaps the pupil's view as the parent tells it (not the pupil's own statement).</summary>
    GiveFamilyView,
    /// <summary>A guardian asks the school for a meeting.</summary>
    RequestMeeting,
    /// <summary>A guardian says they disagree with the current plan.</summary>
    DisagreeWithPlan,
    /// <summary>The principal identifies the pupil of a case that came in without one (a "si fra" message).</summary>
    IdentifyPupil,
    /// <summary>Evidence is attached to the case or one of its entries (a screenshot, a PDF, a photo of a note).</summary>
    AddAttachment,
    /// <summary>An attachment is withdrawn with a reason: a new entry, the file stays on record.</summary>
    WithdrawAttachment,
    /// <summary>The principal shows an attachment in the family's view, or hides it again.</summary>
    SetAttachmentFamilyVisibility,
    /// <summary>A meeting about the case is recorded: who, what was said, what was agreed, the next meeting.</summary>
    RecordMeeting,
}

public enum Role
{
    /// <summary>Teachers, assistants, SFO/AKS staff (ansatt).</summary>
    Staff,
    /// <summary>The principal (rektor) and leaders the principal delegates to.</summary>
    Principal,
    /// <summary>The school owner's § 9A team (skoleeier).</summary>
    SchoolOwnerTeam,
    Administrator,
    /// <summary>A pupil's parent or guardian (foresatt), signed in with ID-porten: sees only their own child's cases, in family words.</summary>
    Guardian,
    /// <summary>
    /// A pupil signed in with Feide where the school allows it from their grade: sees only their own cases, through the family's
    /// view, and gives their own view (ADR 021).
    /// </summary>
    Pupil,
}

/// <summary>The pupil's own experience of the school environment: it decides whether measures are needed.</summary>
public enum PupilView
{
    Unknown,
    Safe,
    NotSafe,
}

/// <summary>
/// Who said how the pupil has it. The law names the pupil's own statement (§ 12-4 andre ledd); what a parent
/// or a member of staff says is knowledge that the school must investigate. Stored as the voice entry's detail.
/// </summary>
public enum VoiceSource
{
    Pupil,
    Parent,
    StaffObservation,
}

/// <summary>What the school's own investigation concludes about the pupil's environment (the objective prong).</summary>
public enum EnvironmentConclusion
{
    SafeAndGood,
    NotSafeAndGood,
}

/// <summary>Why measures are mandatory on a case: the pupil said so, or the school's investigation concluded so.</summary>
public enum MeasuresGround
{
    PupilSaidNotSafe,
    InvestigationConcludedNotSafe,
}

public enum ConcernLocation
{
    Classroom,
    Schoolyard,
    Digital,
    AfterSchool,
    WayToSchool,
    Other,
}

public sealed record Actor(Guid UserId, string Name, Role Role);
