using Aktivitetsplikt.Web.Features.Cases;
using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Pipeline;
using FluentValidation;
using MediatR;

namespace Aktivitetsplikt.Web.Features.Admin;

/// <summary>A school changes its name; its cases, pupils and users stay with it.</summary>
public static class RenameSchool
{
    [AllowedRoles(Role.Administrator)]
    public sealed record Command(Guid SchoolId, string Name) : ICommand<Unit>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.SchoolId).NotEmpty();
            RuleFor(c => c.Name).RequiredName(200);
        }
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var school = await db.OwnSchoolAsync(user, command.SchoolId, cancellationToken);
            var name = command.Name.Trim();
            await CreateSchool.Handler.EnsureNameFreeAsync(db, school.SchoolOwnerId, name, school.Id, cancellationToken);
            school.Rename(name);
            return Unit.Value;
        }
    }
}
