using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Features.Cases;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Pipeline;
using FluentValidation;

namespace Aktivitetsplikt.Web.Features.Family;

/// <summary>
/// A guardian gives the parents' view of their child's case, and/or the pupil's view as the parent knows it (parents are
/// informed and heard, § 10-8). The parent's account of the pupil is recorded as the parent's, not as the pupil's own
/// statement (ADR 021). The principal is notified.
/// </summary>
public static class GiveFamilyView
{
    [AllowedRoles(Role.Guardian)]
    public sealed record Command(Guid CaseId, int? ExpectedRevision, string? ParentsView, string? PupilViewAsTold, PupilView PupilFeels) : ICaseCommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.ParentsView).OptionalText();
            RuleFor(c => c.PupilViewAsTold).OptionalText();
            RuleFor(c => c.PupilFeels).IsInEnum();
            RuleFor(c => c.ParentsView).NotEmpty().When(c => string.IsNullOrWhiteSpace(c.PupilViewAsTold)).WithErrorCode("FamilyViewEmpty");
        }
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user, TimeProvider time) : SimpleCaseStepHandler<Command>(db, user, time)
    {
        protected override void Apply(Case @case, Actor actor, DateTime nowUtc, Command command) =>
            @case.GiveFamilyView(actor, nowUtc, new FamilyViewReport(command.ParentsView, command.PupilViewAsTold, command.PupilFeels));
    }

    /// <summary>The form as typed.</summary>
    public sealed class Form
    {
        public string? ParentsView { get; set; }
        public string? PupilViewAsTold { get; set; }
        public string? PupilFeels { get; set; }

        public Command ToCommand(Guid caseId, IDictionary<string, string> invalid)
        {
            var feels = PupilView.Unknown;
            if (!string.IsNullOrWhiteSpace(PupilFeels)
                && !(Enum.TryParse(PupilFeels, out feels) && Enum.IsDefined(feels) && !int.TryParse(PupilFeels, out _)))
                invalid[nameof(Command.PupilFeels)] = "Family.Validation.Choose";
            return new Command(caseId, null, Blank(ParentsView), Blank(PupilViewAsTold), feels);
        }
    }

    internal static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
