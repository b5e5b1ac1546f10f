using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Domain.Deadlines;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Pipeline;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Aktivitetsplikt.Web.Features.Cases;

/// <summary>Melde frå til rektor: the law sets no time word here (the routine says the same day); on the § 12-5 path the report is "straks", and the school owner is told too.</summary>
public static class NotifyPrincipal
{
    public sealed record Command(Guid CaseId, int? ExpectedRevision, string? Note = null) : ICaseCommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Note).OptionalText();
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user, TimeProvider time) : CaseStepHandler<Command>(db, user, time)
    {
        protected override async Task ApplyAsync(Case @case, Actor actor, DateTime nowUtc, Command command, CancellationToken cancellationToken)
        {
            var (policy, calendar) = await Db.DeadlineRulesForSchoolAsync(@case.SchoolId, cancellationToken);
            @case.NotifyPrincipal(actor, nowUtc, policy, calendar, command.Note);
        }
    }

    /// <summary>What the step's form holds while the user types (<see cref="NotifyPrincipalForm"/>).</summary>
    public sealed class Form : IStepForm
    {
        public string? Note { get; set; }

        public ICaseCommand ToCommand(Guid caseId, int revision, IDictionary<string, string> invalid) =>
            new Command(caseId, revision, FormValues.Blank(Note));
    }
}

public static class DeadlineRules
{
    /// <summary>The school owner's routine for the school, and its calendar: weekends and the school owner's holidays are not school days.</summary>
    public static async Task<(DeadlinePolicy Policy, SchoolCalendar Calendar)> DeadlineRulesForSchoolAsync(this AppDbContext db, Guid schoolId, CancellationToken cancellationToken)
    {
        var owner = await db.Schools.Where(s => s.Id == schoolId)
            .Join(db.SchoolOwners, s => s.SchoolOwnerId, o => o.Id, (_, o) => o)
            .SingleAsync(cancellationToken);
        var holidays = await db.SchoolHolidays.AsNoTracking().Where(h => h.SchoolOwnerId == owner.Id).Select(h => h.Date).ToListAsync(cancellationToken);
        return (owner.DeadlinePolicy, new SchoolCalendar(holidays));
    }
}
