using System.Globalization;
using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Pipeline;
using MediatR;

namespace Aktivitetsplikt.Web.Features.Cases;

/// <summary>
/// What one of the case page's action forms posts. Every action form posts this shape; the trigger
/// says which command it becomes. Kept as strings so that whatever the user typed comes back to
/// them unchanged when something is refused.
/// </summary>
public sealed class CaseActionForm
{
    public string? Trigger { get; set; }
    public int Revision { get; set; }
    public string? Text { get; set; }
    public string? Text2 { get; set; }
    public string? View { get; set; }
    public bool FromParent { get; set; }
    public bool LeadershipSuspected { get; set; }
    public string? OccurredAt { get; set; }
    public string? MeasureKey { get; set; }
    public string? Status { get; set; }
    public string? EntryId { get; set; }
    public string? Problem { get; set; }
    public string? EvaluationDate { get; set; }
    /// <summary>A suggested evaluation in days ("7", "14", "28"), or empty to use <see cref="EvaluationDate"/>.</summary>
    public string? EvaluationIn { get; set; }
    public string? PupilView { get; set; }
    public string? PupilHeardHow { get; set; }
    public string? ParentsView { get; set; }
    public string? ParentsInformedHow { get; set; }
    public string? ChangeSummary { get; set; }
    public List<MeasureRow> Measures { get; set; } = new();

    public sealed class MeasureRow
    {
        public string? MeasureKey { get; set; }
        public string? Description { get; set; }
        public string? When { get; set; }
        public string? ResponsibleUserId { get; set; }
        public string? ResponsibleName { get; set; }
        public string? EvaluateOn { get; set; }
    }

    /// <summary>Which form field a command property's error belongs to.</summary>
    public static string FieldFor(string property)
    {
        if (property.StartsWith("Plan.Measures", StringComparison.Ordinal)) return property["Plan.".Length..];
        if (property.StartsWith("Plan.", StringComparison.Ordinal)) return property["Plan.".Length..];
        return property switch
        {
            "HowIntervened" or "WhatIsSuspected" or "Finding" or "WhatWasSaid" or "Summary" or "Note" or "Assessment" or "Conclusion" or "Reason"
                or "Details" or "Decision" or "Comment" or "Correction" or "HowToInvestigate" => nameof(Text),
            "PupilViewText" => nameof(Text2),
            "PupilView" => nameof(View),
            "OccurredAtUtc" or "DecidedAtUtc" => nameof(OccurredAt),
            _ => property,
        };
    }

    /// <summary>The command this form asks for, or the field errors that stop it being built.</summary>
    /// <summary>The days practice guidance suggests between adopting a plan and evaluating it.</summary>
    public static readonly int[] SuggestedEvaluationDays = { 7, 14, 28 };

    /// <summary>A suggested evaluation date: that many days on, moved to the next weekday if it falls on a weekend.</summary>
    public static DateOnly SuggestedEvaluationDate(DateOnly today, int days)
    {
        var date = today.AddDays(days);
        while (date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) date = date.AddDays(1);
        return date;
    }

    public (IRequest<CaseCommandResult>? Command, Dictionary<string, string> Errors) ToCommand(Guid caseId, IReadOnlyList<ListResponsibleCandidates.Item> candidates, DateOnly today)
    {
        var errors = new Dictionary<string, string>();
        var revision = (int?)Revision;
        var text = Text ?? "";
        if (!Enum.TryParse<CaseTrigger>(Trigger, out var trigger)) return (null, errors);

        DateTime? occurred = null;
        if (!string.IsNullOrWhiteSpace(OccurredAt))
        {
            if (DateTime.TryParse(OccurredAt, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)) occurred = UiText.FromOslo(local);
            else errors[nameof(OccurredAt)] = "Action.InvalidDateTime";
        }
        var view = Enum.TryParse<Domain.Cases.PupilView>(View, out var parsedView) ? parsedView : Domain.Cases.PupilView.Unknown;
        if (trigger is CaseTrigger.RecordPupilVoice or CaseTrigger.RecordEvaluation && view == Domain.Cases.PupilView.Unknown)
            errors[nameof(View)] = "Action.ChooseView";

        IRequest<CaseCommandResult>? command = trigger switch
        {
            CaseTrigger.RecordIntervention => new RecordIntervention.Command(caseId, revision, text, occurred),
            CaseTrigger.NotifyPrincipal => new NotifyPrincipal.Command(caseId, revision, Blank(Text)),
            CaseTrigger.ReportEmployeeSuspicion => new ReportEmployeeSuspicion.Command(caseId, revision, text, LeadershipSuspected),
            CaseTrigger.StartInvestigation => new StartInvestigation.Command(caseId, revision, Blank(Text)),
            CaseTrigger.RecordFinding => new RecordFinding.Command(caseId, revision, text, occurred),
            CaseTrigger.RecordPupilVoice => new RecordPupilVoice.Command(caseId, revision, view, text, FromParent),
            CaseTrigger.RecordParentContact => new RecordParentContact.Command(caseId, revision, text, occurred),
            CaseTrigger.AdoptPlan => new AdoptPlan.Command(caseId, revision, ToPlan(candidates, errors, today)),
            CaseTrigger.RevisePlan => new RevisePlan.Command(caseId, revision, ToPlan(candidates, errors, today), ChangeSummary ?? ""),
            CaseTrigger.RecordMeasureProgress => Guid.TryParse(MeasureKey, out var key) && Enum.TryParse<MeasureStatus>(Status, out var status)
                ? new RecordMeasureProgress.Command(caseId, revision, key, status, Blank(Text))
                : Error(errors, nameof(MeasureKey), "Action.ChooseMeasureAndStatus"),
            CaseTrigger.StartEvaluation => new StartEvaluation.Command(caseId, revision),
            CaseTrigger.RecordEvaluation => new RecordEvaluation.Command(caseId, revision, view, Text2 ?? "", text),
            CaseTrigger.Close => new CloseCase.Command(caseId, revision, text),
            CaseTrigger.Reopen => new ReopenCase.Command(caseId, revision, text),
            CaseTrigger.EscalateToSchoolOwner => new EscalateToSchoolOwner.Command(caseId, revision, text),
            CaseTrigger.FlagParticularVulnerability => new FlagParticularVulnerability.Command(caseId, revision, text),
            CaseTrigger.RecordCountyGovernorCase => new RecordCountyGovernorCase.Command(caseId, revision, text),
            CaseTrigger.RecordCountyGovernorDecision => new RecordCountyGovernorDecision.Command(caseId, revision, text, occurred),
            CaseTrigger.AddComment => new AddComment.Command(caseId, revision, text),
            CaseTrigger.CorrectEntry => Guid.TryParse(EntryId, out var entryId)
                ? new CorrectEntry.Command(caseId, revision, entryId, text)
                : Error(errors, nameof(EntryId), "Action.ChooseEntry"),
            _ => null,
        };
        return (errors.Count == 0 ? command : null, errors);
    }

    private PlanInput ToPlan(IReadOnlyList<ListResponsibleCandidates.Item> candidates, Dictionary<string, string> errors, DateOnly today)
    {
        DateOnly? Date(string? value, string field)
        {
            if (string.IsNullOrWhiteSpace(value)) return null;
            if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
            errors[field] = "Action.InvalidDate";
            return null;
        }

        var measures = new List<MeasureInput>();
        for (var i = 0; i < Measures.Count; i++)
        {
            var row = Measures[i];
            if (string.IsNullOrWhiteSpace(row.Description) && string.IsNullOrWhiteSpace(row.When) && string.IsNullOrWhiteSpace(row.ResponsibleName)
                && string.IsNullOrWhiteSpace(row.ResponsibleUserId))
                continue;
            Guid? userId = Guid.TryParse(row.ResponsibleUserId, out var id) ? id : null;
            var name = row.ResponsibleName;
            if (string.IsNullOrWhiteSpace(name) && userId is not null)
                name = candidates.FirstOrDefault(c => c.UserId == userId)?.Name;
            measures.Add(new MeasureInput(row.Description ?? "", row.When ?? "", name ?? "", userId,
                Date(row.EvaluateOn, $"Measures[{i}].EvaluateOn"), Guid.TryParse(row.MeasureKey, out var key) ? key : null));
        }
        var evaluation = int.TryParse(EvaluationIn, out var days) && SuggestedEvaluationDays.Contains(days)
            ? SuggestedEvaluationDate(today, days)
            : Date(EvaluationDate, nameof(EvaluationDate));
        return new PlanInput(Problem ?? "", measures, evaluation, Blank(PupilView), Blank(PupilHeardHow),
            Blank(ParentsView), Blank(ParentsInformedHow));
    }

    private static IRequest<CaseCommandResult>? Error(Dictionary<string, string> errors, string field, string key)
    {
        errors[field] = key;
        return null;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
