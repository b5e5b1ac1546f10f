using Stateless.Graph;

namespace Aktivitetsplikt.Domain.Cases;

/// <summary>
/// The workflow of the duty to act, written once: which trigger moves a case from which state to which,
/// under which guards, and who may fire it. Each case's Stateless machine, the steps a user is offered and
/// the generated diagram (samples/workflow.mmd, the README) all come from this one table.
/// </summary>
public static class CaseWorkflow
{
    private static readonly Role[] Handlers = [Role.Principal, Role.SchoolOwnerTeam];
    private static readonly Role[] Everyone = [Role.Staff, Role.Principal, Role.SchoolOwnerTeam];

    /// <summary>Which roles may fire which trigger. The administrator handles no cases (need to know).</summary>
    public static IReadOnlyDictionary<CaseTrigger, IReadOnlyList<Role>> RolesByTrigger { get; } = new Dictionary<CaseTrigger, IReadOnlyList<Role>>
    {
        [CaseTrigger.RecordIntervention] = [Role.Staff, Role.Principal],
        [CaseTrigger.NotifyPrincipal] = [Role.Staff, Role.Principal],
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
        [CaseTrigger.EscalateToSchoolOwner] = [Role.Principal],
        [CaseTrigger.FlagParticularVulnerability] = Handlers,
        [CaseTrigger.RecordCountyGovernorCase] = Handlers,
        [CaseTrigger.RecordCountyGovernorDecision] = Handlers,
        [CaseTrigger.AddComment] = Everyone,
        [CaseTrigger.CorrectEntry] = Everyone,
        [CaseTrigger.RecordDocument] = Handlers,
        [CaseTrigger.CloseAsPupilLeftSchool] = Handlers,
        [CaseTrigger.HearOtherPupil] = Everyone,
        // The family takes part in its own child's case (§ 10-8: parents informed and heard); which case is theirs is the
        // app's scope (an active guardianship), as which case is a member of staff's is.
        // The pupil signed in with Feide takes part in their own case too: their view is their own statement (§ 12-4).
        [CaseTrigger.GiveFamilyView] = [Role.Guardian, Role.Pupil],
        [CaseTrigger.RequestMeeting] = [Role.Guardian, Role.Pupil],
        [CaseTrigger.DisagreeWithPlan] = [Role.Guardian],
        [CaseTrigger.IdentifyPupil] = Handlers,
        [CaseTrigger.AddAttachment] = Everyone,
        [CaseTrigger.WithdrawAttachment] = Everyone,
        [CaseTrigger.SetAttachmentFamilyVisibility] = Handlers,
        [CaseTrigger.RecordMeeting] = Everyone,
    };

    public static bool RoleMayFire(Role role, CaseTrigger trigger) =>
        RolesByTrigger.TryGetValue(trigger, out var roles) && roles.Contains(role);

    /// <summary>Asked before the state, in this order: whether the person has a part in this step of this case at all.</summary>
    internal static IReadOnlyList<ScopeRule> Scope { get; } =
    [
        new(RefusalCode.RoleMayNotAct, "the role may fire the trigger",
            (actor, trigger) => $"The role {actor.Role} may not {trigger}.",
            (_, actor, trigger) => RoleMayFire(actor.Role, trigger)),
        // Whoever learns of it reports it, a principal included; once the school owner is told, it handles the case.
        new(RefusalCode.LeadershipSuspectedPrincipalExcluded, "no principal once the school owner is told school leadership is suspected",
            (_, _) => "School leadership is suspected (§ 12-5 second paragraph): the school owner handles this case.",
            (facts, actor, _) => actor.Role != Role.Principal || !facts.SchoolOwnerHandlesLeadershipSuspicion),
    ];

    private static readonly CaseGuard NoEmployeeSuspicionYet = NotYet(FlagKind.EmployeeSuspected, "no § 12-5 report yet", "An employee is already reported suspected.");
    private static readonly CaseGuard NotEscalatedYet = NotYet(FlagKind.EscalatedToSchoolOwner, "not escalated yet", "The case is already escalated to the school owner.");
    private static readonly CaseGuard NotFlaggedVulnerableYet = NotYet(FlagKind.ParticularlyVulnerable, "not flagged particularly vulnerable yet", "The pupil is already flagged particularly vulnerable.");
    private static readonly CaseGuard NotWithCountyGovernorYet = NotYet(FlagKind.TakenToCountyGovernor, "not with the county governor yet", "The case is already recorded as taken to the county governor.");

    private static readonly CaseGuard NoPupilYet = new(RefusalCode.PupilAlreadyIdentified, "no pupil identified yet",
        "The case already belongs to a pupil.", facts => !facts.HasPupil);

    private static readonly CaseGuard WithCountyGovernor = new(RefusalCode.NotTakenToCountyGovernor, "taken to the county governor",
        "Record that the case was taken to the county governor first.", facts => facts.HasFlag(FlagKind.TakenToCountyGovernor));

    private static readonly CaseGuard PupilHeard = new(RefusalCode.PupilNotHeard, "pupil heard",
        "The pupil has not been heard: record the pupil's own view before closing.", facts => facts.CurrentPupilView != PupilView.Unknown);

    private static readonly CaseGuard PupilNeverSaidUnsafe = new(RefusalCode.MeasuresRequired, "pupil never said not safe",
        "The pupil has said they are not safe: measures are mandatory, so the case cannot be closed without an activity plan.",
        facts => !facts.PupilSaidNotSafe);

    private static readonly CaseGuard InvestigationDoesNotConcludeUnsafe = new(RefusalCode.InvestigationConcludedNotSafe, "investigation does not conclude not safe",
        "The school's investigation concludes the pupil does not have a safe and good environment: measures are mandatory, so the case cannot be closed without an activity plan.",
        facts => !facts.InvestigationConcludesNotSafe);

    private static readonly CaseGuard ReportsSettled = new(RefusalCode.ReportNotSettled, "a parent's or staff member's report is settled",
        "A parent or a member of staff has said the pupil is not safe: record what the investigation concludes before closing.",
        facts => !facts.ReportNotSettled);

    private static readonly CaseGuard NoUnsafeConclusionSinceEvaluation = new(RefusalCode.InvestigationConcludedNotSafe, "no not-safe conclusion since the evaluation started",
        "A finding since the evaluation started concludes the pupil does not have a safe and good environment: revise the plan instead of closing.",
        facts => !facts.NotSafeConcludedSinceEvaluationStarted);

    private static readonly CaseGuard NoMeasureStillPlanned = new(RefusalCode.MeasuresStillPlanned, "no measure still reads planned",
        "Measures of the plan still read \"planned\": record whether each was carried out or dropped before closing.",
        facts => facts.CurrentPlan?.Measures.All(m => m.Status != MeasureStatus.Planned) != false);

    private static readonly StepGuard<PupilDepartureReport> DepartureComplete = new(RefusalCode.DepartureIncomplete, "departure has date, new school, who decided and why",
        "Give the date the pupil left, the new school, who decided and why.",
        (_, d) => d.LeftOn is not null && !string.IsNullOrWhiteSpace(d.NewSchool) && !string.IsNullOrWhiteSpace(d.DecidedBy) && !string.IsNullOrWhiteSpace(d.Reason));

    private static readonly StepGuard<PupilDepartureReport> HandedOverWithinSchoolOwner = new(RefusalCode.HandoverRequired, "handed over when the new school has the same school owner",
        "The new school has the same school owner: say how the case was handed over to it.",
        (_, d) => !d.SameSchoolOwner || !string.IsNullOrWhiteSpace(d.Handover));

    private static readonly CaseGuard PupilDoesNotSayUnsafe = new(RefusalCode.PupilFeelsUnsafe, "pupil does not say not safe",
        "The pupil says they do not feel safe: the school must put in measures before the case can be closed.",
        facts => facts.CurrentPupilView != PupilView.NotSafe);

    private static readonly CaseGuard EvaluationRecorded = new(RefusalCode.EvaluationMissing, "evaluation recorded",
        "Record an evaluation with the pupil's view first.", facts => facts.EvaluationRecordedSinceStart);

    private static readonly CaseGuard EvaluationSaysSafe = new(RefusalCode.EvaluationSaysNotSafe, "evaluation says safe",
        "The latest evaluation says the pupil is not safe: revise the plan instead of closing.", facts => facts.LatestEvaluationSaysSafe);

    private static readonly StepGuard<PlanDraft> PlanComplete = new(RefusalCode.PlanIncomplete, "plan has all five legal parts",
        "The plan lacks parts the law requires", (_, draft) => draft.MissingParts().Count == 0,
        draft => [.. draft.MissingParts().Select(part => part.ToString())]);

    private static readonly StepGuard<string> ConclusionWritten = new(RefusalCode.ConclusionRequired, "conclusion written",
        "Document the conclusion before closing.", (_, conclusion) => !string.IsNullOrWhiteSpace(conclusion));

    private static readonly StepGuard<string> ReasonGiven = new(RefusalCode.ReasonRequired, "reason given",
        "Give the reason.", (_, reason) => !string.IsNullOrWhiteSpace(reason));

    private static readonly StepGuard<MeasureUpdate> MeasureInPlan = new(RefusalCode.MeasureNotFound, "measure in the current plan",
        "The measure is not in the current plan.",
        (facts, update) => update.MeasureKey is not { } key || facts.CurrentPlan?.Measures.Any(m => m.MeasureKey == key) == true);

    // Without a key: does the person have an open measure of their own (staff) or is any open (leaders)?
    private static readonly StepGuard<MeasureUpdate> OwnMeasure = new(RefusalCode.NotResponsibleForMeasure, "staff update only their own measures",
        "Only the person responsible for the measure, or a leader, can update it.",
        (facts, update) => update.By.Role != Role.Staff || Measures(facts, update, openOnly: true).Any(m => m.ResponsibleUserId == update.By.UserId));

    private static readonly StepGuard<MeasureUpdate> MeasureOpen = new(RefusalCode.MeasureAlreadyFinished, "measure not finished",
        "The measure is already finished; revise the plan to change it.",
        (facts, update) => Measures(facts, update, openOnly: false).Any(IsOpen));

    private static readonly StepGuard<MeasureUpdate> DropSaysWhy = new(RefusalCode.ReasonRequired, "a dropped measure says why",
        "Give the reason the measure is dropped.",
        (_, update) => update.Status != MeasureStatus.Dropped || !string.IsNullOrWhiteSpace(update.Note));

    private static readonly IReadOnlyDictionary<string, Guard> GuardsByText = new Guard[]
    {
        NoEmployeeSuspicionYet, NoPupilYet, NotEscalatedYet, NotFlaggedVulnerableYet, NotWithCountyGovernorYet, WithCountyGovernor,
        PupilHeard, PupilNeverSaidUnsafe, InvestigationDoesNotConcludeUnsafe, ReportsSettled, NoUnsafeConclusionSinceEvaluation,
        DepartureComplete, HandedOverWithinSchoolOwner, NoMeasureStillPlanned, PupilDoesNotSayUnsafe, EvaluationRecorded, EvaluationSaysSafe,
        PlanComplete, ConclusionWritten, ReasonGiven, MeasureInPlan, OwnMeasure, MeasureOpen, DropSaysWhy,
    }.ToDictionary(guard => guard.Text);

    /// <summary>The guard Stateless names by its description in an unmet-guard list.</summary>
    internal static Guard GuardNamed(string text) => GuardsByText[text];

    private static readonly CaseState[] OpenStates =
    [
        CaseState.FollowingUp, CaseState.Intervened, CaseState.PrincipalNotified,
        CaseState.Investigating, CaseState.Measures, CaseState.Evaluating,
    ];

    /// <summary>
    /// The table. A step that keeps the state is a re-entry, as in Stateless's BugTracker: no state has entry
    /// or exit actions, so re-entering is staying, and unlike an internal transition it takes several guards.
    /// </summary>
    internal static void Configure(CaseMachine m)
    {
        var machine = m.Engine;

        // § 12-5 learned later: before the principal knows, reporting it notifies at once.
        machine.Configure(CaseState.FollowingUp)
            .Permit(CaseTrigger.RecordIntervention, CaseState.Intervened)
            .Permit(CaseTrigger.NotifyPrincipal, CaseState.PrincipalNotified)
            .PermitIf(CaseTrigger.ReportEmployeeSuspicion, CaseState.PrincipalNotified, m.When(NoEmployeeSuspicionYet));

        machine.Configure(CaseState.Intervened)
            .PermitReentry(CaseTrigger.RecordIntervention)
            .Permit(CaseTrigger.NotifyPrincipal, CaseState.PrincipalNotified)
            .PermitIf(CaseTrigger.ReportEmployeeSuspicion, CaseState.PrincipalNotified, m.When(NoEmployeeSuspicionYet));

        foreach (var state in (CaseState[])[CaseState.PrincipalNotified, CaseState.Investigating, CaseState.Measures, CaseState.Evaluating])
            machine.Configure(state)
                .PermitReentryIf(CaseTrigger.ReportEmployeeSuspicion, m.When(NoEmployeeSuspicionYet));

        machine.Configure(CaseState.PrincipalNotified)
            .PermitReentry(CaseTrigger.RecordIntervention)
            .Permit(CaseTrigger.StartInvestigation, CaseState.Investigating);

        machine.Configure(CaseState.Investigating)
            .PermitReentry(CaseTrigger.RecordIntervention)
            .PermitReentry(CaseTrigger.RecordFinding)
            .PermitIf(m.AdoptPlan, CaseState.Measures, m.When<PlanDraft?>(PlanComplete))
            .PermitIf(m.Close, CaseState.Closed, m.When<string?>(PupilHeard, PupilNeverSaidUnsafe, InvestigationDoesNotConcludeUnsafe, ReportsSettled, ConclusionWritten));

        machine.Configure(CaseState.Measures)
            .PermitReentry(CaseTrigger.RecordIntervention)
            .PermitReentry(CaseTrigger.RecordFinding)
            .PermitReentryIf(m.RevisePlan, m.When<PlanDraft?>(PlanComplete))
            .PermitReentryIf(m.RecordMeasureProgress, m.When<MeasureUpdate?>(MeasureInPlan, OwnMeasure, MeasureOpen, DropSaysWhy))
            .Permit(CaseTrigger.StartEvaluation, CaseState.Evaluating);

        machine.Configure(CaseState.Evaluating)
            .PermitReentry(CaseTrigger.RecordIntervention)
            .PermitReentry(CaseTrigger.RecordFinding)
            .PermitReentryIf(m.RecordMeasureProgress, m.When<MeasureUpdate?>(MeasureInPlan, OwnMeasure, MeasureOpen, DropSaysWhy))
            .PermitReentry(CaseTrigger.RecordEvaluation)
            .PermitIf(m.RevisePlan, CaseState.Measures, m.When<PlanDraft?>(EvaluationRecorded, PlanComplete))
            .PermitIf(m.Close, CaseState.Closed, m.When<string?>(EvaluationRecorded, EvaluationSaysSafe, PupilDoesNotSayUnsafe,
                NoUnsafeConclusionSinceEvaluation, NoMeasureStillPlanned, ConclusionWritten));

        machine.Configure(CaseState.Closed)
            .PermitIf(m.Reopen, CaseState.Investigating, m.When<string?>(ReasonGiven));

        // The one lawful end while the pupil may still not be safe: the pupil has left the school.
        foreach (var state in (CaseState[])[CaseState.PrincipalNotified, CaseState.Investigating, CaseState.Measures, CaseState.Evaluating])
            machine.Configure(state)
                .PermitIf(m.CloseAsPupilLeftSchool, CaseState.Closed, m.When<PupilDepartureReport?>(DepartureComplete, HandedOverWithinSchoolOwner));

        foreach (var state in (CaseState[])[CaseState.Investigating, CaseState.Measures, CaseState.Evaluating])
            machine.Configure(state).PermitReentry(CaseTrigger.HearOtherPupil);

        // The family disagrees with a plan that is in force; a closed case takes no more from the family here: new
        // information is for the principal, who may reopen it, and a disagreement after closing is for the county governor.
        foreach (var state in (CaseState[])[CaseState.Measures, CaseState.Evaluating])
            machine.Configure(state).PermitReentry(CaseTrigger.DisagreeWithPlan);

        // A "si fra" case starts with the principal notified and no pupil; the principal identifies the pupil once, also
        // after closing (the documentation must say whose case it was).
        foreach (var state in (CaseState[])[CaseState.PrincipalNotified, CaseState.Investigating, CaseState.Measures, CaseState.Evaluating, CaseState.Closed])
            machine.Configure(state).PermitReentryIf(CaseTrigger.IdentifyPupil, m.When(NoPupilYet));
        // A meeting about the case is the school's handling of it: from the moment the principal knows until it is
        // closed (new information after that reopens the case first). Before, a talk with the parents is parent contact.
        foreach (var state in (CaseState[])[CaseState.PrincipalNotified, CaseState.Investigating, CaseState.Measures, CaseState.Evaluating])
            machine.Configure(state).PermitReentry(CaseTrigger.RecordMeeting);

        foreach (var state in OpenStates)
        {
            machine.Configure(state)
                .PermitReentry(CaseTrigger.RecordPupilVoice)
                .PermitReentry(CaseTrigger.RecordParentContact)
                .PermitReentry(CaseTrigger.GiveFamilyView)
                .PermitReentry(CaseTrigger.RequestMeeting)
                .PermitReentryIf(CaseTrigger.EscalateToSchoolOwner, m.When(NotEscalatedYet))
                .PermitReentryIf(CaseTrigger.FlagParticularVulnerability, m.When(NotFlaggedVulnerableYet));
        }

        // The county governor can be involved, the history commented on or corrected, and documents made, in
        // every state, closed cases included: parents may take a closed case to the governor (§ 12-6).
        foreach (var state in (CaseState[])[.. OpenStates, CaseState.Closed])
        {
            machine.Configure(state)
                .PermitReentryIf(CaseTrigger.RecordCountyGovernorCase, m.When(NotWithCountyGovernorYet))
                .PermitReentryIf(CaseTrigger.RecordCountyGovernorDecision, m.When(WithCountyGovernor))
                .PermitReentry(CaseTrigger.AddComment)
                .PermitReentry(CaseTrigger.CorrectEntry)
                .PermitReentry(CaseTrigger.RecordDocument)
                // Evidence can arrive after a case is closed (parents take it to the county governor): it is documentation.
                .PermitReentry(CaseTrigger.AddAttachment)
                .PermitReentry(CaseTrigger.WithdrawAttachment)
                .PermitReentry(CaseTrigger.SetAttachmentFamilyVisibility);
        }
    }

    /// <summary>
    /// The whole table as Stateless draws it (<see cref="MermaidGraph"/>), guards in words, after the roles
    /// per trigger and the scope rules as comments. A step that keeps the state is drawn as a loop.
    /// </summary>
    public static string ToMermaid()
    {
        var diagram = MermaidGraph.Format(Describe().Engine.GetInfo()).Replace("\t", "    ");
        var roles = RolesByTrigger.Select(r => $"%% {r.Key}: {string.Join(", ", r.Value)}");
        var scope = Scope.Select(rule => $"%% - {rule.Text}");
        return string.Join("\n", [
            "%% Generated from CaseWorkflow by Stateless's MermaidGraph; do not edit by hand.",
            "%% Refresh: AKTIVITETSPLIKT_REGENERATE_SAMPLES=1 dotnet test tests/Aktivitetsplikt.Domain.Tests",
            "%% Roles that may fire each trigger:",
            .. roles,
            "%% Asked before every step, in this order:",
            .. scope,
            diagram,
        ]) + "\n";
    }

    /// <summary>Every (state, trigger, destination) of the table with its guards; a step that keeps the state ends where it starts.</summary>
    public static IReadOnlyList<WorkflowTransition> Transitions() =>
        [.. from state in Describe().Engine.GetInfo().States
            from transition in state.FixedTransitions
            select new WorkflowTransition((CaseState)state.UnderlyingState, (CaseTrigger)transition.Trigger.UnderlyingTrigger,
                (CaseState)transition.DestinationState.UnderlyingState,
                [.. transition.GuardConditionsMethodDescriptions.Select(guard => guard.Description)])];

    private static CaseMachine Describe() => new(() => CaseState.FollowingUp, _ => { }, facts: null);

    private static CaseGuard NotYet(FlagKind flag, string text, string message) =>
        new(RefusalCode.AlreadyFlagged, text, message, facts => !facts.HasFlag(flag));

    private static IEnumerable<PlanMeasure> Measures(ICaseFacts facts, MeasureUpdate update, bool openOnly) =>
        (facts.CurrentPlan?.Measures ?? []).Where(m => update.MeasureKey is { } key ? m.MeasureKey == key : !openOnly || IsOpen(m));

    private static bool IsOpen(PlanMeasure measure) => measure.Status is MeasureStatus.Planned or MeasureStatus.UnderWay;
}

/// <summary>One row of the table: from a state, a trigger leads to a state under these guards.</summary>
public sealed record WorkflowTransition(CaseState Source, CaseTrigger Trigger, CaseState Destination, IReadOnlyList<string> Guards);
