using Aktivitetsplikt.Web.Features.Cases;
using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Domain.Organisation;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Pipeline;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Aktivitetsplikt.Web.Features.Admin;

/// <summary>A new school under the administrator's school owner. Two schools of one owner cannot share a name.</summary>
public static class CreateSchool
{
    [AllowedRoles(Role.Administrator)]
    public sealed record Command(string Name) : ICommand<Guid>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Name).RequiredName(200);
        }
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user) : IRequestHandler<Command, Guid>
    {
        public async Task<Guid> Handle(Command command, CancellationToken cancellationToken)
        {
            var owner = await db.OwnSchoolOwnerAsync(user, cancellationToken);
            var name = command.Name.Trim();
            await EnsureNameFreeAsync(db, owner.Id, name, null, cancellationToken);
            var school = new School(owner.Id, name);
            db.Schools.Add(school);
            return school.Id;
        }

        internal static async Task EnsureNameFreeAsync(AppDbContext db, Guid ownerId, string name, Guid? except, CancellationToken cancellationToken)
        {
            var lower = name.ToLower();
            if (await db.Schools.AnyAsync(s => s.SchoolOwnerId == ownerId && s.Id != except && s.Name.ToLower() == lower, cancellationToken))
                throw AdminRules.Refusal(nameof(Command.Name), "Admin.Refusal.SchoolNameTaken");
        }
    }
}
