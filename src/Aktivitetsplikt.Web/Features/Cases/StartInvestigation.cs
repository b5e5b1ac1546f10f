using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Pipeline;
using FluentValidation;

namespace Aktivitetsplikt.Web.Features.Cases;

/// <summary>Undersøke: the school investigates as soon as possible.</summary>
public static class StartInvestigation
{
    public sealed record Command(Guid CaseId, int? ExpectedRevision, string? HowToInvestigate = null) : ICaseCommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.HowToInvestigate).OptionalText();
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user, TimeProvider time) : SimpleCaseStepHandler<Command>(db, user, time)
    {
        protected override void Apply(Case @case, Actor actor, DateTime nowUtc, Command command) =>
            @case.StartInvestigation(actor, nowUtc, command.HowToInvestigate);
    }

    /// <summary>What the step's form holds while the user types (<see cref="StartInvestigationForm"/>).</summary>
    public sealed class Form : IStepForm
    {
        public string? HowToInvestigate { get; set; }

        public ICaseCommand ToCommand(Guid caseId, int revision, IDictionary<string, string> invalid) =>
            new Command(caseId, revision, FormValues.Blank(HowToInvestigate));
    }
}
