using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Pipeline;
using FluentValidation;

namespace Aktivitetsplikt.Web.Features.Cases;

/// <summary>
/// Undersøke: what the investigation found (talks with the pupil, observation, other pupils, staff, parents), and
/// optionally what the school concludes: "not safe and good" makes measures mandatory (the objective prong, § 12-4).
/// </summary>
public static class RecordFinding
{
    public sealed record Command(Guid CaseId, int? ExpectedRevision, string Finding, DateTime? OccurredAtUtc = null,
        EnvironmentConclusion? Conclusion = null) : ICaseCommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider time)
        {
            RuleFor(c => c.Finding).RequiredText();
            RuleFor(c => c.OccurredAtUtc).NotInFuture(time).NotTooOld(time);
            RuleFor(c => c.Conclusion).IsInEnum();
        }
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user, TimeProvider time) : SimpleCaseStepHandler<Command>(db, user, time)
    {
        protected override void Apply(Case @case, Actor actor, DateTime nowUtc, Command command) =>
            @case.RecordFinding(actor, nowUtc, command.Finding, command.OccurredAtUtc, command.Conclusion);
    }

    /// <summary>What the step's form holds while the user types (<see cref="RecordFindingForm"/>).</summary>
    public sealed class Form : IStepForm
    {
        public string? Finding { get; set; }
        public string? OccurredAt { get; set; }
        /// <summary>Empty: the finding concludes nothing yet about the environment.</summary>
        public string? Conclusion { get; set; }

        public ICaseCommand ToCommand(Guid caseId, int revision, IDictionary<string, string> invalid)
        {
            EnvironmentConclusion? conclusion = null;
            if (!string.IsNullOrEmpty(Conclusion))
            {
                if (Enum.TryParse<EnvironmentConclusion>(Conclusion, out var parsed) && Enum.IsDefined(parsed)) conclusion = parsed;
                else invalid[nameof(Conclusion)] = "Action.ChooseConclusion";
            }
            return new Command(caseId, revision, Finding ?? "", FormValues.OsloTime(OccurredAt, nameof(OccurredAt), invalid), conclusion);
        }
    }
}
