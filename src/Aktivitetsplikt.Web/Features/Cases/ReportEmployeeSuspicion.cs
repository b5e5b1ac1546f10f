using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Pipeline;
using FluentValidation;

namespace Aktivitetsplikt.Web.Features.Cases;

/// <summary>
/// § 12-5 (formerly § 9 A-5) learned after the concern was logged: someone who works at the school, or someone in the
/// school's leadership, is suspected of offending the pupil. The school owner is notified at once.
/// </summary>
public static class ReportEmployeeSuspicion
{
    public sealed record Command(Guid CaseId, int? ExpectedRevision, string WhatIsSuspected, bool LeadershipSuspected) : ICaseCommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.WhatIsSuspected).RequiredText();
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user, TimeProvider time) : CaseStepHandler<Command>(db, user, time)
    {
        protected override async Task ApplyAsync(Case @case, Actor actor, DateTime nowUtc, Command command, CancellationToken cancellationToken)
        {
            var (policy, _) = await Db.DeadlineRulesForSchoolAsync(@case.SchoolId, cancellationToken);
            @case.ReportEmployeeSuspicion(actor, nowUtc, command.WhatIsSuspected, command.LeadershipSuspected, policy);
        }
    }

    /// <summary>What the step's form holds while the user types (<see cref="ReportEmployeeSuspicionForm"/>).</summary>
    public sealed class Form : IStepForm
    {
        public string? WhatIsSuspected { get; set; }
        public bool LeadershipSuspected { get; set; }

        public ICaseCommand ToCommand(Guid caseId, int revision, IDictionary<string, string> invalid) =>
            new Command(caseId, revision, WhatIsSuspected ?? "", LeadershipSuspected);
    }
}
