using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Domain.Organisation;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Pipeline;
using FluentValidation;
using MediatR;

namespace Aktivitetsplikt.Web.Features.Admin;

/// <summary>A pupil at one of the school owner's schools. Data minimisation: a name and a class group, no national identity number.</summary>
public static class AddPupil
{
    [AllowedRoles(Role.Administrator)]
    public sealed record Command(Guid SchoolId, string FirstName, string LastName, string Group) : ICommand<Guid>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.SchoolId).NotEmpty();
            RuleFor(c => c.FirstName).NotEmpty().MaximumLength(100);
            RuleFor(c => c.LastName).NotEmpty().MaximumLength(100);
            RuleFor(c => c.Group).NotEmpty().MaximumLength(20);
        }
    }

    public sealed class Handler : IRequestHandler<Command, Guid>
    {
        private readonly AppDbContext _db;
        private readonly ICurrentUser _user;

        public Handler(AppDbContext db, ICurrentUser user)
        {
            _db = db;
            _user = user;
        }

        public async Task<Guid> Handle(Command command, CancellationToken cancellationToken)
        {
            var school = await _db.OwnSchoolAsync(_user, command.SchoolId, cancellationToken);
            var pupil = new Pupil(school.Id, command.FirstName.Trim(), command.LastName.Trim(), command.Group.Trim());
            _db.Pupils.Add(pupil);
            return pupil.Id;
        }
    }
}
