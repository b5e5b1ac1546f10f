using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Features.Cases;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Pipeline;
using FluentValidation;

namespace Aktivitetsplikt.Web.Features.Family;

/// <summary>
/// A guardian asks the school for a meeting about their child's case, or the pupil signed in with Feide about their own: what
/// about, and when suits them. The principal is notified.
/// </summary>
public static class RequestMeeting
{
    public const int WhenSuitsLength = 500;

    [AllowedRoles(Role.Guardian, Role.Pupil)]
    public sealed record Command(Guid CaseId, int? ExpectedRevision, string About, string? WhenSuits) : ICaseCommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.About).RequiredText();
            RuleFor(c => c.WhenSuits).OptionalText(WhenSuitsLength);
        }
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user, TimeProvider time) : SimpleCaseStepHandler<Command>(db, user, time)
    {
        protected override void Apply(Case @case, Actor actor, DateTime nowUtc, Command command) =>
            @case.RequestMeeting(actor, nowUtc, command.About, command.WhenSuits);
    }

    public sealed class Form
    {
        public string? About { get; set; }
        public string? WhenSuits { get; set; }

        public Command ToCommand(Guid caseId) => new(caseId, null, About ?? "", GiveFamilyView.Blank(WhenSuits));
    }
}
