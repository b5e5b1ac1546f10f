using Aktivitetsplikt.Web.Features.Cases;
using System.Net.Mail;
using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Pipeline;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Aktivitetsplikt.Web.Features.Admin;

/// <summary>Sets or clears a user's e-mail address, where notification e-mails ("a case needs you") go.</summary>
public static class SetUserEmail
{
    public const int MaxLength = 254;

    [AllowedRoles(Role.Administrator)]
    public sealed record Command(Guid UserId, string? Email) : ICommand<Unit>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.UserId).NotEmpty();
            RuleFor(c => c.Email).OptionalText(MaxLength)
                .Must(BeAnAddress).When(c => !string.IsNullOrWhiteSpace(c.Email)).WithErrorCode("EmailAddress");
        }

        private static bool BeAnAddress(string? email) =>
            MailAddress.TryCreate(email!.Trim(), out var address) && address.Address == email.Trim() && address.Host.Contains('.');
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var account = await db.OwnUserAsync(user, command.UserId, cancellationToken);
            account.SetEmail(command.Email);
            return Unit.Value;
        }
    }
}

/// <summary>A user's e-mail address, for the administrator's user page.</summary>
public static class GetUserEmail
{
    [AllowedRoles(Role.Administrator)]
    public sealed record Query(Guid UserId) : IRequest<string?>;

    public sealed class Handler(AppDbContext db, ICurrentUser user) : IRequestHandler<Query, string?>
    {
        public Task<string?> Handle(Query query, CancellationToken cancellationToken) =>
            db.Users.AsNoTracking().Where(u => u.Id == query.UserId && u.SchoolOwnerId == user.SchoolOwnerId)
                .Select(u => u.Email).FirstOrDefaultAsync(cancellationToken);
    }
}

/// <summary>How many notification e-mails wait in the outbox for the school owner's users, and whether SMTP is configured.</summary>
public static class GetOutboxStatus
{
    [AllowedRoles(Role.Administrator)]
    public sealed record Query : IRequest<Result>;

    public sealed record Result(int Pending, int Failing, bool SmtpConfigured);

    public sealed class Handler(AppDbContext db, ICurrentUser user, Microsoft.Extensions.Options.IOptions<Notifications.SmtpOptions> smtp) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var owner = user.SchoolOwnerId;
            var pending = from m in db.OutboxMessages.AsNoTracking()
                          where m.SentAtUtc == null
                          join n in db.Notifications on m.NotificationId equals n.Id
                          join u in db.Users on n.RecipientUserId equals u.Id
                          where u.SchoolOwnerId == owner
                          select m;
            return new Result(await pending.CountAsync(cancellationToken), await pending.CountAsync(m => m.Attempts > 0, cancellationToken),
                smtp.Value.IsConfigured);
        }
    }
}
