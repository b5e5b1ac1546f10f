using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Domain.Deadlines;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Pipeline;
using FluentValidation;
using MediatR;

namespace Aktivitetsplikt.Web.Features.Admin;

/// <summary>
/// The school owner's routine for "straks" and "snarast". It applies to deadlines set from now on;
/// deadlines already on a case stay as they were set.
/// </summary>
public static class SetDeadlinePolicy
{
    public const int MaxHours = 72;
    public const int MaxSchoolDays = 20;

    [AllowedRoles(Role.Administrator)]
    public sealed record Command(int InvestigationStartSchoolDays, int ImmediateInvestigationHours) : ICommand<Unit>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.InvestigationStartSchoolDays).InclusiveBetween(1, MaxSchoolDays).WithErrorCode("Admin.Validation.SchoolDaysRange");
            RuleFor(c => c.ImmediateInvestigationHours).InclusiveBetween(1, MaxHours).WithErrorCode("Admin.Validation.HoursRange");
        }
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var owner = await db.OwnSchoolOwnerAsync(user, cancellationToken);
            owner.SetDeadlinePolicy(new DeadlinePolicy(command.InvestigationStartSchoolDays, command.ImmediateInvestigationHours));
            return Unit.Value;
        }
    }
}
