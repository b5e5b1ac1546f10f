using Aktivitetsplikt.Domain.Deadlines;
using Stateless;

namespace Aktivitetsplikt.Domain.Cases;

using Engine = StateMachine<CaseState, CaseTrigger>;

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
    bool LeadershipSuspected,
    DateOnly? RaisedWithPrincipalOn = null);

/// <summary>
/// A pupil's school-environment case (sak): the aggregate that owns its workflow. The state is an
/// EF-mapped property that the case's private Stateless machine reads and writes; only intent methods
/// change the case. Every intent method appends entries to the timeline; nothing is overwritten or removed.
/// </summary>
public sealed class Case : ICaseFacts
{
    private readonly List<CaseEntry> _entries = [];
    private readonly List<ActivityPlanVersion> _plans = [];
    private readonly List<CaseFlag> _flags = [];
    private readonly List<Deadline> _deadlines = [];
    private readonly List<CaseAttachment> _attachments = [];
    private readonly List<MeetingRecord> _meetings = [];
    private CaseMachine? _machine;

    private Case() { }

    public Guid Id { get; private set; }
    public string CaseNumber { get; private set; } = "";
    public Guid SchoolId { get; private set; }
    /// <summary>The pupil the case is about; null until the principal identifies the pupil of a "si fra" message.</summary>
    public Guid? PupilId { get; private set; }
    /// <summary>Set when the case came through "si fra": who wrote, and what they said about feeling safe.</summary>
    public SiFraOrigin? SiFraOrigin { get; private set; }
    public CaseState State { get; private set; }
    /// <summary>Optimistic concurrency token: increases with every change.</summary>
    public int Revision { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime UpdatedAtUtc { get; private set; }
    public Guid ReportedByUserId { get; private set; }
    public PupilView CurrentPupilView { get; private set; }
    /// <summary>The earliest open deadline, kept on the case so lists can sort and filter by it.</summary>
    public DateTime? NextDeadlineUtc { get; private set; }
    /// <summary>
    /// The case's place in the lists' work order, stored so that a list sorts by an index instead of a CASE expression:
    /// new concerns first (<see cref="WorkRankOf"/>), then the later steps, closed cases last. Kept by the one place that
    /// changes a case (every intent method ends in <c>Refresh</c>).
    /// </summary>
    public int WorkRank { get; private set; }
    /// <summary>
    /// <see cref="NextDeadlineUtc"/>, or <see cref="NoDeadline"/> when there is none: the lists sort by it ascending with the
    /// cases without a deadline last, which a nullable column does not do the same way on every database.
    /// </summary>
    public DateTime DueOrderUtc { get; private set; } = NoDeadline;
    public DateTime? ClosedAtUtc { get; private set; }
    /// <summary>Set when the case ended because the pupil left the school; kept if the case is reopened.</summary>
    public PupilDeparture? Departure { get; private set; }

    public IReadOnlyList<CaseEntry> Entries => _entries.OrderBy(e => e.Sequence).ToList();
    public IReadOnlyList<ActivityPlanVersion> Plans => _plans.OrderBy(p => p.Version).ToList();
    public IReadOnlyList<CaseFlag> Flags => _flags;
    public IReadOnlyList<Deadline> Deadlines => _deadlines;
    public IReadOnlyList<CaseAttachment> Attachments => _attachments;
    public IReadOnlyList<MeetingRecord> Meetings => _meetings;

    public ActivityPlanVersion? CurrentPlan => _plans.MaxBy(p => p.Version);
    public bool EmployeeSuspected => HasFlag(FlagKind.EmployeeSuspected);
    public bool LeadershipSuspected => HasFlag(FlagKind.LeadershipSuspected);
    /// <summary>
    /// Measures are mandatory (§ 12-4 andre ledd) once the pupil has said "not safe" — a later "safe" does not
    /// undo that within the same investigation — or when the school's own investigation concludes the pupil
    /// does not have a safe and good environment. A reopened case starts afresh.
    /// </summary>
    public bool MeasuresRequired => MeasuresRequiredBecause.Count > 0;

    /// <summary>Why measures are mandatory, in the law's order: the pupil's own statement, then the investigation's conclusion.</summary>
    public IReadOnlyList<MeasuresGround> MeasuresRequiredBecause =>
    [
        .. PupilSaidNotSafeSinceStart ? [MeasuresGround.PupilSaidNotSafe] : Array.Empty<MeasuresGround>(),
        .. InvestigationConcludesNotSafe ? [MeasuresGround.InvestigationConcludedNotSafe] : Array.Empty<MeasuresGround>(),
    ];

    /// <summary>
    /// The earliest date the pupil or the parents raised the case with the principal. The county governor
    /// takes a case once it has been raised with the principal and at least a week has passed (§ 12-6).
    /// </summary>
    public DateOnly? RaisedWithPrincipalOn => _entries.Where(e => e.RaisedWithPrincipalOn is not null).Min(e => e.RaisedWithPrincipalOn);

    /// <summary>The first day the county governor can take the case: a week after it was raised with the principal.</summary>
    public DateOnly? CountyGovernorMayTakeFrom => RaisedWithPrincipalOn?.AddDays(7);

    private int StartedAt => _entries.Where(e => e.Kind == EntryKind.Reopened).Select(e => e.Sequence).DefaultIfEmpty(0).Max();

    private IEnumerable<CaseEntry> SinceStart => _entries.Where(e => e.Sequence > StartedAt);

    private bool PupilSaidNotSafeSinceStart =>
        SinceStart.Any(e => e.PupilView == Cases.PupilView.NotSafe && VoiceSources.Of(e) == VoiceSource.Pupil);

    private CaseEntry? LatestConclusion => SinceStart.Where(e => e.Conclusion is not null).MaxBy(e => e.Sequence);

    private bool InvestigationConcludesNotSafe => LatestConclusion?.Conclusion == EnvironmentConclusion.NotSafeAndGood;

    // Built on first use: cases loaded only to be read never configure a machine.
    private CaseMachine Machine => _machine ??= new CaseMachine(() => State, state => State = state, this);

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
            .With(occurredAtUtc: report.OccurredAtUtc, location: report.Location, raisedWithPrincipalOn: report.RaisedWithPrincipalOn);

        if (report.EmployeeSuspected)
        {
            // The concern entry says what happened; the flag's kind says what it means. No prose of the system's own.
            @case._flags.Add(new CaseFlag(@case.Id, FlagKind.EmployeeSuspected, actor, nowUtc, ""));
            if (report.LeadershipSuspected)
                @case._flags.Add(new CaseFlag(@case.Id, FlagKind.LeadershipSuspected, actor, nowUtc, ""));
        }

        if (report.PupilSaysNotSafe)
            @case.AddPupilVoice(actor, nowUtc, Cases.PupilView.NotSafe, null, VoiceSource.Pupil);

        if (!string.IsNullOrWhiteSpace(report.Intervention))
            @case.RecordIntervention(actor, nowUtc, report.Intervention, report.OccurredAtUtc);

        if (report.EmployeeSuspected || report.NotifyPrincipalNow || actor.Role == Role.Principal)
            @case.NotifyPrincipal(actor, nowUtc, policy, calendar);
        else
            @case.AddDeadline(DeadlineKind.NotifyPrincipal, SchoolCalendar.EndOfOsloDayUtc(SchoolCalendar.OsloDate(nowUtc)), nowUtc);

        @case.Refresh(nowUtc);
        return @case;
    }

    /// <summary>
    /// A "si fra" message lands as a concern at the school and the principal is notified at once (the message goes to
    /// the school, not to a member of staff who could sit on it). A pupil's own "I don't feel safe" is the pupil's
    /// statement (§ 12-4 andre ledd), marked self-reported; a parent's is the parent's report, which the investigation
    /// must settle. Any other answer stays on the case's origin: a sender who feels safe may be writing about someone else.
    /// </summary>
    public static Case ReceiveSiFra(SiFraMessage message, string caseNumber, DateTime nowUtc, DeadlinePolicy policy, SchoolCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (string.IsNullOrWhiteSpace(message.WhatHappened))
            throw new CaseRuleViolation(RefusalCode.ReasonRequired, "Describe what happened.");
        var actor = SiFraChannel.Actor;
        var @case = new Case
        {
            Id = Guid.NewGuid(),
            CaseNumber = caseNumber,
            SchoolId = message.SchoolId,
            PupilId = message.PupilId,
            State = CaseState.FollowingUp,
            CreatedAtUtc = nowUtc,
            UpdatedAtUtc = nowUtc,
            ReportedByUserId = actor.UserId,
            CurrentPupilView = Cases.PupilView.Unknown,
            SiFraOrigin = new SiFraOrigin(message),
        };
        @case.Append(EntryKind.ConcernLogged, actor, nowUtc, message.WhatHappened.Trim(), CaseState.FollowingUp)
            .With(occurredAtUtc: message.OccurredAtUtc is { } at && at < nowUtc ? at : null, location: message.Location);
        if (message.FeelsSafe == SiFraFeelsSafe.No && message.Sender is SiFraSender.Pupil or SiFraSender.Parent)
        {
            var source = message.Sender == SiFraSender.Pupil ? VoiceSource.Pupil : VoiceSource.Parent;
            @case.AddPupilVoice(actor, nowUtc, Cases.PupilView.NotSafe, null, source, selfReported: source == VoiceSource.Pupil);
        }
        @case.NotifyPrincipal(actor, nowUtc, policy, calendar);
        return @case;
    }

    /// <summary>More from the sender of a "si fra" message, through their receipt: a new entry, in any state (a comment to the table).</summary>
    public void AddSiFraInformation(DateTime nowUtc, string text)
    {
        if (SiFraOrigin is null) throw new CaseRuleViolation(RefusalCode.RoleMayNotAct, "Only a case that came through si fra takes more from its sender.");
        RequireText(text, "Write what you want to add.");
        Act(CaseTrigger.AddComment, SiFraChannel.Actor, nowUtc, before =>
            Append(EntryKind.SiFraInformation, SiFraChannel.Actor, nowUtc, text.Trim(), before));
    }

    /// <summary>
    /// The principal identifies the pupil of a case that came in without one (a "si fra" message): once, a pupil of the
    /// case's school, recorded with who and how. From then on it is the pupil's case: its family, lists and documents.
    /// What the message said about feeling safe stays as it was recorded (a self-reported "not safe" was the sender's own).
    /// </summary>
    public void IdentifyPupil(Actor actor, DateTime nowUtc, Guid pupilId, Guid pupilSchoolId, string pupilLabel, string how)
    {
        EnsurePermitted(CaseTrigger.IdentifyPupil, actor);
        if (pupilId == Guid.Empty || pupilSchoolId != SchoolId)
            throw new CaseRuleViolation(RefusalCode.PupilNotAtSchool, "The pupil is not a pupil of the case's school.");
        RequireText(how, "Say how the pupil was identified.");
        Act(CaseTrigger.IdentifyPupil, actor, nowUtc, before =>
        {
            PupilId = pupilId;
            Append(EntryKind.PupilIdentified, actor, nowUtc, how.Trim(), before).With(detail: pupilLabel.Trim());
        });
    }

    /// <summary>
    /// A guardian gives the parents' view and/or the pupil's view as the parent tells it. The parent's account of the pupil
    /// is recorded as a voice entry with source Parent, never as the pupil's own statement (§ 12-4 andre ledd names the
    /// pupil's): a "not safe" from it is knowledge the investigation must settle, as a parent's report always is.
    /// </summary>
    public void GiveFamilyView(Actor guardian, DateTime nowUtc, FamilyViewReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (guardian.Role != Role.Guardian)
            throw new CaseRuleViolation(RefusalCode.RoleMayNotAct, "Only a guardian gives the parents' view; the pupil gives their own.");
        if (string.IsNullOrWhiteSpace(report.ParentsView) && string.IsNullOrWhiteSpace(report.PupilViewAsTold))
            throw new CaseRuleViolation(RefusalCode.ReasonRequired, "Write the parents' view, the pupil's view as you know it, or both.");
        Act(CaseTrigger.GiveFamilyView, guardian, nowUtc, before =>
        {
            if (!string.IsNullOrWhiteSpace(report.ParentsView))
                Append(EntryKind.FamilyView, guardian, nowUtc, report.ParentsView.Trim(), before);
            if (!string.IsNullOrWhiteSpace(report.PupilViewAsTold))
                Append(EntryKind.PupilVoice, guardian, nowUtc, report.PupilViewAsTold.Trim(), before)
                    .With(pupilView: report.PupilFeels == Cases.PupilView.Unknown ? null : report.PupilFeels, detail: VoiceSources.Code(VoiceSource.Parent));
        });
    }

    /// <summary>
    /// The pupil, signed in with Feide, gives their own view of their case: the pupil's own statement (§ 12-4), recorded as a
    /// voice entry with source Pupil, self-reported (<see cref="VoiceSources.SelfReported"/>), as a pupil's own "I don't feel
    /// safe" through si fra is (ADR 016). A "not safe" sets the pupil's view and makes measures mandatory. A "safe" is
    /// recorded with the entry but does not set the pupil's view: that the pupil is safe now is for the school to hear and
    /// evaluate with the pupil, as si fra keeps only the "not safe" answer as a statement.
    /// </summary>
    public void GivePupilsOwnView(Actor pupil, DateTime nowUtc, string view, PupilView feels)
    {
        if (pupil.Role != Role.Pupil)
            throw new CaseRuleViolation(RefusalCode.RoleMayNotAct, "Only the pupil gives the pupil's own view here.");
        RequireText(view, "Write what you want to say.");
        Act(CaseTrigger.GiveFamilyView, pupil, nowUtc, before =>
        {
            if (feels == Cases.PupilView.NotSafe) CurrentPupilView = feels;
            Append(EntryKind.PupilVoice, pupil, nowUtc, view.Trim(), before)
                .With(pupilView: feels == Cases.PupilView.Unknown ? null : feels, detail: VoiceSources.SelfReported);
        });
    }

    /// <summary>A guardian asks the school for a meeting: why, and perhaps when suits them.</summary>
    public void RequestMeeting(Actor guardian, DateTime nowUtc, string why, string? whenSuits)
    {
        RequireText(why, "Say what you want to talk about.");
        Act(CaseTrigger.RequestMeeting, guardian, nowUtc, before =>
            Append(EntryKind.MeetingRequested, guardian, nowUtc, why.Trim(), before)
                .With(detail: string.IsNullOrWhiteSpace(whenSuits) ? null : whenSuits.Trim()));
    }

    /// <summary>A guardian says they disagree with the plan in force: with what, and why. Recorded against the plan's version.</summary>
    public void DisagreeWithPlan(Actor guardian, DateTime nowUtc, string withWhat, string why)
    {
        EnsurePermitted(CaseTrigger.DisagreeWithPlan, guardian);
        RequireText(withWhat, "Say what in the plan you disagree with.");
        RequireText(why, "Say why.");
        Act(CaseTrigger.DisagreeWithPlan, guardian, nowUtc, before =>
            Append(EntryKind.PlanDisagreement, guardian, nowUtc, why.Trim(), before)
                .With(detail: withWhat.Trim(), planVersion: CurrentPlan?.Version));
    }

    public void RecordIntervention(Actor actor, DateTime nowUtc, string howIntervened, DateTime? occurredAtUtc = null)
    {
        RequireText(howIntervened, "Describe how you intervened.");
        Act(CaseTrigger.RecordIntervention, actor, nowUtc, before =>
            Append(EntryKind.Intervention, actor, nowUtc, howIntervened.Trim(), before).With(occurredAtUtc: occurredAtUtc));
    }

    public void NotifyPrincipal(Actor actor, DateTime nowUtc, DeadlinePolicy policy, SchoolCalendar calendar, string? note = null) =>
        Act(CaseTrigger.NotifyPrincipal, actor, nowUtc, before =>
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
                var (due, shifted) = policy.DaysFrom(nowUtc, policy.InvestigationStartSchoolDays, calendar);
                AddDeadline(DeadlineKind.StartInvestigation, due, nowUtc, shiftedByHolidays: shifted);
            }
        });

    /// <summary>
    /// § 12-5 (formerly § 9 A-5) when the suspicion comes after the concern was logged: the case is
    /// flagged, the school owner is notified at once — and the principal, unless school leadership is
    /// suspected. The law's "straks" is the report; an investigation not yet started gets the school owner's
    /// short routine deadline (hours).
    /// </summary>
    public void ReportEmployeeSuspicion(Actor actor, DateTime nowUtc, string whatIsSuspected, bool leadershipSuspected, DeadlinePolicy policy)
    {
        RequireText(whatIsSuspected, "Describe what the employee is suspected of.");
        Act(CaseTrigger.ReportEmployeeSuspicion, actor, nowUtc, before =>
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
    }

    /// <summary>
    /// Starts the investigation; the school owner's routine then gives a deadline for a fixed activity plan
    /// (routine, not law: the law says "snarast").
    /// </summary>
    public void StartInvestigation(Actor actor, DateTime nowUtc, string? howToInvestigate, DeadlinePolicy? policy = null, SchoolCalendar? calendar = null) =>
        Act(CaseTrigger.StartInvestigation, actor, nowUtc, before =>
        {
            MeetDeadlines(DeadlineKind.StartInvestigation, nowUtc);
            var routine = policy ?? DeadlinePolicy.Default;
            var (due, shifted) = routine.DaysFrom(nowUtc, routine.PlanAdoptionSchoolDays, calendar ?? SchoolCalendar.WeekdaysOnly);
            AddDeadline(DeadlineKind.AdoptPlan, due, nowUtc, shiftedByHolidays: shifted);
            Append(EntryKind.InvestigationStarted, actor, nowUtc,
                howToInvestigate?.Trim() ?? "", before);
        });

    /// <summary>
    /// A finding of the investigation, optionally with what the school concludes about the pupil's environment:
    /// "not safe and good" makes measures mandatory (the objective prong); "safe and good" settles what a parent
    /// or member of staff reported, but never what the pupil says.
    /// </summary>
    public void RecordFinding(Actor actor, DateTime nowUtc, string finding, DateTime? occurredAtUtc = null, EnvironmentConclusion? conclusion = null)
    {
        RequireText(finding, "Describe the finding.");
        Act(CaseTrigger.RecordFinding, actor, nowUtc, before =>
            Append(EntryKind.Finding, actor, nowUtc, finding.Trim(), before).With(occurredAtUtc: occurredAtUtc, conclusion: conclusion));
    }

    /// <summary>
    /// How the pupil has it, and who said so. The pupil's own "not safe" makes measures mandatory; a parent's or a
    /// member of staff's is knowledge the investigation must settle. Only the pupil's own words set the pupil's view.
    /// </summary>
    public void RecordPupilVoice(Actor actor, DateTime nowUtc, PupilView view, string whatWasSaid, VoiceSource source)
    {
        RequireText(whatWasSaid, "Write what was said or seen.");
        AddPupilVoice(actor, nowUtc, view, whatWasSaid, source);
    }

    /// <summary>Null text only from the concern form, whose own entry already says what happened.</summary>
    private void AddPupilVoice(Actor actor, DateTime nowUtc, PupilView view, string? whatWasSaid, VoiceSource source, bool selfReported = false)
    {
        if (view == Cases.PupilView.Unknown)
            throw new CaseRuleViolation(RefusalCode.ReasonRequired, "Say whether the pupil feels safe or not.");
        Act(CaseTrigger.RecordPupilVoice, actor, nowUtc, before =>
        {
            if (source == VoiceSource.Pupil) CurrentPupilView = view;
            Append(EntryKind.PupilVoice, actor, nowUtc, whatWasSaid?.Trim() ?? "", before)
                .With(pupilView: view, detail: selfReported ? VoiceSources.SelfReported : VoiceSources.Code(source));
        });
    }

    /// <summary>A contact with the parents; when they raised the case with the principal, that date is recorded (§ 12-6).</summary>
    public void RecordParentContact(Actor actor, DateTime nowUtc, string summary, DateTime? occurredAtUtc = null, DateOnly? raisedWithPrincipalOn = null)
    {
        RequireText(summary, "Summarise the contact with the parents.");
        Act(CaseTrigger.RecordParentContact, actor, nowUtc, before =>
            Append(EntryKind.ParentContact, actor, nowUtc, summary.Trim(), before)
                .With(occurredAtUtc: occurredAtUtc, raisedWithPrincipalOn: raisedWithPrincipalOn));
    }

    /// <summary>Adopts the first plan (or the next version after a reopened case) and moves to Measures.</summary>
    public ActivityPlanVersion AdoptPlan(Actor actor, DateTime nowUtc, PlanDraft draft) =>
        AddPlanVersion(Machine.AdoptPlan, EntryKind.PlanAdopted, actor, nowUtc, draft);

    /// <summary>A new version of the plan; every earlier version is kept as it was adopted.</summary>
    public ActivityPlanVersion RevisePlan(Actor actor, DateTime nowUtc, PlanDraft draft) =>
        AddPlanVersion(Machine.RevisePlan, EntryKind.PlanRevised, actor, nowUtc, draft);

    /// <summary>Staff update the measures they are responsible for; leaders any. The table's guards say which, in order.</summary>
    public void RecordMeasureProgress(Actor actor, DateTime nowUtc, Guid measureKey, MeasureStatus status, string? note) =>
        Act(Machine.RecordMeasureProgress, new MeasureUpdate(actor, measureKey, status, note), actor, nowUtc, before =>
        {
            var measure = CurrentPlan!.Measures.Single(m => m.MeasureKey == measureKey);
            measure.SetStatus(status, note?.Trim());
            Append(EntryKind.MeasureProgress, actor, nowUtc, string.IsNullOrWhiteSpace(note) ? measure.Description : note.Trim(), before)
                .With(measureKey: measureKey, measureStatus: status, planVersion: CurrentPlan!.Version, detail: measure.Description);
        });

    public void StartEvaluation(Actor actor, DateTime nowUtc) =>
        Act(CaseTrigger.StartEvaluation, actor, nowUtc, before =>
            Append(EntryKind.EvaluationStarted, actor, nowUtc, "", before)
                .With(planVersion: CurrentPlan?.Version));

    /// <summary>
    /// The evaluation, always with the pupil's own view of whether the environment is now safe and good; with the
    /// parents' view, and the school's assessment of each measure of the current plan (one entry per measure).
    /// </summary>
    public void RecordEvaluation(Actor actor, DateTime nowUtc, PupilView pupilView, string pupilViewText, string assessment,
        string? parentsView = null, IReadOnlyList<MeasureAssessment>? measures = null)
    {
        if (pupilView == Cases.PupilView.Unknown)
            throw new CaseRuleViolation(RefusalCode.EvaluationMissing, "An evaluation needs the pupil's view: safe or not safe.");
        RequireText(assessment, "Write the school's assessment.");
        EnsurePermitted(CaseTrigger.RecordEvaluation, actor);
        var assessed = (measures ?? []).Where(m => !string.IsNullOrWhiteSpace(m.Assessment)).ToList();
        if (assessed.Any(m => CurrentPlan?.Measures.Any(p => p.MeasureKey == m.MeasureKey) != true))
            throw new CaseRuleViolation(RefusalCode.MeasureNotFound, "An assessed measure is not in the current plan.");
        Act(CaseTrigger.RecordEvaluation, actor, nowUtc, before =>
        {
            CurrentPupilView = pupilView;
            MeetDeadlines(DeadlineKind.EvaluatePlan, nowUtc);
            Append(EntryKind.Evaluation, actor, nowUtc, assessment.Trim(), before)
                .With(pupilView: pupilView, detail: pupilViewText?.Trim(), planVersion: CurrentPlan?.Version,
                    parentsView: string.IsNullOrWhiteSpace(parentsView) ? null : parentsView.Trim());
            foreach (var measure in CurrentPlan!.Measures)
            {
                if (assessed.FirstOrDefault(m => m.MeasureKey == measure.MeasureKey) is not { } one) continue;
                Append(EntryKind.MeasureEvaluated, actor, nowUtc, one.Assessment.Trim(), State)
                    .With(measureKey: measure.MeasureKey, planVersion: CurrentPlan.Version, detail: measure.Description, measureStatus: measure.Status);
            }
        });
    }

    /// <summary>
    /// Another directly affected pupil is heard (§ 12-4 with §§ 10-1 and 10-2). The entry names another child, so
    /// the family's copies mask it.
    /// </summary>
    public void HearOtherPupil(Actor actor, DateTime nowUtc, string otherPupil, string whatWasSaid)
    {
        RequireText(otherPupil, "Say which pupil was heard.");
        RequireText(whatWasSaid, "Write what the pupil said.");
        Act(CaseTrigger.HearOtherPupil, actor, nowUtc, before =>
            Append(EntryKind.OtherPupilHeard, actor, nowUtc, whatWasSaid.Trim(), before).With(detail: otherPupil.Trim()));
    }

    /// <summary>Closes the case with a documented conclusion. Refused while the pupil says they are not safe.</summary>
    public void Close(Actor actor, DateTime nowUtc, string conclusion)
    {
        // To the guards a null conclusion means "not known yet" (what may a person do?); a step taken without one is blank.
        var text = conclusion ?? "";
        Act(Machine.Close, text, actor, nowUtc, before =>
        {
            ClosedAtUtc = nowUtc;
            foreach (var deadline in _deadlines.Where(d => d.IsOpen)) deadline.Supersede(nowUtc);
            Append(EntryKind.Closed, actor, nowUtc, text.Trim(), before);
        });
    }

    /// <summary>
    /// The one lawful way a case ends while the pupil may still not be safe: the pupil has left the school.
    /// Recorded with the date, the new school and the hand-over (required when it has the same school owner),
    /// who decided and why; the § 9A team is told.
    /// </summary>
    public void CloseAsPupilLeftSchool(Actor actor, DateTime nowUtc, PupilDepartureReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        Act(Machine.CloseAsPupilLeftSchool, report, actor, nowUtc, before =>
        {
            ClosedAtUtc = nowUtc;
            Departure = new PupilDeparture(report, actor, nowUtc);
            foreach (var deadline in _deadlines.Where(d => d.IsOpen)) deadline.Supersede(nowUtc);
            Append(EntryKind.PupilLeftSchool, actor, nowUtc, report.Reason.Trim(), before)
                .With(occurredAtUtc: SchoolCalendar.StartOfOsloDayUtc(report.LeftOn!.Value) is var left && left < nowUtc ? left : null,
                    detail: report.NewSchool.Trim());
        });
    }

    public void Reopen(Actor actor, DateTime nowUtc, string reason)
    {
        var text = reason ?? "";
        Act(Machine.Reopen, text, actor, nowUtc, before =>
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

    public void RecordCountyGovernorDecision(Actor actor, DateTime nowUtc, string decision, DateTime? decidedAtUtc = null)
    {
        RequireText(decision, "Write the county governor's decision.");
        Act(CaseTrigger.RecordCountyGovernorDecision, actor, nowUtc, before =>
            Append(EntryKind.CountyGovernorDecision, actor, nowUtc, decision.Trim(), before).With(occurredAtUtc: decidedAtUtc));
    }

    public void AddComment(Actor actor, DateTime nowUtc, string comment)
    {
        RequireText(comment, "Write the comment.");
        Act(CaseTrigger.AddComment, actor, nowUtc, before =>
            Append(EntryKind.Comment, actor, nowUtc, comment.Trim(), before));
    }

    /// <summary>
    /// A necessity record about this case's pupil is linked to the case: an entry on the timeline saying so (who, when, which
    /// record), taken as a comment is (anyone with a part in the case, in every state), since it changes nothing else.
    /// </summary>
    public void LinkNecessityRecord(Actor actor, DateTime nowUtc, Guid recordId, string summary)
    {
        RequireText(summary, "Say which record is linked.");
        Act(CaseTrigger.AddComment, actor, nowUtc, before =>
            Append(EntryKind.NecessityRecordLinked, actor, nowUtc, summary.Trim(), before).With(detail: "necessity:" + recordId));
    }

    /// <summary>A correction is a new entry pointing at the entry it corrects; the original stays.</summary>
    public void CorrectEntry(Actor actor, DateTime nowUtc, Guid entryId, string correction)
    {
        EnsurePermitted(CaseTrigger.CorrectEntry, actor);
        var original = _entries.FirstOrDefault(e => e.Id == entryId)
            ?? throw new CaseRuleViolation(RefusalCode.EntryNotFound, "The entry to correct is not in this case.");
        if (actor.Role == Role.Staff && original.ActorUserId != actor.UserId)
            throw new CaseRuleViolation(RefusalCode.OnlyOwnEntries, "Staff can only correct their own entries.");
        RequireText(correction, "Write the correction.");
        Act(CaseTrigger.CorrectEntry, actor, nowUtc, before =>
            Append(EntryKind.Correction, actor, nowUtc, correction.Trim(), before).With(correctsEntryId: original.Id));
    }

    /// <summary>
    /// Records that a document about the case was generated, with the SHA-256 of its bytes, so a copy handed
    /// out or filed can later be matched to the case history. Recorded in every state, closed cases included.
    /// </summary>
    public void RecordDocument(Actor actor, DateTime nowUtc, string documentKind, string fileName, string sha256, int? planVersion)
    {
        EnsurePermitted(CaseTrigger.RecordDocument, actor);
        if (string.IsNullOrWhiteSpace(documentKind))
            throw new CaseRuleViolation(RefusalCode.ReasonRequired, "Say which kind of document was generated.");
        if (sha256 is null || sha256.Length != 64 || !sha256.All(Uri.IsHexDigit))
            throw new ArgumentException("The content hash must be a SHA-256 in 64 hexadecimal digits.", nameof(sha256));
        if (planVersion is { } version && _plans.All(p => p.Version != version))
            throw new CaseRuleViolation(RefusalCode.PlanVersionNotFound, $"The case has no plan version {version}.");
        RequireText(fileName, "Give the document's file name.");
        Act(CaseTrigger.RecordDocument, actor, nowUtc, before =>
            Append(EntryKind.DocumentGenerated, actor, nowUtc, fileName.Trim(), before)
                .With(detail: "sha256:" + sha256.ToLowerInvariant(), planVersion: planVersion));
    }

    /// <summary>
    /// Attaches evidence to the case, or to one of its entries. The file was checked (its kind from its content) and
    /// hashed before; the entry records the name and the SHA-256, so a copy can later be matched to the history.
    /// </summary>
    public CaseAttachment AddAttachment(Actor actor, DateTime nowUtc, AttachmentUpload upload)
    {
        ArgumentNullException.ThrowIfNull(upload);
        EnsurePermitted(CaseTrigger.AddAttachment, actor);
        if (upload.Sha256 is null || upload.Sha256.Length != 64 || !upload.Sha256.All(Uri.IsHexDigit))
            throw new ArgumentException("The content hash must be a SHA-256 in 64 hexadecimal digits.", nameof(upload));
        if (upload.SizeBytes <= 0) throw new ArgumentException("An attachment has content.", nameof(upload));
        if (upload.EntryId is { } entryId && _entries.All(e => e.Id != entryId))
            throw new CaseRuleViolation(RefusalCode.EntryNotFound, "The entry to attach to is not in this case.");
        RequireText(upload.FileName, "Give the file's name.");
        var attachment = new CaseAttachment(Id, upload, actor, nowUtc);
        Act(CaseTrigger.AddAttachment, actor, nowUtc, before =>
        {
            _attachments.Add(attachment);
            Append(EntryKind.AttachmentAdded, actor, nowUtc, attachment.FileName, before)
                .With(detail: "sha256:" + attachment.Sha256)
                .About(attachmentId: attachment.Id);
        });
        return attachment;
    }

    /// <summary>Withdraws an attachment with a reason: a new entry, the file and its row stay. Staff withdraw only their own.</summary>
    public void WithdrawAttachment(Actor actor, DateTime nowUtc, Guid attachmentId, string reason)
    {
        EnsurePermitted(CaseTrigger.WithdrawAttachment, actor);
        var attachment = OpenAttachment(attachmentId);
        if (actor.Role == Role.Staff && attachment.AddedByUserId != actor.UserId)
            throw new CaseRuleViolation(RefusalCode.OnlyOwnAttachments, "Staff can only withdraw what they attached themselves.");
        RequireText(reason, "Give the reason the attachment is withdrawn.");
        Act(CaseTrigger.WithdrawAttachment, actor, nowUtc, before =>
        {
            attachment.Withdraw(actor, nowUtc, reason.Trim());
            Append(EntryKind.AttachmentWithdrawn, actor, nowUtc, reason.Trim(), before)
                .With(detail: attachment.FileName).About(attachmentId: attachment.Id);
        });
    }

    /// <summary>Shows an attachment in the family's view, or hides it again; each change is an entry.</summary>
    public void SetAttachmentFamilyVisibility(Actor actor, DateTime nowUtc, Guid attachmentId, bool visible)
    {
        EnsurePermitted(CaseTrigger.SetAttachmentFamilyVisibility, actor);
        var attachment = OpenAttachment(attachmentId);
        if (attachment.VisibleToFamily == visible)
            throw new CaseRuleViolation(RefusalCode.AlreadyFlagged, visible ? "The family already sees the attachment." : "The family does not see the attachment.");
        Act(CaseTrigger.SetAttachmentFamilyVisibility, actor, nowUtc, before =>
        {
            attachment.ShowToFamily(visible);
            Append(EntryKind.AttachmentFamilyVisibility, actor, nowUtc, attachment.FileName, before)
                .With(detail: visible ? AttachmentVisibility.Visible : AttachmentVisibility.Hidden).About(attachmentId: attachment.Id);
        });
    }

    /// <summary>
    /// Records a meeting about the case: when, who, what was said, what was agreed and the next meeting. Its agreed
    /// points can become measures of the next plan version, through the plan editor's normal step.
    /// </summary>
    public MeetingRecord RecordMeeting(Actor actor, DateTime nowUtc, MeetingReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        EnsurePermitted(CaseTrigger.RecordMeeting, actor);
        if (string.IsNullOrWhiteSpace(report.WhatWasSaid))
            throw new CaseRuleViolation(RefusalCode.MeetingIncomplete, "Write what was said at the meeting.");
        if (report.Participants == MeetingParticipants.None && string.IsNullOrWhiteSpace(report.ParticipantNames))
            throw new CaseRuleViolation(RefusalCode.MeetingIncomplete, "Say who took part in the meeting.");
        var meeting = new MeetingRecord(Id, report, actor, nowUtc);
        Act(CaseTrigger.RecordMeeting, actor, nowUtc, before =>
        {
            _meetings.Add(meeting);
            Append(EntryKind.MeetingRecorded, actor, nowUtc, meeting.WhatWasSaid, before)
                .With(occurredAtUtc: meeting.HeldAtUtc < nowUtc ? meeting.HeldAtUtc : null)
                .About(meetingId: meeting.Id);
        });
        return meeting;
    }

    private CaseAttachment OpenAttachment(Guid attachmentId)
    {
        var attachment = _attachments.FirstOrDefault(a => a.Id == attachmentId)
            ?? throw new CaseRuleViolation(RefusalCode.AttachmentNotFound, "The attachment is not in this case.");
        if (attachment.IsWithdrawn) throw new CaseRuleViolation(RefusalCode.AttachmentWithdrawn, "The attachment was withdrawn.");
        return attachment;
    }

    /// <summary>What this user may do with the case now, as the workflow table answers it for them.</summary>
    public IReadOnlyList<CaseTrigger> PermittedTriggers(Actor actor) => Machine.PermittedTriggers(actor);

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

    public IReadOnlyList<Deadline> OverdueDeadlines(DateTime nowUtc) => [.. _deadlines.Where(d => d.IsOverdue(nowUtc)).OrderBy(d => d.DueUtc)];

    public bool HasFlag(FlagKind kind) => _flags.Any(f => f.Kind == kind);

    bool ICaseFacts.EvaluationRecordedSinceStart => LatestEvaluationSinceStart() is not null;
    bool ICaseFacts.PupilSaidNotSafe => PupilSaidNotSafeSinceStart;
    bool ICaseFacts.InvestigationConcludesNotSafe => InvestigationConcludesNotSafe;

    // A parent's or staff member's "not safe" is settled by a later conclusion of the school's investigation.
    bool ICaseFacts.ReportNotSettled
    {
        get
        {
            var report = SinceStart.Where(e => e.PupilView == Cases.PupilView.NotSafe && VoiceSources.Of(e) != VoiceSource.Pupil).MaxBy(e => e.Sequence);
            return report is not null && (LatestConclusion is not { } conclusion || conclusion.Sequence < report.Sequence);
        }
    }

    bool ICaseFacts.NotSafeConcludedSinceEvaluationStarted
    {
        get
        {
            var started = _entries.Where(e => e.Kind == EntryKind.EvaluationStarted).Select(e => e.Sequence).DefaultIfEmpty(0).Max();
            return _entries.Where(e => e.Sequence > started && e.Conclusion is not null).MaxBy(e => e.Sequence)?.Conclusion
                == EnvironmentConclusion.NotSafeAndGood;
        }
    }
    bool ICaseFacts.LatestEvaluationSaysSafe => LatestEvaluationSinceStart()?.PupilView == Cases.PupilView.Safe;

    // Logging a concern with leadership suspected ends by telling the school owner: until then the principal
    // who reports it takes the concern form's steps like anyone else.
    bool ICaseFacts.SchoolOwnerHandlesLeadershipSuspicion =>
        LeadershipSuspected && _entries.Any(e => e.Kind == EntryKind.SchoolOwnerNotified);

    bool ICaseFacts.HasPupil => PupilId is not null;

    private CaseEntry? LatestEvaluationSinceStart()
    {
        var started = _entries.Where(e => e.Kind == EntryKind.EvaluationStarted).MaxBy(e => e.Sequence);
        if (started is null) return null;
        return _entries.Where(e => e.Kind == EntryKind.Evaluation && e.Sequence > started.Sequence).MaxBy(e => e.Sequence);
    }

    private ActivityPlanVersion AddPlanVersion(Engine.TriggerWithParameters<PlanDraft?> trigger, EntryKind kind, Actor actor, DateTime nowUtc, PlanDraft draft)
    {
        // To the guards a null draft means "not known yet" and passes: a step taken without a plan must not.
        ArgumentNullException.ThrowIfNull(draft);
        ActivityPlanVersion? plan = null;
        Act(trigger, draft, actor, nowUtc, before =>
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
            // A measure carried out stays in the plan as carried out, whatever the new draft says.
            foreach (var done in previous?.Measures.Where(m => m.Status == MeasureStatus.Done && plan.Measures.All(n => n.MeasureKey != m.MeasureKey)) ?? [])
                plan.KeepCarriedOut(done);
            _plans.Add(plan);
            MeetDeadlines(DeadlineKind.AdoptPlan, nowUtc);
            foreach (var open in _deadlines.Where(d => d.IsOpen && d.Kind == DeadlineKind.EvaluatePlan)) open.Supersede(nowUtc);
            AddDeadline(DeadlineKind.EvaluatePlan, SchoolCalendar.EndOfOsloDayUtc(plan.EvaluationDate), nowUtc, plan.Version);
            Append(kind, actor, nowUtc, plan.ChangeSummary ?? "", before).With(planVersion: plan.Version);
        });
        return plan!;
    }

    private void SetFlag(CaseTrigger trigger, FlagKind flag, EntryKind kind, Actor actor, DateTime nowUtc, string reason)
    {
        RequireText(reason, "Give the reason.");
        Act(trigger, actor, nowUtc, before =>
        {
            _flags.Add(new CaseFlag(Id, flag, actor, nowUtc, reason.Trim()));
            Append(kind, actor, nowUtc, reason.Trim(), before);
        });
    }

    /// <summary>
    /// Every step goes through here: the machine refuses it with the first reason that applies (who may act,
    /// then the state, then the guards), or fires it; then entries are written.
    /// </summary>
    private void Act(CaseTrigger trigger, Actor actor, DateTime nowUtc, Action<CaseState> apply)
    {
        var before = State;
        Machine.Fire(trigger, actor);
        apply(before);
        Refresh(nowUtc);
    }

    /// <summary>A step that brings data its guards read: the machine is asked with it.</summary>
    private void Act<T>(Engine.TriggerWithParameters<T> trigger, T argument, Actor actor, DateTime nowUtc, Action<CaseState> apply)
    {
        var before = State;
        Machine.Fire(trigger, argument, actor);
        apply(before);
        Refresh(nowUtc);
    }

    /// <summary>
    /// Who may act and the state are checked before a step's arguments are looked up, so the refusal gives the
    /// real reason and tells someone who may not act nothing about the case's entries or plan versions.
    /// </summary>
    private void EnsurePermitted(CaseTrigger trigger, Actor actor)
    {
        if (Machine.Refusal(trigger, actor) is { } refusal) throw refusal;
    }

    private static void RequireText(string? text, string message)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new CaseRuleViolation(RefusalCode.ReasonRequired, message);
    }

    private CaseEntry Append(EntryKind kind, Actor actor, DateTime nowUtc, string text, CaseState before)
    {
        var entry = new CaseEntry(Id, _entries.Count + 1, kind, actor, nowUtc, text, before, State);
        _entries.Add(entry);
        return entry;
    }

    private void AddDeadline(DeadlineKind kind, DateTime dueUtc, DateTime nowUtc, int? planVersion = null, bool shiftedByHolidays = false) =>
        _deadlines.Add(new Deadline(Id, kind, dueUtc, nowUtc, planVersion, shiftedByHolidays));

    private void MeetDeadlines(DeadlineKind kind, DateTime nowUtc)
    {
        foreach (var deadline in _deadlines.Where(d => d.IsOpen && d.Kind == kind)) deadline.Meet(nowUtc);
    }

    private void Refresh(DateTime nowUtc)
    {
        Revision++;
        UpdatedAtUtc = nowUtc;
        NextDeadlineUtc = _deadlines.Where(d => d.IsOpen).Select(d => (DateTime?)d.DueUtc).Min();
        WorkRank = WorkRankOf(State);
        DueOrderUtc = NextDeadlineUtc ?? NoDeadline;
    }

    /// <summary>The <see cref="DueOrderUtc"/> of a case without an open deadline: after every real date.</summary>
    public static readonly DateTime NoDeadline = new(9999, 12, 31, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>The first rank that is not a new concern (a concern not yet investigated ranks below it).</summary>
    public const int FirstRankAfterNewConcerns = 3;

    /// <summary>The rank of a closed case: every open case ranks below it.</summary>
    public const int ClosedRank = 6;

    /// <summary>
    /// The work order of the lists: concerns not yet investigated first (the newest step first: followed up, intervened,
    /// principal told), then investigating, measures, evaluating; closed last. Written out, not the enum's order, so a new
    /// state has to be placed here on purpose.
    /// </summary>
    public static int WorkRankOf(CaseState state) => state switch
    {
        CaseState.FollowingUp => 0,
        CaseState.Intervened => 1,
        CaseState.PrincipalNotified => 2,
        CaseState.Investigating => FirstRankAfterNewConcerns,
        CaseState.Measures => 4,
        CaseState.Evaluating => 5,
        CaseState.Closed => ClosedRank,
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "A state without a place in the work order."),
    };
}
