using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Pipeline;
using FluentValidation;

namespace Aktivitetsplikt.Web.Features.Cases;

/// <summary>
/// Parents are informed and heard in their child's case (the information duty, § 10-8, formerly § 9 A-9). When the
/// parents raised the case with the principal, that date is recorded: the county governor takes a case once it was
/// raised with the principal and a week has passed (§ 12-6).
/// </summary>
public static class RecordParentContact
{
    public sealed record Command(Guid CaseId, int? ExpectedRevision, string Summary, DateTime? OccurredAtUtc = null,
        DateOnly? RaisedWithPrincipalOn = null) : ICaseCommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider time)
        {
            RuleFor(c => c.Summary).RequiredText();
            RuleFor(c => c.OccurredAtUtc).NotInFuture(time).NotTooOld(time);
            RuleFor(c => c.RaisedWithPrincipalOn).NotInFuture(time).NotTooOld(time);
        }
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user, TimeProvider time) : SimpleCaseStepHandler<Command>(db, user, time)
    {
        protected override void Apply(Case @case, Actor actor, DateTime nowUtc, Command command) =>
            @case.RecordParentContact(actor, nowUtc, command.Summary, command.OccurredAtUtc, command.RaisedWithPrincipalOn);
    }

    /// <summary>What the step's form holds while the user types (<see cref="RecordParentContactForm"/>).</summary>
    public sealed class Form : IStepForm
    {
        public string? Summary { get; set; }
        public string? OccurredAt { get; set; }
        public string? RaisedWithPrincipalOn { get; set; }

        public ICaseCommand ToCommand(Guid caseId, int revision, IDictionary<string, string> invalid) =>
            new Command(caseId, revision, Summary ?? "", FormValues.OsloTime(OccurredAt, nameof(OccurredAt), invalid),
                FormValues.Date(RaisedWithPrincipalOn, nameof(RaisedWithPrincipalOn), invalid));
    }
}
