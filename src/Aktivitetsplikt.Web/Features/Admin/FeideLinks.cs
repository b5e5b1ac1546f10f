using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Features.Account;
using Aktivitetsplikt.Web.Features.Cases;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Pipeline;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Aktivitetsplikt.Web.Features.Admin;

/// <summary>
/// Links a staff user to their Feide identity: the value of the configured identifier claim (Feide's <c>sub</c> or
/// eduPersonPrincipalName), which the administrator gets from the school's Feide catalogue — never a display name. A user
/// has at most one open link; a new one replaces the old, and both stay recorded. Audited as every command is.
/// </summary>
public static class LinkFeide
{
    [AllowedRoles(Role.Administrator)]
    public sealed record Command(Guid UserId, string Identifier) : ICommand<Unit>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.UserId).NotEmpty();
            RuleFor(c => c.Identifier).RequiredName(ExternalLogin.MaxKeyLength);
        }
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user, TimeProvider time) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var account = await db.OwnUserAsync(user, command.UserId, cancellationToken);
            if (account.Role == Role.Guardian)
                throw AdminRules.Refusal(nameof(Command.Identifier), "Admin.Refusal.FeideNotForGuardians");
            await LinkAccountAsync(db, user, time, account.Id, command.Identifier, nameof(Command.Identifier), cancellationToken);
            return Unit.Value;
        }
    }

    /// <summary>
    /// Gives the account (a staff user's or a pupil's) the Feide identifier: refused when it is another account's open link,
    /// nothing when it is already this one's, else the account's old link is ended and the new one added (both stay recorded).
    /// </summary>
    internal static async Task LinkAccountAsync(AppDbContext db, ICurrentUser user, TimeProvider time, Guid accountId, string identifier,
        string field, CancellationToken cancellationToken)
    {
        var key = ExternalSignInService.NormaliseFeide(identifier);
        var links = await db.ExternalLogins
            .Where(l => l.Provider == ExternalProvider.Feide && l.UnlinkedUtc == null && (l.Key == key || l.UserId == accountId))
            .ToListAsync(cancellationToken);
        if (links.Any(l => l.Key == key && l.UserId != accountId))
            throw AdminRules.Refusal(field, "Admin.Refusal.FeideTaken");
        if (links.Any(l => l.Key == key)) return;
        var now = time.UtcNow();
        foreach (var old in links) old.Unlink(user.UserId, now);
        db.ExternalLogins.Add(new ExternalLogin(ExternalProvider.Feide, key, accountId, user.UserId, now));
    }
}

/// <summary>Ends a user's Feide link and their open sessions: they can no longer sign in with Feide.</summary>
public static class UnlinkFeide
{
    [AllowedRoles(Role.Administrator)]
    public sealed record Command(Guid UserId) : ICommand<Unit>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.UserId).NotEmpty();
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user, TimeProvider time) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var account = await db.OwnUserAsync(user, command.UserId, cancellationToken);
            var links = await db.ExternalLogins
                .Where(l => l.Provider == ExternalProvider.Feide && l.UserId == account.Id && l.UnlinkedUtc == null).ToListAsync(cancellationToken);
            if (links.Count == 0) throw AdminRules.Refusal("", "Admin.Refusal.FeideNotLinked");
            var now = time.UtcNow();
            foreach (var link in links) link.Unlink(user.UserId, now);
            // The user's open sessions opened through Feide end too: the link was what let them in.
            await db.EndAllSessionsAsync(account.Id, now, SessionEnd.SignedOutEverywhere, cancellationToken);
            return Unit.Value;
        }
    }
}

/// <summary>The user's Feide identifier, if linked, for the administrator's user page.</summary>
public static class GetFeideLink
{
    [AllowedRoles(Role.Administrator)]
    public sealed record Query(Guid UserId) : IRequest<Result>;

    public sealed record Result(string? Identifier, DateTime? LinkedUtc, bool FeideEnabled, string IdentifierClaim);

    public sealed class Handler(AppDbContext db, ICurrentUser user, ExternalSignInSettings settings) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var link = await (from l in db.ExternalLogins.AsNoTracking()
                              where l.Provider == ExternalProvider.Feide && l.UserId == query.UserId && l.UnlinkedUtc == null
                              join u in db.Users on l.UserId equals u.Id
                              where u.SchoolOwnerId == user.SchoolOwnerId
                              select new { l.Key, l.LinkedUtc }).FirstOrDefaultAsync(cancellationToken);
            return new Result(link?.Key, link?.LinkedUtc, settings.Feide.Enabled, settings.Feide.IdentifierClaim);
        }
    }
}
