using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Pipeline;
using FluentValidation;

namespace Aktivitetsplikt.Web.Features.Cases;

/// <summary>Gripe inn: an adult stepped in against bullying, violence, discrimination or harassment.</summary>
public static class RecordIntervention
{
    public sealed record Command(Guid CaseId, int? ExpectedRevision, string HowIntervened, DateTime? OccurredAtUtc = null) : ICaseCommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider time)
        {
            RuleFor(c => c.HowIntervened).RequiredText();
            RuleFor(c => c.OccurredAtUtc).NotInFuture(time).NotTooOld(time);
        }
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user, TimeProvider time) : SimpleCaseStepHandler<Command>(db, user, time)
    {
        protected override void Apply(Case @case, Actor actor, DateTime nowUtc, Command command) =>
            @case.RecordIntervention(actor, nowUtc, command.HowIntervened, command.OccurredAtUtc);
    }

    /// <summary>What the step's form holds while the user types (<see cref="RecordInterventionForm"/>).</summary>
    public sealed class Form : IStepForm
    {
        public string? HowIntervened { get; set; }
        public string? OccurredAt { get; set; }

        public ICaseCommand ToCommand(Guid caseId, int revision, IDictionary<string, string> invalid) =>
            new Command(caseId, revision, HowIntervened ?? "", FormValues.OsloTime(OccurredAt, nameof(OccurredAt), invalid));
    }
}
