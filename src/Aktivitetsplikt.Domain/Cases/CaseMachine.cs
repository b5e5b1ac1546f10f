using Stateless;

namespace Aktivitetsplikt.Domain.Cases;

using Machine = StateMachine<CaseState, CaseTrigger>;

/// <summary>
/// A case's Stateless machine, configured by <see cref="CaseWorkflow"/>, with the triggers that carry data.
/// It answers one question, "may this person take this step now, and if not, why not", and fires the step.
/// The state lives on the case (external storage); the machine only reads and writes it.
/// </summary>
internal sealed class CaseMachine
{
    private readonly Machine _machine;
    private readonly ICaseFacts? _facts;

    /// <param name="facts">The case the guards read; null for a machine that only describes the table (the diagram).</param>
    public CaseMachine(Func<CaseState> readState, Action<CaseState> writeState, ICaseFacts? facts)
    {
        _machine = new Machine(readState, writeState);
        _facts = facts;
        AdoptPlan = _machine.SetTriggerParameters<PlanDraft?>(CaseTrigger.AdoptPlan);
        RevisePlan = _machine.SetTriggerParameters<PlanDraft?>(CaseTrigger.RevisePlan);
        RecordMeasureProgress = _machine.SetTriggerParameters<MeasureUpdate?>(CaseTrigger.RecordMeasureProgress);
        Close = _machine.SetTriggerParameters<string?>(CaseTrigger.Close);
        Reopen = _machine.SetTriggerParameters<string?>(CaseTrigger.Reopen);
        CloseAsPupilLeftSchool = _machine.SetTriggerParameters<PupilDepartureReport?>(CaseTrigger.CloseAsPupilLeftSchool);
        CaseWorkflow.Configure(this);
    }

    internal Machine Engine => _machine;

    public Machine.TriggerWithParameters<PlanDraft?> AdoptPlan { get; }
    public Machine.TriggerWithParameters<PlanDraft?> RevisePlan { get; }
    public Machine.TriggerWithParameters<MeasureUpdate?> RecordMeasureProgress { get; }
    /// <summary>Carries the conclusion.</summary>
    public Machine.TriggerWithParameters<string?> Close { get; }
    /// <summary>Carries the reason.</summary>
    public Machine.TriggerWithParameters<string?> Reopen { get; }
    /// <summary>Carries the departure: date, new school, hand-over, who decided and why.</summary>
    public Machine.TriggerWithParameters<PupilDepartureReport?> CloseAsPupilLeftSchool { get; }

    private ICaseFacts Facts => _facts ?? throw new InvalidOperationException("This machine describes the workflow; it decides nothing.");

    /// <summary>The guards as Stateless takes them for a trigger without data.</summary>
    public Tuple<Func<bool>, string>[] When(params Guard[] guards) =>
        [.. guards.Select(g => Tuple.Create<Func<bool>, string>(() => g.IsMet(Facts, null), g.Text))];

    /// <summary>The guards as Stateless takes them for a trigger that carries a <typeparamref name="T"/>.</summary>
    public Tuple<Func<T, bool>, string>[] When<T>(params Guard[] guards) =>
        [.. guards.Select(g => Tuple.Create<Func<T, bool>, string>(argument => g.IsMet(Facts, argument), g.Text))];

    /// <summary>
    /// What this person may do now: each trigger asked with its details not known yet. Stateless then hands
    /// guards on a step's data null, and they pass; progress on a measure names the person, so it is asked
    /// with them: is any open measure theirs to update?
    /// </summary>
    public IReadOnlyList<CaseTrigger> PermittedTriggers(Actor actor) =>
        [.. Enum.GetValues<CaseTrigger>().Where(trigger => Refusal(trigger, actor) is null)];

    /// <summary>Why this person may not take this step now, its details not known yet; null when they may.</summary>
    public CaseRuleViolation? Refusal(CaseTrigger trigger, Actor actor)
    {
        if (ScopeRefusal(trigger, actor) is { } outOfScope) return outOfScope;
        ICollection<string>? unmet;
        if (trigger == CaseTrigger.RecordMeasureProgress)
            _machine.CanFire(RecordMeasureProgress, MeasureUpdate.AnyBy(actor), out unmet);
        else
            _machine.CanFire(trigger, out unmet);
        return TableRefusal(trigger, unmet, null);
    }

    /// <summary>Takes a step that brings nothing the guards read, or throws the first reason it is refused.</summary>
    public void Fire(CaseTrigger trigger, Actor actor)
    {
        if (Refusal(trigger, actor) is { } refusal) throw refusal;
        _machine.Fire(trigger);
    }

    /// <summary>Takes a step with what it brings, or throws the first reason it is refused.</summary>
    public void Fire<T>(Machine.TriggerWithParameters<T> trigger, T argument, Actor actor)
    {
        var refusal = ScopeRefusal(trigger.Trigger, actor)
            ?? (_machine.CanFire(trigger, argument, out var unmet) ? null : TableRefusal(trigger.Trigger, unmet, argument));
        if (refusal is not null) throw refusal;
        _machine.Fire(trigger, argument);
    }

    private CaseRuleViolation? ScopeRefusal(CaseTrigger trigger, Actor actor) =>
        CaseWorkflow.Scope.FirstOrDefault(rule => !rule.Holds(Facts, actor, trigger)) is { } broken
            ? new CaseRuleViolation(broken.Refusal, broken.Message(actor, trigger))
            : null;

    /// <summary>Stateless reports no unmet guards (null) when the state does not take the trigger at all.</summary>
    private CaseRuleViolation? TableRefusal(CaseTrigger trigger, ICollection<string>? unmetGuards, object? argument) => unmetGuards switch
    {
        null => new CaseRuleViolation(RefusalCode.NotAllowedInState, $"{trigger} is not allowed while the case is {_machine.State}.", [trigger.ToString(), _machine.State.ToString()]),
        { Count: 0 } => null,
        _ => CaseWorkflow.GuardNamed(unmetGuards.First()).Refuse(argument),
    };
}
