using Aktivitetsplikt.Domain.Deadlines;
using Aktivitetsplikt.Domain.Workflow;

namespace Aktivitetsplikt.Domain.Cases;

/// <summary>What a member of staff reports when logging a concern.</summary>
public sealed record ConcernReport(
    Guid SchoolId,
    Guid PupilId,
    string WhatHappened,
    DateTime OccurredAtUtc,
    ConcernLocation Location,
    string? Intervention,
    bool NotifyPrincipalNow,
    bool PupilSaysNotSafe,
    bool EmployeeSuspected,
    bool LeadershipSuspected);

/// <summary>
/// A pupil's school-environment case (sak): the aggregate that owns its workflow. The state is an
/// EF-mapped property; the machine is private and only intent methods change the case. Every
/// intent method appends entries to the timeline; nothing is overwritten or removed.
/// </summary>
public sealed class Case : ICaseFacts
{
    private readonly List<CaseEntry> _entries = new();
    private readonly List<ActivityPlanVersion> _plans = new();
    private readonly List<CaseFlag> _flags = new();
    private readonly List<Deadline> _deadlines = new();
    private StateMachine<CaseState, CaseTrigger>? _machine;
    private PlanDraft? _pendingPlan;
    private string? _pendingText;
    private bool _loggingConcern;

    private Case() { }

    public Guid Id { get; private set; }
    public string CaseNumber { get; private set; } = "";
    public Guid SchoolId { get; private set; }
    public Guid PupilId { get; private set; }
    public CaseState State { get; private set; }
    /// <summary>Optimistic concurrency token: increases with every change.</summary>
    public int Revision { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime UpdatedAtUtc { get; private set; }
    public Guid ReportedByUserId { get; private set; }
    public PupilView CurrentPupilView { get; private set; }
    /// <summary>The earliest open deadline, kept on the case so lists can sort and filter by it.</summary>
    public DateTime? NextDeadlineUtc { get; private set; }
    public DateTime? ClosedAtUtc { get; private set; }

    public IReadOnlyList<CaseEntry> Entries => _entries.OrderBy(e => e.Sequence).ToList();
    public IReadOnlyList<ActivityPlanVersion> Plans => _plans.OrderBy(p => p.Version).ToList();
    public IReadOnlyList<CaseFlag> Flags => _flags;
    public IReadOnlyList<Deadline> Deadlines => _deadlines;

    public ActivityPlanVersion? CurrentPlan => _plans.MaxBy(p => p.Version);
    public bool EmployeeSuspected => HasFlag(FlagKind.EmployeeSuspected);
    public bool LeadershipSuspected => HasFlag(FlagKind.LeadershipSuspected);
    /// <summary>
    /// Once the pupil or a parent has said "not safe", the school must put in measures: a later
    /// "safe" does not undo that within the same investigation. A reopened case starts afresh.
    /// </summary>
    public bool MeasuresRequired
    {
        get
        {
            var reopened = _entries.Where(e => e.Kind == EntryKind.Reopened).Select(e => e.Sequence).DefaultIfEmpty(0).Max();
            return _entries.Any(e => e.Sequence > reopened && e.PupilView == Cases.PupilView.NotSafe);
        }
    }

    private StateMachine<CaseState, CaseTrigger> Machine
    {
        get
        {
            if (_machine is null)
            {
                _machine = new StateMachine<CaseState, CaseTrigger>(() => State, s => State = s);
                CaseWorkflow.Configure(_machine, this);
            }
            return _machine;
        }
    }

    public static Case LogConcern(ConcernReport report, Actor actor, string caseNumber, DateTime nowUtc,
        DeadlinePolicy policy, SchoolCalendar calendar)
    {
        if (actor.Role is not (Role.Staff or Role.Principal))
            throw new CaseRuleViolation(RefusalCode.RoleMayNotAct, $"A {actor.Role} cannot log a concern; staff and principals do.");
        if (string.IsNullOrWhiteSpace(report.WhatHappened))
            throw new CaseRuleViolation(RefusalCode.ReasonRequired, "Describe what was seen or heard.");
        if (report.LeadershipSuspected && !report.EmployeeSuspected)
            throw new CaseRuleViolation(RefusalCode.ReasonRequired, "Leadership can only be suspected when an employee is suspected.");

        var @case = new Case
        {
            Id = Guid.NewGuid(),
            CaseNumber = caseNumber,
            SchoolId = report.SchoolId,
            PupilId = report.PupilId,
            State = CaseState.FollowingUp,
            CreatedAtUtc = nowUtc,
            UpdatedAtUtc = nowUtc,
            ReportedByUserId = actor.UserId,
            CurrentPupilView = Cases.PupilView.Unknown,
        };
        @case.Append(EntryKind.ConcernLogged, actor, nowUtc, report.WhatHappened.Trim(), CaseState.FollowingUp)
            .With(occurredAtUtc: report.OccurredAtUtc, location: report.Location);

        @case._loggingConcern = true;
        if (report.EmployeeSuspected)
        {
            // The concern entry says what happened; the flag's kind says what it means. No prose of the system's own.
            @case._flags.Add(new CaseFlag(@case.Id, FlagKind.EmployeeSuspected, actor, nowUtc, ""));
            if (report.LeadershipSuspected)
                @case._flags.Add(new CaseFlag(@case.Id, FlagKind.LeadershipSuspected, actor, nowUtc, ""));
        }

        if (report.PupilSaysNotSafe)
            @case.AddPupilVoice(actor, nowUtc, Cases.PupilView.NotSafe, null, fromParent: false);

        if (!string.IsNullOrWhiteSpace(report.Intervention))
            @case.RecordIntervention(actor, nowUtc, report.Intervention, report.OccurredAtUtc);

        if (report.EmployeeSuspected || report.NotifyPrincipalNow || actor.Role == Role.Principal)
            @case.NotifyPrincipal(actor, nowUtc, policy, calendar);
        else
            @case.AddDeadline(DeadlineKind.NotifyPrincipal, SchoolCalendar.EndOfOsloDayUtc(SchoolCalendar.OsloDate(nowUtc)), nowUtc);

        @case._loggingConcern = false;
        @case.Refresh(nowUtc);
        return @case;
    }

    public void RecordIntervention(Actor actor, DateTime nowUtc, string howIntervened, DateTime? occurredAtUtc = null) =>
        Act(CaseTrigger.RecordIntervention, actor, nowUtc, RequireText(howIntervened, "Describe how you intervened."), before =>
            Append(EntryKind.Intervention, actor, nowUtc, howIntervened.Trim(), before).With(occurredAtUtc: occurredAtUtc));

    public void NotifyPrincipal(Actor actor, DateTime nowUtc, DeadlinePolicy policy, SchoolCalendar calendar, string? note = null) =>
        Act(CaseTrigger.NotifyPrincipal, actor, nowUtc, null, before =>
        {
            MeetDeadlines(DeadlineKind.NotifyPrincipal, nowUtc);
            if (EmployeeSuspected)
            {
                // § 12-5: the school owner is told at once, and on the leadership path only the school owner.
                if (!LeadershipSuspected)
                    Append(EntryKind.PrincipalNotified, actor, nowUtc, note?.Trim() ?? "", before).With(detail: NotificationReason.EmployeeSuspected);
                Append(EntryKind.SchoolOwnerNotified, actor, nowUtc, "", before)
                    .With(detail: LeadershipSuspected ? NotificationReason.LeadershipSuspected : NotificationReason.EmployeeSuspected);
                AddDeadline(DeadlineKind.StartInvestigation, nowUtc.AddHours(policy.ImmediateInvestigationHours), nowUtc);
            }
            else
            {
                Append(EntryKind.PrincipalNotified, actor, nowUtc, note?.Trim() ?? "", before);
                var due = calendar.AddSchoolDays(SchoolCalendar.OsloDate(nowUtc), policy.InvestigationStartSchoolDays);
                AddDeadline(DeadlineKind.StartInvestigation, SchoolCalendar.EndOfOsloDayUtc(due), nowUtc);
            }
        });

    /// <summary>
    /// § 12-5 (formerly § 9 A-5) when the suspicion comes after the concern was logged: the case is
    /// flagged, the school owner is notified at once — and the principal, unless school leadership is
    /// suspected — and an investigation not yet started is due "straks".
    /// </summary>
    public void ReportEmployeeSuspicion(Actor actor, DateTime nowUtc, string whatIsSuspected, bool leadershipSuspected, DeadlinePolicy policy) =>
        Act(CaseTrigger.ReportEmployeeSuspicion, actor, nowUtc, RequireText(whatIsSuspected, "Describe what the employee is suspected of."), before =>
        {
            var reason = leadershipSuspected ? NotificationReason.LeadershipSuspected : NotificationReason.EmployeeSuspected;
            _flags.Add(new CaseFlag(Id, FlagKind.EmployeeSuspected, actor, nowUtc, whatIsSuspected.Trim()));
            if (leadershipSuspected)
                _flags.Add(new CaseFlag(Id, FlagKind.LeadershipSuspected, actor, nowUtc, whatIsSuspected.Trim()));
            Append(EntryKind.EmployeeSuspicionReported, actor, nowUtc, whatIsSuspected.Trim(), before).With(detail: reason);
            if (!leadershipSuspected && before is CaseState.FollowingUp or CaseState.Intervened)
                Append(EntryKind.PrincipalNotified, actor, nowUtc, "", before).With(detail: reason);
            Append(EntryKind.SchoolOwnerNotified, actor, nowUtc, "", before).With(detail: reason);
            MeetDeadlines(DeadlineKind.NotifyPrincipal, nowUtc);
            if (before is CaseState.FollowingUp or CaseState.Intervened or CaseState.PrincipalNotified)
            {
                foreach (var open in _deadlines.Where(d => d.IsOpen && d.Kind == DeadlineKind.StartInvestigation)) open.Supersede(nowUtc);
                AddDeadline(DeadlineKind.StartInvestigation, nowUtc.AddHours(policy.ImmediateInvestigationHours), nowUtc);
            }
        });

    public void StartInvestigation(Actor actor, DateTime nowUtc, string? howToInvestigate) =>
        Act(CaseTrigger.StartInvestigation, actor, nowUtc, null, before =>
        {
            MeetDeadlines(DeadlineKind.StartInvestigation, nowUtc);
            Append(EntryKind.InvestigationStarted, actor, nowUtc,
                howToInvestigate?.Trim() ?? "", before);
        });

    public void RecordFinding(Actor actor, DateTime nowUtc, string finding, DateTime? occurredAtUtc = null) =>
        Act(CaseTrigger.RecordFinding, actor, nowUtc, RequireText(finding, "Describe the finding."), before =>
            Append(EntryKind.Finding, actor, nowUtc, finding.Trim(), before).With(occurredAtUtc: occurredAtUtc));

    /// <summary>The pupil's own experience, told by the pupil or a parent. "Not safe" makes measures mandatory.</summary>
    public void RecordPupilVoice(Actor actor, DateTime nowUtc, PupilView view, string whatWasSaid, bool fromParent) =>
        AddPupilVoice(actor, nowUtc, view, RequireText(whatWasSaid, "Write what the pupil or parent said."), fromParent);

    /// <summary>Null text only from the concern form, whose own entry already says what happened.</summary>
    private void AddPupilVoice(Actor actor, DateTime nowUtc, PupilView view, string? whatWasSaid, bool fromParent)
    {
        if (view == Cases.PupilView.Unknown)
            throw new CaseRuleViolation(RefusalCode.ReasonRequired, "Say whether the pupil feels safe or not.");
        Act(CaseTrigger.RecordPupilVoice, actor, nowUtc, null, before =>
        {
            CurrentPupilView = view;
            Append(EntryKind.PupilVoice, actor, nowUtc, whatWasSaid?.Trim() ?? "", before)
                .With(pupilView: view, detail: fromParent ? "parent" : "pupil");
        });
    }

    public void RecordParentContact(Actor actor, DateTime nowUtc, string summary, DateTime? occurredAtUtc = null) =>
        Act(CaseTrigger.RecordParentContact, actor, nowUtc, RequireText(summary, "Summarise the contact with the parents."), before =>
            Append(EntryKind.ParentContact, actor, nowUtc, summary.Trim(), before).With(occurredAtUtc: occurredAtUtc));

    /// <summary>Adopts the first plan (or the next version after a reopened case) and moves to Measures.</summary>
    public ActivityPlanVersion AdoptPlan(Actor actor, DateTime nowUtc, PlanDraft draft) =>
        AddPlanVersion(CaseTrigger.AdoptPlan, EntryKind.PlanAdopted, actor, nowUtc, draft);

    /// <summary>A new version of the plan; every earlier version is kept as it was adopted.</summary>
    public ActivityPlanVersion RevisePlan(Actor actor, DateTime nowUtc, PlanDraft draft) =>
        AddPlanVersion(CaseTrigger.RevisePlan, EntryKind.PlanRevised, actor, nowUtc, draft);

    public void RecordMeasureProgress(Actor actor, DateTime nowUtc, Guid measureKey, MeasureStatus status, string? note)
    {
        EnsureMayAttempt(CaseTrigger.RecordMeasureProgress, actor);
        var measure = CurrentPlan?.Measures.FirstOrDefault(m => m.MeasureKey == measureKey)
            ?? throw new CaseRuleViolation(RefusalCode.MeasureNotFound, "The measure is not in the current plan.");
        if (actor.Role == Role.Staff && measure.ResponsibleUserId != actor.UserId)
            throw new CaseRuleViolation(RefusalCode.NotResponsibleForMeasure, "Only the person responsible for the measure, or a leader, can update it.");
        if (measure.Status is MeasureStatus.Done or MeasureStatus.Dropped)
            throw new CaseRuleViolation(RefusalCode.MeasureAlreadyFinished, "The measure is already finished; revise the plan to change it.");
        if (status == MeasureStatus.Dropped && string.IsNullOrWhiteSpace(note))
            throw new CaseRuleViolation(RefusalCode.ReasonRequired, "Give the reason the measure is dropped.");
        Act(CaseTrigger.RecordMeasureProgress, actor, nowUtc, null, before =>
        {
            measure.SetStatus(status, note?.Trim());
            Append(EntryKind.MeasureProgress, actor, nowUtc, string.IsNullOrWhiteSpace(note) ? measure.Description : note.Trim(), before)
                .With(measureKey: measureKey, measureStatus: status, planVersion: CurrentPlan!.Version, detail: measure.Description);
        });
    }

    public void StartEvaluation(Actor actor, DateTime nowUtc) =>
        Act(CaseTrigger.StartEvaluation, actor, nowUtc, null, before =>
            Append(EntryKind.EvaluationStarted, actor, nowUtc, "", before)
                .With(planVersion: CurrentPlan?.Version));

    /// <summary>The evaluation, always with the pupil's own view of whether the environment is now safe and good.</summary>
    public void RecordEvaluation(Actor actor, DateTime nowUtc, PupilView pupilView, string pupilViewText, string assessment)
    {
        if (pupilView == Cases.PupilView.Unknown)
            throw new CaseRuleViolation(RefusalCode.EvaluationMissing, "An evaluation needs the pupil's view: safe or not safe.");
        Act(CaseTrigger.RecordEvaluation, actor, nowUtc, RequireText(assessment, "Write the school's assessment."), before =>
        {
            CurrentPupilView = pupilView;
            MeetDeadlines(DeadlineKind.EvaluatePlan, nowUtc);
            Append(EntryKind.Evaluation, actor, nowUtc, assessment.Trim(), before)
                .With(pupilView: pupilView, detail: pupilViewText?.Trim(), planVersion: CurrentPlan?.Version);
        });
    }

    /// <summary>Closes the case with a documented conclusion. Refused while the pupil says they are not safe.</summary>
    public void Close(Actor actor, DateTime nowUtc, string conclusion)
    {
        // A missing text must reach the guard as blank: a null pending text means "this step takes no text".
        var text = conclusion ?? "";
        Act(CaseTrigger.Close, actor, nowUtc, text, before =>
        {
            ClosedAtUtc = nowUtc;
            foreach (var deadline in _deadlines.Where(d => d.IsOpen)) deadline.Supersede(nowUtc);
            Append(EntryKind.Closed, actor, nowUtc, text.Trim(), before);
        });
    }

    public void Reopen(Actor actor, DateTime nowUtc, string reason)
    {
        var text = reason ?? "";
        Act(CaseTrigger.Reopen, actor, nowUtc, text, before =>
        {
            ClosedAtUtc = null;
            Append(EntryKind.Reopened, actor, nowUtc, text.Trim(), before);
        });
    }

    public void EscalateToSchoolOwner(Actor actor, DateTime nowUtc, string reason) =>
        SetFlag(CaseTrigger.EscalateToSchoolOwner, FlagKind.EscalatedToSchoolOwner, EntryKind.Escalated, actor, nowUtc, reason);

    public void FlagParticularVulnerability(Actor actor, DateTime nowUtc, string reason) =>
        SetFlag(CaseTrigger.FlagParticularVulnerability, FlagKind.ParticularlyVulnerable, EntryKind.ParticularVulnerability, actor, nowUtc, reason);

    public void RecordCountyGovernorCase(Actor actor, DateTime nowUtc, string details) =>
        SetFlag(CaseTrigger.RecordCountyGovernorCase, FlagKind.TakenToCountyGovernor, EntryKind.CountyGovernorCase, actor, nowUtc, details);

    public void RecordCountyGovernorDecision(Actor actor, DateTime nowUtc, string decision, DateTime? decidedAtUtc = null) =>
        Act(CaseTrigger.RecordCountyGovernorDecision, actor, nowUtc, RequireText(decision, "Write the county governor's decision."), before =>
            Append(EntryKind.CountyGovernorDecision, actor, nowUtc, decision.Trim(), before).With(occurredAtUtc: decidedAtUtc));

    public void AddComment(Actor actor, DateTime nowUtc, string comment) =>
        Act(CaseTrigger.AddComment, actor, nowUtc, RequireText(comment, "Write the comment."), before =>
            Append(EntryKind.Comment, actor, nowUtc, comment.Trim(), before));

    /// <summary>A correction is a new entry pointing at the entry it corrects; the original stays.</summary>
    public void CorrectEntry(Actor actor, DateTime nowUtc, Guid entryId, string correction)
    {
        EnsureMayAttempt(CaseTrigger.CorrectEntry, actor);
        var original = _entries.FirstOrDefault(e => e.Id == entryId)
            ?? throw new CaseRuleViolation(RefusalCode.EntryNotFound, "The entry to correct is not in this case.");
        if (actor.Role == Role.Staff && original.ActorUserId != actor.UserId)
            throw new CaseRuleViolation(RefusalCode.OnlyOwnEntries, "Staff can only correct their own entries.");
        Act(CaseTrigger.CorrectEntry, actor, nowUtc, RequireText(correction, "Write the correction."), before =>
            Append(EntryKind.Correction, actor, nowUtc, correction.Trim(), before).With(correctsEntryId: original.Id));
    }

    /// <summary>
    /// Records that a document about the case was generated, with the SHA-256 of its bytes, so a copy handed
    /// out or filed can later be matched to the case history. Recorded in every state, closed cases included.
    /// </summary>
    public void RecordDocument(Actor actor, DateTime nowUtc, string documentKind, string fileName, string sha256, int? planVersion)
    {
        EnsureMayAttempt(CaseTrigger.RecordDocument, actor);
        if (string.IsNullOrWhiteSpace(documentKind))
            throw new CaseRuleViolation(RefusalCode.ReasonRequired, "Say which kind of document was generated.");
        if (sha256 is null || sha256.Length != 64 || !sha256.All(Uri.IsHexDigit))
            throw new ArgumentException("The content hash must be a SHA-256 in 64 hexadecimal digits.", nameof(sha256));
        if (planVersion is { } version && _plans.All(p => p.Version != version))
            throw new CaseRuleViolation(RefusalCode.PlanVersionNotFound, $"The case has no plan version {version}.");
        Act(CaseTrigger.RecordDocument, actor, nowUtc, RequireText(fileName, "Give the document's file name."), before =>
            Append(EntryKind.DocumentGenerated, actor, nowUtc, fileName.Trim(), before)
                .With(detail: "sha256:" + sha256.ToLowerInvariant(), planVersion: planVersion));
    }

    /// <summary>What this user may do with the case now: the table's permitted triggers for their role.</summary>
    public IReadOnlyList<CaseTrigger> PermittedTriggers(Actor actor)
    {
        if (actor.Role == Role.Principal && LeadershipSuspected) return Array.Empty<CaseTrigger>();
        return Machine.PermittedTriggers
            .Where(t => CaseWorkflow.RoleMayFire(actor.Role, t))
            .Where(t => t != CaseTrigger.RecordMeasureProgress || actor.Role != Role.Staff
                || CurrentPlan?.Measures.Any(m => m.ResponsibleUserId == actor.UserId && m.Status is MeasureStatus.Planned or MeasureStatus.UnderWay) == true)
            .Where(t => t != CaseTrigger.RecordMeasureProgress
                || CurrentPlan?.Measures.Any(m => m.Status is MeasureStatus.Planned or MeasureStatus.UnderWay) == true)
            .ToList();
    }

    /// <summary>
    /// True when every change since <paramref name="revision"/> was a generated document: a download
    /// does not change what a user sees of the case, so it must not make their next step a conflict.
    /// Every intent method appends at least one entry and RecordDocument exactly one, so the last
    /// (Revision − revision) entries are all documents exactly when the last changes were.
    /// </summary>
    public bool OnlyDocumentsRecordedSince(int revision)
    {
        var changes = Revision - revision;
        if (changes < 0 || changes > _entries.Count) return false;
        return _entries.OrderBy(e => e.Sequence).TakeLast(changes).All(e => e.Kind == EntryKind.DocumentGenerated);
    }

    public IReadOnlyList<Deadline> OverdueDeadlines(DateTime nowUtc) => _deadlines.Where(d => d.IsOverdue(nowUtc)).OrderBy(d => d.DueUtc).ToList();

    public bool HasFlag(FlagKind kind) => _flags.Any(f => f.Kind == kind);

    bool ICaseFacts.PupilFeelsUnsafe => CurrentPupilView == Cases.PupilView.NotSafe;
    bool ICaseFacts.MeasuresRequired => MeasuresRequired;
    bool ICaseFacts.PupilHeard => CurrentPupilView != Cases.PupilView.Unknown;
    bool ICaseFacts.PendingPlanIsComplete => _pendingPlan is null || _pendingPlan.MissingParts().Count == 0;
    bool ICaseFacts.PendingTextGiven => _pendingText is null || !string.IsNullOrWhiteSpace(_pendingText);
    bool ICaseFacts.EvaluationRecordedSinceStart => LatestEvaluationSinceStart() is not null;
    bool ICaseFacts.LatestEvaluationSaysSafe => LatestEvaluationSinceStart()?.PupilView == Cases.PupilView.Safe;

    private CaseEntry? LatestEvaluationSinceStart()
    {
        var started = _entries.Where(e => e.Kind == EntryKind.EvaluationStarted).MaxBy(e => e.Sequence);
        if (started is null) return null;
        return _entries.Where(e => e.Kind == EntryKind.Evaluation && e.Sequence > started.Sequence).MaxBy(e => e.Sequence);
    }

    private ActivityPlanVersion AddPlanVersion(CaseTrigger trigger, EntryKind kind, Actor actor, DateTime nowUtc, PlanDraft draft)
    {
        // The guard reads a null draft as "no plan in this step" and would let the state change.
        ArgumentNullException.ThrowIfNull(draft);
        ActivityPlanVersion? plan = null;
        Act(trigger, actor, nowUtc, null, before =>
        {
            var previous = CurrentPlan;
            plan = new ActivityPlanVersion(Id, (previous?.Version ?? 0) + 1, draft, actor, nowUtc);
            if (previous is not null)
            {
                foreach (var measure in plan.Measures)
                {
                    var earlier = previous.Measures.FirstOrDefault(m => m.MeasureKey == measure.MeasureKey);
                    if (earlier is not null) measure.CarryStatusFrom(earlier);
                }
            }
            _plans.Add(plan);
            foreach (var open in _deadlines.Where(d => d.IsOpen && d.Kind == DeadlineKind.EvaluatePlan)) open.Supersede(nowUtc);
            AddDeadline(DeadlineKind.EvaluatePlan, SchoolCalendar.EndOfOsloDayUtc(plan.EvaluationDate), nowUtc, plan.Version);
            Append(kind, actor, nowUtc, plan.ChangeSummary ?? "", before).With(planVersion: plan.Version);
        }, draft);
        return plan!;
    }

    private void SetFlag(CaseTrigger trigger, FlagKind flag, EntryKind kind, Actor actor, DateTime nowUtc, string reason) =>
        Act(trigger, actor, nowUtc, RequireText(reason, "Give the reason."), before =>
        {
            _flags.Add(new CaseFlag(Id, flag, actor, nowUtc, reason.Trim()));
            Append(kind, actor, nowUtc, reason.Trim(), before);
        });

    /// <summary>
    /// Every step goes through here: the role may fire the trigger, the table permits it in this state
    /// with its guards met (the step's arguments included), then the state changes and entries are written.
    /// </summary>
    private void Act(CaseTrigger trigger, Actor actor, DateTime nowUtc, string? pendingText, Action<CaseState> apply, PlanDraft? pendingPlan = null)
    {
        EnsureRoleMayAct(trigger, actor);

        _pendingText = pendingText;
        _pendingPlan = pendingPlan;
        try
        {
            var refusal = Machine.Refusal(trigger);
            if (refusal is not null) throw ToViolation(refusal);
            var before = State;
            Machine.Fire(trigger);
            apply(before);
        }
        finally
        {
            _pendingText = null;
            _pendingPlan = null;
        }
        Refresh(nowUtc);
    }

    private void EnsureRoleMayAct(CaseTrigger trigger, Actor actor)
    {
        if (!CaseWorkflow.RoleMayFire(actor.Role, trigger))
            throw new CaseRuleViolation(RefusalCode.RoleMayNotAct, $"The role {actor.Role} may not {trigger}.");
        // Whoever learns of it reports it, a principal included; after that the school owner handles the case.
        if (actor.Role == Role.Principal && LeadershipSuspected && !_loggingConcern)
            throw new CaseRuleViolation(RefusalCode.LeadershipSuspectedPrincipalExcluded,
                "School leadership is suspected (§ 12-5 second paragraph): the school owner handles this case.");
    }

    /// <summary>
    /// Role and state are checked before a step's arguments are looked up, so the refusal gives the real
    /// reason and tells someone who may not act nothing about the case's measures or entries.
    /// </summary>
    private void EnsureMayAttempt(CaseTrigger trigger, Actor actor)
    {
        EnsureRoleMayAct(trigger, actor);
        if (Machine.Refusal(trigger) is { NotAllowedInState: true } refusal)
            throw ToViolation(refusal);
    }

    private CaseRuleViolation ToViolation(TransitionRefusal<CaseState, CaseTrigger> refusal)
    {
        if (refusal.NotAllowedInState)
            return new CaseRuleViolation(RefusalCode.NotAllowedInState, $"{refusal.Trigger} is not allowed while the case is {refusal.State}.");
        var code = Enum.Parse<RefusalCode>(refusal.UnmetGuardDescriptions[0]);
        return code switch
        {
            RefusalCode.PlanIncomplete => new CaseRuleViolation(code,
                "The plan lacks parts the law requires: " + string.Join(", ", _pendingPlan!.MissingParts()) + ".",
                _pendingPlan!.MissingParts().Select(p => p.ToString()).ToList()),
            RefusalCode.MeasuresRequired => new CaseRuleViolation(code,
                "The pupil or a parent has said the pupil is not safe: measures are mandatory, so the case cannot be closed without an activity plan."),
            RefusalCode.PupilNotHeard => new CaseRuleViolation(code,
                "The pupil has not been heard: record the pupil's own view before closing."),
            RefusalCode.PupilFeelsUnsafe => new CaseRuleViolation(code,
                "The pupil says they do not feel safe: the school must put in measures before the case can be closed."),
            RefusalCode.EvaluationMissing => new CaseRuleViolation(code, "Record an evaluation with the pupil's view first."),
            RefusalCode.EvaluationSaysNotSafe => new CaseRuleViolation(code,
                "The latest evaluation says the pupil is not safe: revise the plan instead of closing."),
            RefusalCode.ConclusionRequired => new CaseRuleViolation(code, "Document the conclusion before closing."),
            RefusalCode.ReasonRequired => new CaseRuleViolation(code, "Give the reason."),
            RefusalCode.AlreadyFlagged => new CaseRuleViolation(code, "The case is already flagged so."),
            RefusalCode.NotTakenToCountyGovernor => new CaseRuleViolation(code, "Record that the case was taken to the county governor first."),
            _ => new CaseRuleViolation(code, $"{refusal.Trigger} is refused: {code}."),
        };
    }

    private static string RequireText(string? text, string message) =>
        string.IsNullOrWhiteSpace(text) ? throw new CaseRuleViolation(RefusalCode.ReasonRequired, message) : text;

    private CaseEntry Append(EntryKind kind, Actor actor, DateTime nowUtc, string text, CaseState before)
    {
        var entry = new CaseEntry(Id, _entries.Count + 1, kind, actor, nowUtc, text, before, State);
        _entries.Add(entry);
        return entry;
    }

    private void AddDeadline(DeadlineKind kind, DateTime dueUtc, DateTime nowUtc, int? planVersion = null) =>
        _deadlines.Add(new Deadline(Id, kind, dueUtc, nowUtc, planVersion));

    private void MeetDeadlines(DeadlineKind kind, DateTime nowUtc)
    {
        foreach (var deadline in _deadlines.Where(d => d.IsOpen && d.Kind == kind)) deadline.Meet(nowUtc);
    }

    private void Refresh(DateTime nowUtc)
    {
        Revision++;
        UpdatedAtUtc = nowUtc;
        NextDeadlineUtc = _deadlines.Where(d => d.IsOpen).Select(d => (DateTime?)d.DueUtc).Min();
    }
}
