using Aktivitetsplikt.Web.Features.Cases;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Domain.Organisation;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Pipeline;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Aktivitetsplikt.Web.Features.Admin;

/// <summary>
/// A new user of the administrator's school owner, with a first password the administrator hands
/// over. The password is hashed at once and never written to the audit log.
/// </summary>
public static class CreateUser
{
    [AllowedRoles(Role.Administrator)]
    public sealed record Command(
        string UserName,
        string DisplayName,
        Role Role,
        Guid? SchoolId,
        [property: JsonIgnore] string Password) : ICommand<Guid>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(PasswordPolicy policy)
        {
            RuleFor(c => c.UserName).NotEmpty().MaximumLength(100);
            RuleFor(c => c.UserName).Must(name => Regex.IsMatch(name.Trim(), AdminRules.UserNamePattern)).WithErrorCode("Admin.Validation.UserNameCharacters")
                .When(c => !string.IsNullOrWhiteSpace(c.UserName));
            RuleFor(c => c.DisplayName).RequiredName(200);
            RuleFor(c => c.Role).IsInEnum();
            RuleFor(c => c.Role).Must(r => r != Role.Guardian).WithErrorCode("Admin.Refusal.GuardianRole");
            RuleFor(c => c.Role).Must(r => r != Role.Pupil).WithErrorCode("Admin.Refusal.PupilRole");
            RuleFor(c => c.SchoolId).NotEmpty().When(c => AdminRules.NeedsSchool(c.Role)).WithErrorCode("Admin.Validation.SchoolRequired");
            RuleFor(c => c.Password).NotEmpty().DependentRules(() => RuleFor(c => c.Password).PasswordPolicy(policy));
        }
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user, Passwords passwords) : IRequestHandler<Command, Guid>
    {
        public async Task<Guid> Handle(Command command, CancellationToken cancellationToken)
        {
            Guid? schoolId = null;
            if (AdminRules.NeedsSchool(command.Role))
                schoolId = (await db.OwnSchoolAsync(user, command.SchoolId!.Value, cancellationToken)).Id;

            var userName = command.UserName.Trim().ToLowerInvariant();
            // User names are unique across every school owner: they are what people sign in with.
            if (await db.Users.AnyAsync(u => u.UserName == userName, cancellationToken))
                throw AdminRules.Refusal(nameof(Command.UserName), "Admin.Refusal.UserNameTaken");

            await PasswordPolicy.RefuseContextPasswordAsync(db, command.Password, nameof(Command.Password),
                userName, command.DisplayName, user.SchoolOwnerId, schoolId, cancellationToken);
            var account = new UserAccount(userName, command.DisplayName.Trim(), command.Role, user.SchoolOwnerId, schoolId);
            account.SetPasswordHash(passwords.Hash(account, command.Password));
            db.Users.Add(account);
            return account.Id;
        }
    }
}
