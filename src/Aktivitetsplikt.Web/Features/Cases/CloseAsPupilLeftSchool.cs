using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Pipeline;
using FluentValidation;

namespace Aktivitetsplikt.Web.Features.Cases;

/// <summary>
/// The one lawful end of a case while the pupil may still not be safe: the pupil has left the school. The
/// date, the new school, the hand-over (required when it has the same school owner), who decided and why are
/// recorded, and the § 9A team is told. There is no other exception to "measures until it is safe".
/// </summary>
public static class CloseAsPupilLeftSchool
{
    public sealed record Command(Guid CaseId, int? ExpectedRevision, DateOnly? LeftOn, string NewSchool, bool SameSchoolOwner,
        string? Handover, string DecidedBy, string Reason) : ICaseCommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider time)
        {
            RuleFor(c => c.LeftOn).NotNull().NotInFuture(time).NotTooOld(time);
            RuleFor(c => c.NewSchool).RequiredText(ValidationRules.ShortText);
            RuleFor(c => c.Handover).OptionalText();
            RuleFor(c => c.DecidedBy).RequiredText(ValidationRules.ShortText);
            RuleFor(c => c.Reason).RequiredText();
        }
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user, TimeProvider time) : SimpleCaseStepHandler<Command>(db, user, time)
    {
        protected override void Apply(Case @case, Actor actor, DateTime nowUtc, Command command) =>
            @case.CloseAsPupilLeftSchool(actor, nowUtc,
                new PupilDepartureReport(command.LeftOn, command.NewSchool, command.SameSchoolOwner, command.Handover, command.DecidedBy, command.Reason));
    }

    /// <summary>What the step's form holds while the user types (<see cref="CloseAsPupilLeftSchoolForm"/>).</summary>
    public sealed class Form : IStepForm
    {
        public string? LeftOn { get; set; }
        public string? NewSchool { get; set; }
        public bool SameSchoolOwner { get; set; }
        public string? Handover { get; set; }
        public string? DecidedBy { get; set; }
        public string? Reason { get; set; }

        public ICaseCommand ToCommand(Guid caseId, int revision, IDictionary<string, string> invalid) =>
            new Command(caseId, revision, FormValues.Date(LeftOn, nameof(LeftOn), invalid), NewSchool ?? "", SameSchoolOwner,
                FormValues.Blank(Handover), DecidedBy ?? "", Reason ?? "");
    }
}
