using System.Text.Json.Serialization;
using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Features.Account;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Pipeline;
using FluentValidation;
using MediatR;

namespace Aktivitetsplikt.Web.Features.Admin;

/// <summary>
/// The administrator sets a new password for a user who has forgotten theirs (or whose password someone else may
/// know): every session of the user ends, on every device. The password is hashed at once and never written to
/// the audit log.
/// </summary>
public static class ResetPassword
{
    [AllowedRoles(Role.Administrator)]
    public sealed record Command(Guid UserId, [property: JsonIgnore] string NewPassword) : ICommand<Unit>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(PasswordPolicy policy)
        {
            RuleFor(c => c.UserId).NotEmpty();
            RuleFor(c => c.NewPassword).NotEmpty().DependentRules(() => RuleFor(c => c.NewPassword).PasswordPolicy(policy));
        }
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user, Passwords passwords, TimeProvider time) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var account = await db.OwnUserAsync(user, command.UserId, cancellationToken);
            await PasswordPolicy.RefuseContextPasswordAsync(db, command.NewPassword, nameof(Command.NewPassword),
                account.UserName, account.DisplayName, account.SchoolOwnerId, account.SchoolId, cancellationToken);
            account.SetPasswordHash(passwords.Hash(account, command.NewPassword));
            await db.EndAllSessionsAsync(account.Id, time.UtcNow(), SessionEnd.PasswordSet, cancellationToken);
            return Unit.Value;
        }
    }
}
