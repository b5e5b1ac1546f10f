using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Pipeline;
using FluentValidation;
using MediatR;

namespace Aktivitetsplikt.Web.Features.Admin;

/// <summary>A deactivated user may sign in again.</summary>
public static class ActivateUser
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
            var account = await _db.OwnUserAsync(_user, command.UserId, cancellationToken);
            account.Activate();
            return Unit.Value;
        }
    }
}
