namespace Aktivitetsplikt.Domain.Cases;

/// <summary>
/// A condition in the workflow table, written once: the case's machine checks it, the diagram shows its
/// <see cref="Text"/>, and a step it refuses carries its <see cref="Refusal"/> code and <see cref="Message"/>.
/// Stateless names an unmet guard by its description, which is <see cref="Text"/>: unique in the table,
/// so it finds this record again.
/// </summary>
internal abstract record Guard(RefusalCode Refusal, string Text, string Message)
{
    /// <summary>A null <paramref name="argument"/> means the step's details are not known yet: what may a person do now?</summary>
    public abstract bool IsMet(ICaseFacts facts, object? argument);

    public virtual CaseRuleViolation Refuse(object? argument) => new(Refusal, Message);
}

/// <summary>A guard on the case as it stands, whatever the step brings.</summary>
internal sealed record CaseGuard(RefusalCode Refusal, string Text, string Message, Func<ICaseFacts, bool> Holds)
    : Guard(Refusal, Text, Message)
{
    public override bool IsMet(ICaseFacts facts, object? argument) => Holds(facts);
}

/// <summary>
/// A guard on what a step brings (a plan draft, a conclusion, a measure). Details not known yet pass, so
/// the step is still offered; a step actually taken always brings them.
/// </summary>
internal sealed record StepGuard<T>(RefusalCode Refusal, string Text, string Message, Func<ICaseFacts, T, bool> Holds,
    Func<T, IReadOnlyList<string>>? Details = null)
    : Guard(Refusal, Text, Message) where T : class
{
    public override bool IsMet(ICaseFacts facts, object? argument) => argument is null || Holds(facts, (T)argument);

    public override CaseRuleViolation Refuse(object? argument)
    {
        IReadOnlyList<string> details = argument is T step && Details is not null ? Details(step) : [];
        return details.Count == 0 ? new(Refusal, Message) : new(Refusal, $"{Message}: {string.Join(", ", details)}.", details);
    }
}

/// <summary>
/// Who may take a step on a case at all. Asked before the case's state, so someone without a part in the
/// case is told that, and nothing about where the case stands.
/// </summary>
internal sealed record ScopeRule(RefusalCode Refusal, string Text, Func<Actor, CaseTrigger, string> Message,
    Func<ICaseFacts, Actor, CaseTrigger, bool> Holds);

/// <summary>
/// Progress on a measure: who records it, on which measure, and how it stands. Without a key it asks
/// whether this person has any open measure to update (what the UI offers).
/// </summary>
internal sealed record MeasureUpdate(Actor By, Guid? MeasureKey, MeasureStatus? Status = null, string? Note = null)
{
    public static MeasureUpdate AnyBy(Actor actor) => new(actor, null);
}

/// <summary>What the workflow's rules read from a case.</summary>
internal interface ICaseFacts
{
    PupilView CurrentPupilView { get; }
    bool MeasuresRequired { get; }
    /// <summary>The pupil has said, since the case (re)started, that they are not safe.</summary>
    bool PupilSaidNotSafe { get; }
    /// <summary>The latest conclusion of the school's investigation is that the pupil's environment is not safe and good.</summary>
    bool InvestigationConcludesNotSafe { get; }
    /// <summary>A parent or member of staff said "not safe" and no later investigation conclusion settles it.</summary>
    bool ReportNotSettled { get; }
    /// <summary>A finding since the evaluation started concludes the environment is not safe and good.</summary>
    bool NotSafeConcludedSinceEvaluationStarted { get; }
    ActivityPlanVersion? CurrentPlan { get; }
    bool EvaluationRecordedSinceStart { get; }
    bool LatestEvaluationSaysSafe { get; }
    /// <summary>§ 12-5 second paragraph: the school owner has been told school leadership is suspected and handles the case.</summary>
    bool SchoolOwnerHandlesLeadershipSuspicion { get; }
    /// <summary>The case belongs to a pupil (a "si fra" case has none until the principal identifies the pupil).</summary>
    bool HasPupil { get; }
    bool HasFlag(FlagKind kind);
}
