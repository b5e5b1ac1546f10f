using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Pipeline;
using FluentValidation;

namespace Aktivitetsplikt.Web.Features.Cases;

/// <summary>Undersøke: what the investigation found (talks with the pupil, observation, other pupils, staff, parents).</summary>
public static class RecordFinding
{
    public sealed record Command(Guid CaseId, int? ExpectedRevision, string Finding, DateTime? OccurredAtUtc = null) : ICaseCommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider time)
        {
            RuleFor(c => c.Finding).RequiredText();
            RuleFor(c => c.OccurredAtUtc).NotInFuture(time).NotTooOld(time);
        }
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user, TimeProvider time) : SimpleCaseStepHandler<Command>(db, user, time)
    {
        protected override void Apply(Case @case, Actor actor, DateTime nowUtc, Command command) =>
            @case.RecordFinding(actor, nowUtc, command.Finding, command.OccurredAtUtc);
    }

    /// <summary>What the step's form holds while the user types (<see cref="RecordFindingForm"/>).</summary>
    public sealed class Form : IStepForm
    {
        public string? Finding { get; set; }
        public string? OccurredAt { get; set; }

        public ICaseCommand ToCommand(Guid caseId, int revision, IDictionary<string, string> invalid) =>
            new Command(caseId, revision, Finding ?? "", FormValues.OsloTime(OccurredAt, nameof(OccurredAt), invalid));
    }
}
