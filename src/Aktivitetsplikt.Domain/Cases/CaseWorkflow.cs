using Aktivitetsplikt.Domain.Workflow;

namespace Aktivitetsplikt.Domain.Cases;

/// <summary>
/// The workflow of the duty to act, written once: which trigger moves a case from which state to
/// which, under which guards, and which roles may fire it. The engine, the buttons a user sees and
/// the generated diagram (samples/workflow.mmd) all read this one table.
/// </summary>
public static class CaseWorkflow
{
    private static readonly Role[] Handlers = { Role.Principal, Role.SchoolOwnerTeam };
    private static readonly Role[] Everyone = { Role.Staff, Role.Principal, Role.SchoolOwnerTeam };

    /// <summary>Which roles may fire which trigger. The administrator handles no cases (need to know).</summary>
    public static IReadOnlyDictionary<CaseTrigger, IReadOnlyList<Role>> RolesByTrigger { get; } = new Dictionary<CaseTrigger, IReadOnlyList<Role>>
    {
        [CaseTrigger.RecordIntervention] = new[] { Role.Staff, Role.Principal },
        [CaseTrigger.NotifyPrincipal] = new[] { Role.Staff, Role.Principal },
        [CaseTrigger.ReportEmployeeSuspicion] = Everyone,
        [CaseTrigger.StartInvestigation] = Handlers,
        [CaseTrigger.RecordFinding] = Handlers,
        [CaseTrigger.RecordPupilVoice] = Everyone,
        [CaseTrigger.RecordParentContact] = Everyone,
        [CaseTrigger.AdoptPlan] = Handlers,
        [CaseTrigger.RevisePlan] = Handlers,
        [CaseTrigger.RecordMeasureProgress] = Everyone,
        [CaseTrigger.StartEvaluation] = Handlers,
        [CaseTrigger.RecordEvaluation] = Handlers,
        [CaseTrigger.Close] = Handlers,
        [CaseTrigger.Reopen] = Handlers,
        [CaseTrigger.EscalateToSchoolOwner] = new[] { Role.Principal },
        [CaseTrigger.FlagParticularVulnerability] = Handlers,
        [CaseTrigger.RecordCountyGovernorCase] = Handlers,
        [CaseTrigger.RecordCountyGovernorDecision] = Handlers,
        [CaseTrigger.AddComment] = Everyone,
        [CaseTrigger.CorrectEntry] = Everyone,
        [CaseTrigger.RecordDocument] = Handlers,
    };

    public static bool RoleMayFire(Role role, CaseTrigger trigger) =>
        RolesByTrigger.TryGetValue(trigger, out var roles) && roles.Contains(role);

    private static readonly CaseState[] OpenStates =
    {
        CaseState.FollowingUp, CaseState.Intervened, CaseState.PrincipalNotified,
        CaseState.Investigating, CaseState.Measures, CaseState.Evaluating,
    };

    internal static void Configure(StateMachine<CaseState, CaseTrigger> machine, ICaseFacts facts)
    {
        // § 12-5 learned later: before the principal knows, reporting it notifies at once.
        machine.Configure(CaseState.FollowingUp)
            .Permit(CaseTrigger.RecordIntervention, CaseState.Intervened)
            .Permit(CaseTrigger.NotifyPrincipal, CaseState.PrincipalNotified)
            .PermitIf(CaseTrigger.ReportEmployeeSuspicion, CaseState.PrincipalNotified, () => !facts.HasFlag(FlagKind.EmployeeSuspected), nameof(RefusalCode.AlreadyFlagged));

        machine.Configure(CaseState.Intervened)
            .InternalTransition(CaseTrigger.RecordIntervention)
            .Permit(CaseTrigger.NotifyPrincipal, CaseState.PrincipalNotified)
            .PermitIf(CaseTrigger.ReportEmployeeSuspicion, CaseState.PrincipalNotified, () => !facts.HasFlag(FlagKind.EmployeeSuspected), nameof(RefusalCode.AlreadyFlagged));

        foreach (var state in new[] { CaseState.PrincipalNotified, CaseState.Investigating, CaseState.Measures, CaseState.Evaluating })
            machine.Configure(state)
                .InternalTransitionIf(CaseTrigger.ReportEmployeeSuspicion, () => !facts.HasFlag(FlagKind.EmployeeSuspected), nameof(RefusalCode.AlreadyFlagged));

        machine.Configure(CaseState.PrincipalNotified)
            .InternalTransition(CaseTrigger.RecordIntervention)
            .Permit(CaseTrigger.StartInvestigation, CaseState.Investigating);

        machine.Configure(CaseState.Investigating)
            .InternalTransition(CaseTrigger.RecordIntervention)
            .InternalTransition(CaseTrigger.RecordFinding)
            .PermitIf(CaseTrigger.AdoptPlan, CaseState.Measures, () => facts.PendingPlanIsComplete, nameof(RefusalCode.PlanIncomplete))
            .PermitIf(CaseTrigger.Close, CaseState.Closed,
                (() => facts.PupilHeard, nameof(RefusalCode.PupilNotHeard)),
                (() => !facts.MeasuresRequired, nameof(RefusalCode.MeasuresRequired)),
                (() => facts.PendingTextGiven, nameof(RefusalCode.ConclusionRequired)));

        machine.Configure(CaseState.Measures)
            .InternalTransition(CaseTrigger.RecordIntervention)
            .InternalTransition(CaseTrigger.RecordFinding)
            .InternalTransitionIf(CaseTrigger.RevisePlan, () => facts.PendingPlanIsComplete, nameof(RefusalCode.PlanIncomplete))
            .InternalTransition(CaseTrigger.RecordMeasureProgress)
            .Permit(CaseTrigger.StartEvaluation, CaseState.Evaluating);

        machine.Configure(CaseState.Evaluating)
            .InternalTransition(CaseTrigger.RecordIntervention)
            .InternalTransition(CaseTrigger.RecordFinding)
            .InternalTransition(CaseTrigger.RecordMeasureProgress)
            .InternalTransition(CaseTrigger.RecordEvaluation)
            .PermitIf(CaseTrigger.RevisePlan, CaseState.Measures,
                (() => facts.EvaluationRecordedSinceStart, nameof(RefusalCode.EvaluationMissing)),
                (() => facts.PendingPlanIsComplete, nameof(RefusalCode.PlanIncomplete)))
            .PermitIf(CaseTrigger.Close, CaseState.Closed,
                (() => facts.EvaluationRecordedSinceStart, nameof(RefusalCode.EvaluationMissing)),
                (() => facts.LatestEvaluationSaysSafe, nameof(RefusalCode.EvaluationSaysNotSafe)),
                (() => !facts.PupilFeelsUnsafe, nameof(RefusalCode.PupilFeelsUnsafe)),
                (() => facts.PendingTextGiven, nameof(RefusalCode.ConclusionRequired)));

        machine.Configure(CaseState.Closed)
            .PermitIf(CaseTrigger.Reopen, CaseState.Investigating, () => facts.PendingTextGiven, nameof(RefusalCode.ReasonRequired));

        foreach (var state in OpenStates)
        {
            machine.Configure(state)
                .InternalTransition(CaseTrigger.RecordPupilVoice)
                .InternalTransition(CaseTrigger.RecordParentContact)
                .InternalTransitionIf(CaseTrigger.EscalateToSchoolOwner, () => !facts.HasFlag(FlagKind.EscalatedToSchoolOwner), nameof(RefusalCode.AlreadyFlagged))
                .InternalTransitionIf(CaseTrigger.FlagParticularVulnerability, () => !facts.HasFlag(FlagKind.ParticularlyVulnerable), nameof(RefusalCode.AlreadyFlagged));
        }

        // The county governor can be involved, the history commented on or corrected, and documents made, in
        // every state, closed cases included: parents may take a closed case to the governor (§ 12-6).
        foreach (var state in OpenStates.Append(CaseState.Closed))
        {
            machine.Configure(state)
                .InternalTransitionIf(CaseTrigger.RecordCountyGovernorCase, () => !facts.HasFlag(FlagKind.TakenToCountyGovernor), nameof(RefusalCode.AlreadyFlagged))
                .InternalTransitionIf(CaseTrigger.RecordCountyGovernorDecision, () => facts.HasFlag(FlagKind.TakenToCountyGovernor), nameof(RefusalCode.NotTakenToCountyGovernor))
                .InternalTransition(CaseTrigger.AddComment)
                .InternalTransition(CaseTrigger.CorrectEntry)
                .InternalTransition(CaseTrigger.RecordDocument);
        }
    }

    /// <summary>The whole table, guards named, as a Mermaid state diagram.</summary>
    public static string ToMermaid()
    {
        var machine = new StateMachine<CaseState, CaseTrigger>(() => CaseState.FollowingUp, _ => { });
        Configure(machine, new DiagramFacts());
        var diagram = machine.ToMermaid(guardName: code => GuardConditions.TryGetValue(code, out var condition) ? condition : code);
        var roles = string.Join("\n", RolesByTrigger.Select(r => $"%% {r.Key}: {string.Join(", ", r.Value)}"));
        return "%% Generated from CaseWorkflow by a test; do not edit by hand.\n%% Roles that may fire each trigger:\n" + roles + "\n" + diagram;
    }

    /// <summary>Every (state, trigger, destination) of the table, guards ignored.</summary>
    public static IReadOnlyList<StateMachine<CaseState, CaseTrigger>.TransitionInfo> Transitions()
    {
        var machine = new StateMachine<CaseState, CaseTrigger>(() => CaseState.FollowingUp, _ => { });
        Configure(machine, new DiagramFacts());
        return machine.GetInfo();
    }

    /// <summary>Guards are named by the refusal they cause; the diagram states the condition that must hold.</summary>
    private static readonly Dictionary<string, string> GuardConditions = new()
    {
        [nameof(RefusalCode.PlanIncomplete)] = "plan has all five legal parts",
        [nameof(RefusalCode.PupilNotHeard)] = "pupil heard",
        [nameof(RefusalCode.MeasuresRequired)] = "pupil never said not safe",
        [nameof(RefusalCode.PupilFeelsUnsafe)] = "pupil does not say not safe",
        [nameof(RefusalCode.ConclusionRequired)] = "conclusion written",
        [nameof(RefusalCode.EvaluationMissing)] = "evaluation recorded",
        [nameof(RefusalCode.EvaluationSaysNotSafe)] = "evaluation says safe",
        [nameof(RefusalCode.ReasonRequired)] = "reason given",
        [nameof(RefusalCode.AlreadyFlagged)] = "not flagged yet",
        [nameof(RefusalCode.NotTakenToCountyGovernor)] = "taken to the county governor",
    };

    private sealed class DiagramFacts : ICaseFacts
    {
        public bool PupilFeelsUnsafe => false;
        public bool MeasuresRequired => false;
        public bool PupilHeard => true;
        public bool PendingPlanIsComplete => true;
        public bool PendingTextGiven => true;
        public bool EvaluationRecordedSinceStart => true;
        public bool LatestEvaluationSaysSafe => true;
        public bool HasFlag(FlagKind kind) => false;
    }
}

/// <summary>What the guards read from a case. "Pending" facts concern the arguments of the step being taken.</summary>
internal interface ICaseFacts
{
    bool PupilFeelsUnsafe { get; }
    bool MeasuresRequired { get; }
    bool PupilHeard { get; }
    bool PendingPlanIsComplete { get; }
    bool PendingTextGiven { get; }
    bool EvaluationRecordedSinceStart { get; }
    bool LatestEvaluationSaysSafe { get; }
    bool HasFlag(FlagKind kind);
}
