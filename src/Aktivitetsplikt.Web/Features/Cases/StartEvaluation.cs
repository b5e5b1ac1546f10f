using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Pipeline;

namespace Aktivitetsplikt.Web.Features.Cases;

/// <summary>Starts evaluating the current plan; the evaluation itself is recorded with the pupil's view.</summary>
public static class StartEvaluation
{
    public sealed record Command(Guid CaseId, int? ExpectedRevision) : ICaseCommand;

    public sealed class Handler(AppDbContext db, ICurrentUser user, TimeProvider time) : SimpleCaseStepHandler<Command>(db, user, time)
    {
        protected override void Apply(Case @case, Actor actor, DateTime nowUtc, Command command) =>
            @case.StartEvaluation(actor, nowUtc);
    }

    /// <summary>What the step's form holds while the user types (<see cref="StartEvaluationForm"/>).</summary>
    public sealed class Form : IStepForm
    {
        public ICaseCommand ToCommand(Guid caseId, int revision, IDictionary<string, string> invalid) => new Command(caseId, revision);
    }
}
