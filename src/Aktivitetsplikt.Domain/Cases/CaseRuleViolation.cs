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
}

/// <summary>A refused workflow step or broken legal rule, with a code and an English explanation.</summary>
public sealed class CaseRuleViolation(RefusalCode code, string message, IReadOnlyList<string>? details = null)
    : InvalidOperationException(message)
{
    public RefusalCode Code { get; } = code;

    /// <summary>For <see cref="RefusalCode.PlanIncomplete"/>: the missing legal parts.</summary>
    public IReadOnlyList<string> Details { get; } = details ?? [];
}
