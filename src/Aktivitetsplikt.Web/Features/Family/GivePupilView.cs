using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Features.Cases;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Pipeline;
using FluentValidation;

namespace Aktivitetsplikt.Web.Features.Family;

/// <summary>
/// The pupil, signed in with Feide, gives their own view of their case: the pupil's own statement (§ 12-4), recorded as a voice
/// entry with source Pupil, self-reported, as a pupil's own "I don't feel safe" through si fra is (ADRs 016 and 021). The
/// principal is notified.
/// </summary>
public static class GivePupilView
{
    [AllowedRoles(Role.Pupil)]
    public sealed record Command(Guid CaseId, int? ExpectedRevision, string View, PupilView Feels) : ICaseCommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.View).RequiredText();
            RuleFor(c => c.Feels).IsInEnum();
        }
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user, TimeProvider time) : SimpleCaseStepHandler<Command>(db, user, time)
    {
        protected override void Apply(Case @case, Actor actor, DateTime nowUtc, Command command) =>
            @case.GivePupilsOwnView(actor, nowUtc, command.View, command.Feels);
    }

    /// <summary>The form as typed.</summary>
    public sealed class Form
    {
        public string? View { get; set; }
        public string? Feels { get; set; }

        public Command ToCommand(Guid caseId, IDictionary<string, string> invalid)
        {
            var feels = PupilView.Unknown;
            if (!string.IsNullOrWhiteSpace(Feels)
                && !(Enum.TryParse(Feels, out feels) && Enum.IsDefined(feels) && !int.TryParse(Feels, out _)))
                invalid[nameof(Command.Feels)] = "Family.Validation.Choose";
            return new Command(caseId, null, View ?? "", feels);
        }
    }
}
