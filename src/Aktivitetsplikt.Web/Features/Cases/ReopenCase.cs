using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Pipeline;
using FluentValidation;

namespace Aktivitetsplikt.Web.Features.Cases;

/// <summary>Reopens a closed case when new information arrives; the reason is required.</summary>
public static class ReopenCase
{
    public sealed record Command(Guid CaseId, int? ExpectedRevision, string Reason) : ICaseCommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Reason).RequiredText();
        }
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user, TimeProvider time) : SimpleCaseStepHandler<Command>(db, user, time)
    {
        protected override void Apply(Case @case, Actor actor, DateTime nowUtc, Command command) =>
            @case.Reopen(actor, nowUtc, command.Reason);
    }

    /// <summary>What the step's form holds while the user types (<see cref="ReopenCaseForm"/>).</summary>
    public sealed class Form : IStepForm
    {
        public string? Reason { get; set; }

        public ICaseCommand ToCommand(Guid caseId, int revision, IDictionary<string, string> invalid) => new Command(caseId, revision, Reason ?? "");
    }
}
