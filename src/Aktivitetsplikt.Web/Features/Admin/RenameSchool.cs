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
            RuleFor(c => c.Name).NotEmpty().MaximumLength(200);
        }
    }

    public sealed class Handler : IRequestHandler<Command, Unit>
    {
        private readonly AppDbContext _db;
        private readonly ICurrentUser _user;

        public Handler(AppDbContext db, ICurrentUser user)
        {
            _db = db;
            _user = user;
        }

        public async Task<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var school = await _db.OwnSchoolAsync(_user, command.SchoolId, cancellationToken);
            var name = command.Name.Trim();
            await CreateSchool.Handler.EnsureNameFreeAsync(_db, school.SchoolOwnerId, name, school.Id, cancellationToken);
            school.Rename(name);
            return Unit.Value;
        }
    }
}
