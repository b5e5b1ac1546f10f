using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Pipeline;
using FluentValidation;

namespace Aktivitetsplikt.Web.Features.Cases;

/// <summary>Undersøke: the school investigates "snarast"; the school owner's routine then sets a deadline for the plan.</summary>
public static class StartInvestigation
{
    public sealed record Command(Guid CaseId, int? ExpectedRevision, string? HowToInvestigate = null) : ICaseCommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.HowToInvestigate).OptionalText();
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user, TimeProvider time) : CaseStepHandler<Command>(db, user, time)
    {
        protected override async Task ApplyAsync(Case @case, Actor actor, DateTime nowUtc, Command command, CancellationToken cancellationToken)
        {
            var (policy, calendar) = await Db.DeadlineRulesForSchoolAsync(@case.SchoolId, cancellationToken);
            @case.StartInvestigation(actor, nowUtc, command.HowToInvestigate, policy, calendar);
        }
    }

    /// <summary>What the step's form holds while the user types (<see cref="StartInvestigationForm"/>).</summary>
    public sealed class Form : IStepForm
    {
        public string? HowToInvestigate { get; set; }

        public ICaseCommand ToCommand(Guid caseId, int revision, IDictionary<string, string> invalid) =>
            new Command(caseId, revision, FormValues.Blank(HowToInvestigate));
    }
}
