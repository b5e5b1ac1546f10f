using Aktivitetsplikt.Domain.Cases;
using static Aktivitetsplikt.Domain.Tests.TestData;

namespace Aktivitetsplikt.Domain.Tests.Cases;

/// <summary>
/// Takes a case to a state the way users would, through its public intent methods only:
/// <c>ACase().Investigating().Build()</c>. Every step happens on Monday morning, five minutes
/// apart, so that tests can act at <see cref="TestData.Later"/>.
/// </summary>
internal sealed class CaseBuilder
{
    private CaseState _target = CaseState.FollowingUp;
    private bool _pupilSaysNotSafe;
    private bool _employeeSuspected;
    private bool _leadershipSuspected;
    private bool _takenToCountyGovernor;
    private PupilView? _evaluation;
    private bool _pupilHeardSafe;
    private bool _measuresCarriedOut;
    private bool _siFra;
    private bool _withAttachment;
    private PlanDraft _plan = CompletePlan();
    private DateTime _clock = Monday;

    public static CaseBuilder ACase() => new();

    public CaseBuilder In(CaseState state)
    {
        _target = state;
        return this;
    }

    public CaseBuilder Intervened() => In(CaseState.Intervened);

    public CaseBuilder PrincipalNotified() => In(CaseState.PrincipalNotified);

    public CaseBuilder Investigating() => In(CaseState.Investigating);

    public CaseBuilder WithMeasures() => In(CaseState.Measures);

    public CaseBuilder Evaluating() => In(CaseState.Evaluating);

    /// <summary>Closed the ordinary way: plan, evaluation where the pupil says they are safe, conclusion.</summary>
    public CaseBuilder Closed() => In(CaseState.Closed);

    public CaseBuilder WithPlan(PlanDraft plan)
    {
        _plan = plan;
        return this;
    }

    public CaseBuilder WherePupilSaysNotSafe()
    {
        _pupilSaysNotSafe = true;
        return this;
    }

    public CaseBuilder WithEmployeeSuspected()
    {
        _employeeSuspected = true;
        return this;
    }

    public CaseBuilder WithLeadershipSuspected()
    {
        _employeeSuspected = true;
        _leadershipSuspected = true;
        return this;
    }

    public CaseBuilder TakenToCountyGovernor()
    {
        _takenToCountyGovernor = true;
        return this;
    }

    /// <summary>While evaluating: an evaluation is recorded with this view of the pupil's.</summary>
    public CaseBuilder WithEvaluation(PupilView pupilView)
    {
        _evaluation = pupilView;
        return this;
    }

    /// <summary>Meets the guards of a trigger so that it is refused only if the table forbids it.</summary>
    public CaseBuilder ReadyFor(CaseTrigger trigger)
    {
        if (trigger == CaseTrigger.RecordCountyGovernorDecision)
            _takenToCountyGovernor = true;
        if (_target == CaseState.Evaluating && trigger is CaseTrigger.Close or CaseTrigger.RevisePlan)
            _evaluation = PupilView.Safe;
        if (_target == CaseState.Evaluating && trigger == CaseTrigger.Close)
            _measuresCarriedOut = true;
        if (_target == CaseState.Investigating && trigger == CaseTrigger.Close)
            _pupilHeardSafe = true;
        if (trigger == CaseTrigger.IdentifyPupil && _target >= CaseState.PrincipalNotified)
            _siFra = true;
        if (trigger is CaseTrigger.WithdrawAttachment or CaseTrigger.SetAttachmentFamilyVisibility)
            _withAttachment = true;
        return this;
    }

    /// <summary>A case that came through "si fra" without a pupil (it starts with the principal notified).</summary>
    public CaseBuilder FromSiFraWithoutPupil()
    {
        _siFra = true;
        return this;
    }

    /// <summary>With a plan: every measure is recorded as carried out (closing asks for their final status).</summary>
    public CaseBuilder WithMeasuresCarriedOut()
    {
        _measuresCarriedOut = true;
        return this;
    }

    /// <summary>While investigating: the pupil has been heard and says they are safe.</summary>
    /// <summary>With a screenshot that the member of staff <see cref="TestData.Staff"/> attached last.</summary>
    public CaseBuilder WithAttachment()
    {
        _withAttachment = true;
        return this;
    }

    public CaseBuilder WithPupilHeardSafe()
    {
        _pupilHeardSafe = true;
        return this;
    }

    public Case Build()
    {
        if (_employeeSuspected && _target < CaseState.PrincipalNotified)
            throw new InvalidOperationException("A § 12-5 case is notified when it is logged.");

        var handler = _leadershipSuspected ? SchoolOwnerTeam : Principal;
        if (_siFra && (_target < CaseState.PrincipalNotified || _employeeSuspected))
            throw new InvalidOperationException("A si fra case starts with the principal notified, and without a § 12-5 report.");
        var @case = _siFra
            ? Case.ReceiveSiFra(new SiFraMessage(SchoolId, SiFraSender.Other, "Someone in 5A is kept out of football every break.", null, null,
                SiFraFeelsSafe.Unsure), "2026-0043", Tick(), Policy, Calendar)
            : LogConcern(Concern(
                pupilSaysNotSafe: _pupilSaysNotSafe,
                employeeSuspected: _employeeSuspected,
                leadershipSuspected: _leadershipSuspected), Staff, Tick());

        if (_target >= CaseState.Intervened && !_employeeSuspected && !_siFra)
            @case.RecordIntervention(Staff, Tick(), "Stopped the game and talked with the pupils involved.");
        if (_target >= CaseState.PrincipalNotified && !_employeeSuspected && !_siFra)
            @case.NotifyPrincipal(Staff, Tick(), Policy, Calendar);
        if (_target >= CaseState.Investigating)
            @case.StartInvestigation(handler, Tick(), "Talk with the pupil, the class and the parents; observe breaks.");
        if (_pupilHeardSafe)
            @case.RecordPupilVoice(Staff, Tick(), PupilView.Safe, "Says the breaks are fine.", VoiceSource.Pupil);
        if (_target >= CaseState.Measures)
            @case.AdoptPlan(handler, Tick(), _plan);
        if (_target >= CaseState.Evaluating)
            @case.StartEvaluation(handler, Tick());
        if (_target == CaseState.Closed || (_target == CaseState.Evaluating && _evaluation is not null))
            @case.RecordEvaluation(handler, Tick(), _evaluation ?? PupilView.Safe, "Says breaks are fine now.", "The measures have worked.");
        if (_target == CaseState.Closed || _measuresCarriedOut)
            foreach (var measure in @case.CurrentPlan?.Measures ?? [])
                @case.RecordMeasureProgress(handler, Tick(), measure.MeasureKey, MeasureStatus.Done, "Carried out.");
        if (_target == CaseState.Closed)
            @case.Close(handler, Tick(), "The pupil and the parents say the environment is safe and good again.");
        if (_takenToCountyGovernor)
            @case.RecordCountyGovernorCase(handler, Tick(), "The parents took the case to Statsforvaltaren on 16 November.");

        if (_withAttachment)
            @case.AddAttachment(Staff, Tick(), Screenshot());

        @case.State.Should().Be(_target, "the builder must reach the state it was asked for");
        return @case;
    }

    private DateTime Tick()
    {
        var now = _clock;
        _clock = _clock.AddMinutes(5);
        return now;
    }
}
