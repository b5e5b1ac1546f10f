using Aktivitetsplikt.Web.Features.Cases;
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
            RuleFor(c => c.FirstName).RequiredName(100);
            RuleFor(c => c.LastName).RequiredName(100);
            RuleFor(c => c.Group).RequiredName(20);
        }
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user) : IRequestHandler<Command, Guid>
    {
        public async Task<Guid> Handle(Command command, CancellationToken cancellationToken)
        {
            var school = await db.OwnSchoolAsync(user, command.SchoolId, cancellationToken);
            var pupil = new Pupil(school.Id, command.FirstName.Trim(), command.LastName.Trim(), command.Group.Trim());
            db.Pupils.Add(pupil);
            return pupil.Id;
        }
    }
}
