using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Pipeline;
using FluentValidation;

namespace Aktivitetsplikt.Web.Features.Cases;

/// <summary>The pupil or parents took the case to the county governor (§ 12-6, formerly § 9 A-6).</summary>
public static class RecordCountyGovernorCase
{
    public sealed record Command(Guid CaseId, int? ExpectedRevision, string Details) : ICaseCommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Details).RequiredText();
        }
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user, TimeProvider time) : SimpleCaseStepHandler<Command>(db, user, time)
    {
        protected override void Apply(Case @case, Actor actor, DateTime nowUtc, Command command) =>
            @case.RecordCountyGovernorCase(actor, nowUtc, command.Details);
    }

    /// <summary>What the step's form holds while the user types (<see cref="RecordCountyGovernorCaseForm"/>).</summary>
    public sealed class Form : IStepForm
    {
        public string? Details { get; set; }

        public ICaseCommand ToCommand(Guid caseId, int revision, IDictionary<string, string> invalid) => new Command(caseId, revision, Details ?? "");
    }
}
