namespace Aktivitetsplikt.Domain.Cases;

/// <summary>Why the domain refused a step. The UI maps each code to a Norwegian sentence.</summary>
public enum RefusalCode
{
    NotAllowedInState,
    RoleMayNotAct,
    LeadershipSuspectedPrincipalExcluded,
    PupilFeelsUnsafe,
    MeasuresRequired,
    PupilNotHeard,
    PlanIncomplete,
    EvaluationMissing,
    EvaluationSaysNotSafe,
    ConclusionRequired,
    ReasonRequired,
    NotTakenToCountyGovernor,
    AlreadyFlagged,
    MeasureNotFound,
    NotResponsibleForMeasure,
    MeasureAlreadyFinished,
    EntryNotFound,
    OnlyOwnEntries,
    PlanVersionNotFound,
    /// <summary>The school's own investigation concluded the pupil does not have a safe and good environment.</summary>
    InvestigationConcludedNotSafe,
    /// <summary>A parent or a member of staff said the pupil is not safe, and no investigation conclusion has settled it.</summary>
    ReportNotSettled,
    /// <summary>A pupil who left for a school of the same school owner: say how the case was handed over.</summary>
    HandoverRequired,
    /// <summary>Who decided the case ends because the pupil left, and the date the pupil left, are required.</summary>
    DepartureIncomplete,
    /// <summary>Closing while measures of the plan still read "planned": record their final status first.</summary>
    MeasuresStillPlanned,
    /// <summary>A delegation goes to an active member of staff at the principal's school.</summary>
    DelegateNotAtSchool,
    /// <summary>The case already belongs to a pupil: a "si fra" case's pupil is identified once.</summary>
    PupilAlreadyIdentified,
    /// <summary>The pupil chosen is not a pupil of the case's school.</summary>
    PupilNotAtSchool,
    /// <summary>The attachment is not in this case.</summary>
    AttachmentNotFound,
    /// <summary>The attachment was withdrawn: it can no longer be changed.</summary>
    AttachmentWithdrawn,
    /// <summary>Staff withdraw only what they attached themselves.</summary>
    OnlyOwnAttachments,
    /// <summary>A meeting record needs what was said and, when it names an agreed point, the point's text.</summary>
    MeetingIncomplete,
}

/// <summary>A refused workflow step or broken legal rule, with a code and an English explanation.</summary>
public sealed class CaseRuleViolation(RefusalCode code, string message, IReadOnlyList<string>? details = null)
    : InvalidOperationException(message)
{
    public RefusalCode Code { get; } = code;

    /// <summary>For <see cref="RefusalCode.PlanIncomplete"/>: the missing legal parts.</summary>
    public IReadOnlyList<string> Details { get; } = details ?? [];
}
