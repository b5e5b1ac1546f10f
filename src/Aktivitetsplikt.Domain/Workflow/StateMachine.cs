using System.Text;

namespace Aktivitetsplikt.Domain.Workflow;

/// <summary>
/// A small state machine with the shape of Stateless (Configure/Permit/PermitIf/PermittedTriggers/
/// CanFire/Fire), because Stateless itself is not served here. Swapping Stateless in later means
/// rewriting this one file: callers use only the members Stateless also has, plus
/// <see cref="Refusal"/> which explains why a trigger cannot fire.
/// </summary>
public sealed class StateMachine<TState, TTrigger>
    where TState : struct, Enum
    where TTrigger : struct, Enum
{
    private readonly Func<TState> _stateAccessor;
    private readonly Action<TState> _stateMutator;
    private readonly Dictionary<TState, StateConfiguration> _configurations = new();

    public StateMachine(Func<TState> stateAccessor, Action<TState> stateMutator)
    {
        _stateAccessor = stateAccessor;
        _stateMutator = stateMutator;
    }

    public TState State => _stateAccessor();

    public StateConfiguration Configure(TState state)
    {
        if (!_configurations.TryGetValue(state, out var configuration))
        {
            configuration = new StateConfiguration(state);
            _configurations.Add(state, configuration);
        }
        return configuration;
    }

    /// <summary>Triggers whose transition from the current state exists and whose guards all hold.</summary>
    public IEnumerable<TTrigger> PermittedTriggers =>
        TransitionsFrom(State).Where(t => t.UnmetGuards().Count == 0).Select(t => t.Trigger).Distinct();

    public bool CanFire(TTrigger trigger) => Refusal(trigger) is null;

    /// <summary>Null when the trigger can fire; otherwise why not.</summary>
    public TransitionRefusal<TState, TTrigger>? Refusal(TTrigger trigger)
    {
        var candidates = TransitionsFrom(State).Where(t => EqualityComparer<TTrigger>.Default.Equals(t.Trigger, trigger)).ToList();
        if (candidates.Count == 0)
            return new TransitionRefusal<TState, TTrigger>(State, trigger, Array.Empty<string>());
        if (candidates.Any(c => c.UnmetGuards().Count == 0))
            return null;
        return new TransitionRefusal<TState, TTrigger>(State, trigger, candidates.SelectMany(c => c.UnmetGuards()).Distinct().ToList());
    }

    /// <summary>Moves to the transition's destination, or throws when the trigger is refused.</summary>
    public void Fire(TTrigger trigger)
    {
        var refusal = Refusal(trigger);
        if (refusal is not null)
            throw new InvalidTransitionException(refusal.State.ToString(), refusal.Trigger.ToString(), refusal.UnmetGuardDescriptions);

        var transition = TransitionsFrom(State).First(t =>
            EqualityComparer<TTrigger>.Default.Equals(t.Trigger, trigger) && t.UnmetGuards().Count == 0);
        if (!transition.IsInternal)
            _stateMutator(transition.Destination);
    }

    /// <summary>Every configured transition, for documentation and tests.</summary>
    public IReadOnlyList<TransitionInfo> GetInfo() =>
        _configurations.Values
            .SelectMany(c => c.Transitions.Select(t => new TransitionInfo(c.State, t.Trigger, t.IsInternal ? c.State : t.Destination, t.IsInternal, t.GuardDescriptions)))
            .ToList();

    /// <summary>The whole table as a Mermaid state diagram; internal transitions are listed as notes.</summary>
    public string ToMermaid(Func<TState, string>? stateName = null, Func<TTrigger, string>? triggerName = null, Func<string, string>? guardName = null)
    {
        guardName ??= g => g;
        stateName ??= s => s.ToString();
        triggerName ??= t => t.ToString();
        var builder = new StringBuilder();
        builder.Append("stateDiagram-v2\n");
        var ordered = Enum.GetValues<TState>().Where(_configurations.ContainsKey).ToList();
        foreach (var state in ordered)
        {
            foreach (var transition in _configurations[state].Transitions.Where(t => !t.IsInternal))
            {
                var label = triggerName(transition.Trigger);
                if (transition.GuardDescriptions.Count > 0)
                    label += " [" + string.Join(", ", transition.GuardDescriptions.Select(guardName)) + "]";
                builder.Append($"    {stateName(state)} --> {stateName(transition.Destination)} : {label}\n");
            }
        }
        foreach (var state in ordered)
        {
            var internals = _configurations[state].Transitions.Where(t => t.IsInternal).Select(t => triggerName(t.Trigger)).Distinct().ToList();
            if (internals.Count == 0) continue;
            builder.Append($"    note right of {stateName(state)}\n");
            builder.Append("        also: " + string.Join(", ", internals) + "\n");
            builder.Append("    end note\n");
        }
        return builder.ToString();
    }

    private IEnumerable<Transition> TransitionsFrom(TState state) =>
        _configurations.TryGetValue(state, out var configuration) ? configuration.Transitions : Enumerable.Empty<Transition>();

    public sealed record TransitionInfo(TState Source, TTrigger Trigger, TState Destination, bool IsInternal, IReadOnlyList<string> Guards);

    public sealed class StateConfiguration
    {
        internal StateConfiguration(TState state) => State = state;

        internal TState State { get; }
        internal List<Transition> Transitions { get; } = new();

        public StateConfiguration Permit(TTrigger trigger, TState destination) =>
            Add(new Transition(trigger, destination, false, Array.Empty<Guard>()));

        public StateConfiguration PermitIf(TTrigger trigger, TState destination, Func<bool> guard, string guardDescription) =>
            Add(new Transition(trigger, destination, false, new[] { new Guard(guard, guardDescription) }));

        public StateConfiguration PermitIf(TTrigger trigger, TState destination, params (Func<bool> Guard, string Description)[] guards) =>
            Add(new Transition(trigger, destination, false, guards.Select(g => new Guard(g.Guard, g.Description)).ToArray()));

        /// <summary>Allowed in this state without leaving it (Stateless: InternalTransition).</summary>
        public StateConfiguration InternalTransition(TTrigger trigger) =>
            Add(new Transition(trigger, State, true, Array.Empty<Guard>()));

        public StateConfiguration InternalTransitionIf(TTrigger trigger, Func<bool> guard, string guardDescription) =>
            Add(new Transition(trigger, State, true, new[] { new Guard(guard, guardDescription) }));

        private StateConfiguration Add(Transition transition)
        {
            if (Transitions.Any(t => EqualityComparer<TTrigger>.Default.Equals(t.Trigger, transition.Trigger) && t.Guards.Count == 0 && transition.Guards.Count == 0))
                throw new InvalidOperationException($"{State} already permits {transition.Trigger} without a guard.");
            Transitions.Add(transition);
            return this;
        }
    }

    internal sealed record Guard(Func<bool> Condition, string Description);

    internal sealed record Transition(TTrigger Trigger, TState Destination, bool IsInternal, IReadOnlyList<Guard> Guards)
    {
        public IReadOnlyList<string> GuardDescriptions => Guards.Select(g => g.Description).ToList();

        public IReadOnlyList<string> UnmetGuards() => Guards.Where(g => !g.Condition()).Select(g => g.Description).ToList();
    }
}

/// <summary>Why a trigger cannot fire: not allowed in the state at all (no guards listed), or guards unmet.</summary>
public sealed record TransitionRefusal<TState, TTrigger>(TState State, TTrigger Trigger, IReadOnlyList<string> UnmetGuardDescriptions)
{
    public bool NotAllowedInState => UnmetGuardDescriptions.Count == 0;
}

public sealed class InvalidTransitionException : InvalidOperationException
{
    public InvalidTransitionException(string state, string trigger, IReadOnlyList<string> unmetGuards)
        : base(unmetGuards.Count == 0
            ? $"'{trigger}' is not allowed in state '{state}'."
            : $"'{trigger}' is refused in state '{state}': {string.Join(", ", unmetGuards)}.")
    {
        State = state;
        Trigger = trigger;
        UnmetGuards = unmetGuards;
    }

    public string State { get; }
    public string Trigger { get; }
    public IReadOnlyList<string> UnmetGuards { get; }
}
