using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Pipeline;
using FluentValidation;

namespace Aktivitetsplikt.Web.Features.Cases;

/// <summary>Evaluere: the evaluation of the plan, with the pupil's own view of whether it is safe now.</summary>
public static class RecordEvaluation
{
    public sealed record Command(Guid CaseId, int? ExpectedRevision, PupilView PupilView, string PupilViewText, string Assessment) : ICaseCommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.PupilView).IsInEnum().NotEqual(PupilView.Unknown);
            RuleFor(c => c.PupilViewText).RequiredText();
            RuleFor(c => c.Assessment).RequiredText();
        }
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user, TimeProvider time) : SimpleCaseStepHandler<Command>(db, user, time)
    {
        protected override void Apply(Case @case, Actor actor, DateTime nowUtc, Command command) =>
            @case.RecordEvaluation(actor, nowUtc, command.PupilView, command.PupilViewText, command.Assessment);
    }

    /// <summary>What the step's form holds while the user types (<see cref="RecordEvaluationForm"/>).</summary>
    public sealed class Form : IStepForm
    {
        public string? PupilView { get; set; }
        public string? PupilViewText { get; set; }
        public string? Assessment { get; set; }

        public ICaseCommand ToCommand(Guid caseId, int revision, IDictionary<string, string> invalid) =>
            new Command(caseId, revision, FormValues.View(PupilView, nameof(PupilView), invalid), PupilViewText ?? "", Assessment ?? "");
    }
}
