using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Pipeline;
using FluentValidation;

namespace Aktivitetsplikt.Web.Features.Cases;

/// <summary>The county governor's decision, including any measures it ordered with deadlines.</summary>
public static class RecordCountyGovernorDecision
{
    public sealed record Command(Guid CaseId, int? ExpectedRevision, string Decision, DateTime? DecidedAtUtc = null) : ICaseCommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider time)
        {
            RuleFor(c => c.Decision).RequiredText();
            RuleFor(c => c.DecidedAtUtc).NotInFuture(time).NotTooOld(time);
        }
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user, TimeProvider time) : SimpleCaseStepHandler<Command>(db, user, time)
    {
        protected override void Apply(Case @case, Actor actor, DateTime nowUtc, Command command) =>
            @case.RecordCountyGovernorDecision(actor, nowUtc, command.Decision, command.DecidedAtUtc);
    }

    /// <summary>What the step's form holds while the user types (<see cref="RecordCountyGovernorDecisionForm"/>).</summary>
    public sealed class Form : IStepForm
    {
        public string? Decision { get; set; }
        public string? DecidedAt { get; set; }

        public ICaseCommand ToCommand(Guid caseId, int revision, IDictionary<string, string> invalid) =>
            new Command(caseId, revision, Decision ?? "", FormValues.OsloTime(DecidedAt, nameof(DecidedAt), invalid));
    }
}
