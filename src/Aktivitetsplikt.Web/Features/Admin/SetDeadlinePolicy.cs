using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Domain.Deadlines;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Pipeline;
using FluentValidation;
using MediatR;

namespace Aktivitetsplikt.Web.Features.Admin;

/// <summary>
/// The school owner's routine for "straks" and "snarast" (the law names no days): days to start an investigation,
/// hours on the § 12-5 path, days from the investigation to a fixed plan, and whether school holidays may move
/// these deadlines (off by default: "snarast" does not pause for holidays). It applies to deadlines set from now on;
/// deadlines already on a case stay as they were set.
/// </summary>
public static class SetDeadlinePolicy
{
    public const int MaxHours = 72;
    public const int MaxSchoolDays = 20;
    public const int MaxPlanDays = 40;

    [AllowedRoles(Role.Administrator)]
    public sealed record Command(int InvestigationStartSchoolDays, int ImmediateInvestigationHours, int PlanAdoptionSchoolDays = 10,
        bool HolidaysShiftDeadlines = false) : ICommand<Unit>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.InvestigationStartSchoolDays).InclusiveBetween(1, MaxSchoolDays).WithErrorCode("Admin.Validation.SchoolDaysRange");
            RuleFor(c => c.ImmediateInvestigationHours).InclusiveBetween(1, MaxHours).WithErrorCode("Admin.Validation.HoursRange");
            RuleFor(c => c.PlanAdoptionSchoolDays).InclusiveBetween(1, MaxPlanDays).WithErrorCode("Admin.Validation.PlanDaysRange");
        }
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var owner = await db.OwnSchoolOwnerAsync(user, cancellationToken);
            owner.SetDeadlinePolicy(new DeadlinePolicy(command.InvestigationStartSchoolDays, command.ImmediateInvestigationHours,
                command.PlanAdoptionSchoolDays, command.HolidaysShiftDeadlines));
            return Unit.Value;
        }
    }
}
