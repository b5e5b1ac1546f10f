using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Pipeline;
using FluentValidation;

namespace Aktivitetsplikt.Web.Features.Cases;

/// <summary>Closes a case with its documented conclusion; refused while the pupil says they are not safe.</summary>
public static class CloseCase
{
    public sealed record Command(Guid CaseId, int? ExpectedRevision, string Conclusion) : ICaseCommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Conclusion).RequiredText();
        }
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user, TimeProvider time) : SimpleCaseStepHandler<Command>(db, user, time)
    {
        protected override void Apply(Case @case, Actor actor, DateTime nowUtc, Command command) =>
            @case.Close(actor, nowUtc, command.Conclusion);
    }

    /// <summary>What the step's form holds while the user types (<see cref="CloseCaseForm"/>).</summary>
    public sealed class Form : IStepForm
    {
        public string? Conclusion { get; set; }

        public ICaseCommand ToCommand(Guid caseId, int revision, IDictionary<string, string> invalid) => new Command(caseId, revision, Conclusion ?? "");
    }
}
