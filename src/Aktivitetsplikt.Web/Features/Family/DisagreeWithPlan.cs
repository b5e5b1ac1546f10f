using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Features.Cases;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Pipeline;
using FluentValidation;

namespace Aktivitetsplikt.Web.Features.Family;

/// <summary>
/// A guardian says they disagree with the activity plan in force: with what, and why. Recorded against the plan's version;
/// the principal is notified. The plan is no individual decision and has no appeal: this is the family being heard, and the
/// page says where to turn if the school does not follow it up (the county governor, § 12-6).
/// </summary>
public static class DisagreeWithPlan
{
    [AllowedRoles(Role.Guardian)]
    public sealed record Command(Guid CaseId, int? ExpectedRevision, string WithWhat, string Why) : ICaseCommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.WithWhat).RequiredText(ValidationRules.ShortText);
            RuleFor(c => c.Why).RequiredText();
        }
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user, TimeProvider time) : SimpleCaseStepHandler<Command>(db, user, time)
    {
        protected override void Apply(Case @case, Actor actor, DateTime nowUtc, Command command) =>
            @case.DisagreeWithPlan(actor, nowUtc, command.WithWhat, command.Why);
    }

    public sealed class Form
    {
        public string? WithWhat { get; set; }
        public string? Why { get; set; }

        public Command ToCommand(Guid caseId) => new(caseId, null, WithWhat ?? "", Why ?? "");
    }
}
