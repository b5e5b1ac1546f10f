using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Domain.Deadlines;

namespace Aktivitetsplikt.Web.Features.Cases;

/// <summary>
/// The step the duty to act requires next, if this user may take it: notify the principal, investigate,
/// hear the pupil, adopt the plan when measures are mandatory, evaluate on the plan's date, then close or
/// revise as the evaluation says. Null when the law leaves the choice open (or the step is not this user's).
/// </summary>
public static class NextStep
{
    public static CaseTrigger? For(GetCaseDetail.Result @case)
    {
        CaseTrigger? required = @case.State switch
        {
            CaseState.FollowingUp or CaseState.Intervened => CaseTrigger.NotifyPrincipal,
            CaseState.PrincipalNotified => CaseTrigger.StartInvestigation,
            CaseState.Investigating when @case.MeasuresRequired => CaseTrigger.AdoptPlan,
            CaseState.Investigating when @case.CurrentPupilView == PupilView.Unknown => CaseTrigger.RecordPupilVoice,
            CaseState.Measures => CaseTrigger.StartEvaluation,
            CaseState.Evaluating => EvaluationSinceStart(@case) switch
            {
                null => CaseTrigger.RecordEvaluation,
                PupilView.Safe => CaseTrigger.Close,
                _ => CaseTrigger.RevisePlan,
            },
            _ => null,
        };
        return required is { } trigger && @case.May(trigger) ? trigger : null;
    }

    /// <summary>The open deadline the step meets, if it has one.</summary>
    public static DeadlineView? Deadline(GetCaseDetail.Result @case, CaseTrigger trigger)
    {
        DeadlineKind? kind = trigger switch
        {
            CaseTrigger.NotifyPrincipal => DeadlineKind.NotifyPrincipal,
            CaseTrigger.StartInvestigation => DeadlineKind.StartInvestigation,
            CaseTrigger.StartEvaluation or CaseTrigger.RecordEvaluation => DeadlineKind.EvaluatePlan,
            _ => null,
        };
        return @case.Deadlines.Where(d => d.Kind == kind && d.MetAtUtc is null && d.SupersededAtUtc is null).MinBy(d => d.DueUtc);
    }

    /// <summary>The pupil's view in the evaluation recorded since the evaluation started; null if none yet.</summary>
    private static PupilView? EvaluationSinceStart(GetCaseDetail.Result @case)
    {
        var started = @case.Timeline.Where(e => e.Kind == EntryKind.EvaluationStarted).Select(e => e.Sequence).DefaultIfEmpty(0).Max();
        return @case.Timeline.Where(e => e.Kind == EntryKind.Evaluation && e.Sequence > started).MaxBy(e => e.Sequence)?.PupilView;
    }
}
