using Aktivitetsplikt.Domain.Cases;
using static Aktivitetsplikt.Domain.Tests.TestData;

namespace Aktivitetsplikt.Domain.Tests.Cases;

/// <summary>Fires a trigger through the intent method that owns it, with arguments that are valid in themselves.</summary>
internal static class CaseSteps
{
    public static void Fire(Case @case, CaseTrigger trigger, Actor actor, DateTime nowUtc)
    {
        switch (trigger)
        {
            case CaseTrigger.RecordIntervention:
                @case.RecordIntervention(actor, nowUtc, "Went between them and took the pupil aside.");
                break;
            case CaseTrigger.NotifyPrincipal:
                @case.NotifyPrincipal(actor, nowUtc, Policy, Calendar);
                break;
            case CaseTrigger.ReportEmployeeSuspicion:
                @case.ReportEmployeeSuspicion(actor, nowUtc, "The pupil says a substitute teacher grabbed her arm.", leadershipSuspected: false, Policy);
                break;
            case CaseTrigger.StartInvestigation:
                @case.StartInvestigation(actor, nowUtc, "Talk with the pupil first, then the class.");
                break;
            case CaseTrigger.RecordFinding:
                @case.RecordFinding(actor, nowUtc, "Three pupils confirm the name-calling.");
                break;
            case CaseTrigger.RecordPupilVoice:
                @case.RecordPupilVoice(actor, nowUtc, PupilView.NotSafe, "I don't want to go out at break.", VoiceSource.Pupil);
                break;
            case CaseTrigger.RecordParentContact:
                @case.RecordParentContact(actor, nowUtc, "Phoned the mother; she will come on Thursday.");
                break;
            case CaseTrigger.AdoptPlan:
                @case.AdoptPlan(actor, nowUtc, CompletePlan());
                break;
            case CaseTrigger.RevisePlan:
                @case.RevisePlan(actor, nowUtc, CompletePlan(changeSummary: "More adults at lunch break."));
                break;
            case CaseTrigger.RecordMeasureProgress:
                var measure = @case.CurrentPlan?.Measures.FirstOrDefault(m => actor.Role != Role.Staff || m.ResponsibleUserId == actor.UserId);
                @case.RecordMeasureProgress(actor, nowUtc, measure?.MeasureKey ?? Guid.NewGuid(), MeasureStatus.UnderWay, "Started this week.");
                break;
            case CaseTrigger.StartEvaluation:
                @case.StartEvaluation(actor, nowUtc);
                break;
            case CaseTrigger.RecordEvaluation:
                @case.RecordEvaluation(actor, nowUtc, PupilView.Safe, "Breaks are fine now.", "The measures have worked.");
                break;
            case CaseTrigger.Close:
                @case.Close(actor, nowUtc, "The pupil says the environment is safe and good.");
                break;
            case CaseTrigger.Reopen:
                @case.Reopen(actor, nowUtc, "A new incident was reported on the way to school.");
                break;
            case CaseTrigger.EscalateToSchoolOwner:
                @case.EscalateToSchoolOwner(actor, nowUtc, "Serious: violence on several occasions.");
                break;
            case CaseTrigger.FlagParticularVulnerability:
                @case.FlagParticularVulnerability(actor, nowUtc, "The pupil has few friends and a diagnosis.");
                break;
            case CaseTrigger.RecordCountyGovernorCase:
                @case.RecordCountyGovernorCase(actor, nowUtc, "The parents have taken the case to Statsforvaltaren.");
                break;
            case CaseTrigger.RecordCountyGovernorDecision:
                @case.RecordCountyGovernorDecision(actor, nowUtc, "The duty was not met; measures ordered by 1 December.");
                break;
            case CaseTrigger.AddComment:
                @case.AddComment(actor, nowUtc, "Spoke with the SFO staff as well.");
                break;
            case CaseTrigger.CorrectEntry:
                @case.CorrectEntry(actor, nowUtc, @case.Entries[0].Id, "It happened at the climbing frame, not the football pitch.");
                break;
            case CaseTrigger.RecordDocument:
                @case.RecordDocument(actor, nowUtc, "CaseBundle", $"dokumentasjon-{@case.CaseNumber}.docx", new string('a', 64), null);
                break;
            case CaseTrigger.HearOtherPupil:
                @case.HearOtherPupil(actor, nowUtc, "Jonas, 6B", "They say he is always left out of football.");
                break;
            case CaseTrigger.CloseAsPupilLeftSchool:
                @case.CloseAsPupilLeftSchool(actor, nowUtc, Departure());
                break;
            case CaseTrigger.GiveFamilyView when actor.Role == Role.Pupil:
                @case.GivePupilsOwnView(actor, nowUtc, "The changing room is the worst, nobody stops them.", PupilView.NotSafe);
                break;
            case CaseTrigger.GiveFamilyView:
                @case.GiveFamilyView(actor, nowUtc, new FamilyViewReport("We think the school should act sooner.", "He says the changing room is the worst.", PupilView.NotSafe));
                break;
            case CaseTrigger.RequestMeeting:
                @case.RequestMeeting(actor, nowUtc, "We want to talk about the changing room.", "Afternoons after 15");
                break;
            case CaseTrigger.DisagreeWithPlan:
                @case.DisagreeWithPlan(actor, nowUtc, "The adult in the changing room", "Only before gym is not enough.");
                break;
            case CaseTrigger.IdentifyPupil:
                @case.IdentifyPupil(actor, nowUtc, PupilId, SchoolId, "Emma Hansen, 5A", "The message names her class and the football pitch.");
                break;
            case CaseTrigger.AddAttachment:
                @case.AddAttachment(actor, nowUtc, Screenshot());
                break;
            case CaseTrigger.WithdrawAttachment:
                @case.WithdrawAttachment(actor, nowUtc, @case.Attachments.LastOrDefault()?.Id ?? Guid.NewGuid(), "Attached to the wrong case.");
                break;
            case CaseTrigger.SetAttachmentFamilyVisibility:
                @case.SetAttachmentFamilyVisibility(actor, nowUtc, @case.Attachments.LastOrDefault()?.Id ?? Guid.NewGuid(), visible: true);
                break;
            case CaseTrigger.RecordMeeting:
                @case.RecordMeeting(actor, nowUtc, Meeting());
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(trigger), trigger, "No intent method known for this trigger.");
        }
    }
}
