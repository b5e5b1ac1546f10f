using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Pipeline;
using FluentValidation;
using MediatR;

namespace Aktivitetsplikt.Web.Features.Admin;

/// <summary>
/// A user can no longer sign in. The account is kept, never deleted: cases and the audit log name
/// the people who acted. An administrator cannot deactivate themselves.
/// </summary>
public static class DeactivateUser
{
    [AllowedRoles(Role.Administrator)]
    public sealed record Command(Guid UserId) : ICommand<Unit>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.UserId).NotEmpty();
        }
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var account = await db.OwnUserAsync(user, command.UserId, cancellationToken);
            if (account.Id == user.UserId) throw AdminRules.Refusal("", "Admin.Refusal.DeactivateSelf");
            account.Deactivate();
            return Unit.Value;
        }
    }
}
