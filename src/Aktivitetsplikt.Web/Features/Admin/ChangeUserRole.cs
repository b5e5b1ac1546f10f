using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Pipeline;
using FluentValidation;
using MediatR;

namespace Aktivitetsplikt.Web.Features.Admin;

/// <summary>
/// A user gets another role or moves to another school. An administrator cannot take the role
/// away from themselves, so the school owner is never left without one.
/// </summary>
public static class ChangeUserRole
{
    [AllowedRoles(Role.Administrator)]
    public sealed record Command(Guid UserId, Role Role, Guid? SchoolId) : ICommand<Unit>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.UserId).NotEmpty();
            RuleFor(c => c.Role).IsInEnum();
            RuleFor(c => c.Role).Must(r => r != Role.Guardian).WithErrorCode("Admin.Refusal.GuardianRole");
            RuleFor(c => c.Role).Must(r => r != Role.Pupil).WithErrorCode("Admin.Refusal.PupilRole");
            RuleFor(c => c.SchoolId).NotEmpty().When(c => AdminRules.NeedsSchool(c.Role)).WithErrorCode("Admin.Validation.SchoolRequired");
        }
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var account = await db.OwnUserAsync(user, command.UserId, cancellationToken);
            if (account.Role == Role.Guardian)
                throw AdminRules.Refusal(nameof(Command.Role), "Admin.Refusal.GuardianRole");
            if (account.Id == user.UserId && command.Role != Role.Administrator)
                throw AdminRules.Refusal(nameof(Command.Role), "Admin.Refusal.OwnRole");
            Guid? schoolId = null;
            if (AdminRules.NeedsSchool(command.Role))
                schoolId = (await db.OwnSchoolAsync(user, command.SchoolId!.Value, cancellationToken)).Id;
            account.ChangeRole(command.Role, schoolId);
            return Unit.Value;
        }
    }
}
