using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Pipeline;
using FluentValidation;

namespace Aktivitetsplikt.Web.Features.Cases;

/// <summary>
/// Evaluere: the evaluation of the plan, with the pupil's own view of whether it is safe now, the parents' view,
/// and the school's assessment of each measure of the current plan.
/// </summary>
public static class RecordEvaluation
{
    public sealed record Command(Guid CaseId, int? ExpectedRevision, PupilView PupilView, string PupilViewText, string Assessment,
        string ParentsView, IReadOnlyList<MeasureAssessment>? Measures = null) : ICaseCommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.PupilView).IsInEnum().NotEqual(PupilView.Unknown);
            RuleFor(c => c.PupilViewText).RequiredText();
            RuleFor(c => c.Assessment).RequiredText();
            RuleFor(c => c.ParentsView).RequiredText();
            RuleForEach(c => c.Measures).ChildRules(measure => measure.RuleFor(m => m.Assessment).RequiredText()
                .OverridePropertyName(nameof(MeasureAssessment.Assessment)));
        }
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user, TimeProvider time) : SimpleCaseStepHandler<Command>(db, user, time)
    {
        protected override void Apply(Case @case, Actor actor, DateTime nowUtc, Command command) =>
            @case.RecordEvaluation(actor, nowUtc, command.PupilView, command.PupilViewText, command.Assessment, command.ParentsView, command.Measures);
    }

    /// <summary>What the step's form holds while the user types (<see cref="RecordEvaluationForm"/>).</summary>
    public sealed class Form : IStepForm
    {
        public string? PupilView { get; set; }
        public string? PupilViewText { get; set; }
        public string? Assessment { get; set; }
        public string? ParentsView { get; set; }
        /// <summary>The assessment typed for each measure of the current plan, by its key.</summary>
        public Dictionary<Guid, string?> MeasureAssessments { get; } = [];
        /// <summary>The measures of the plan being evaluated (set by the form component): each needs an assessment.</summary>
        public IReadOnlyList<Guid> MeasureKeys { get; set; } = [];

        public static string MeasureField(Guid key) => $"Measure-{key:N}";

        public ICaseCommand ToCommand(Guid caseId, int revision, IDictionary<string, string> invalid)
        {
            foreach (var key in MeasureKeys.Where(k => string.IsNullOrWhiteSpace(MeasureAssessments.GetValueOrDefault(k))))
                invalid[MeasureField(key)] = "Action.RecordEvaluation.MeasureAssessmentRequired";
            return new Command(caseId, revision, FormValues.View(PupilView, nameof(PupilView), invalid), PupilViewText ?? "", Assessment ?? "",
                ParentsView ?? "", [.. MeasureKeys.Select(k => new MeasureAssessment(k, MeasureAssessments.GetValueOrDefault(k) ?? ""))]);
        }
    }
}
