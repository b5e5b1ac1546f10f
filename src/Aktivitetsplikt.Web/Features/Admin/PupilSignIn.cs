using System.Text.Json;
using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Domain.Organisation;
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
/// The school's decision whether, and from which grade (trinn), its pupils sign in with Feide to see their own cases (ADR 021).
/// Null turns it off (the default). The audit chain gets the grade before and after, besides the command itself.
/// </summary>
public static class SetPupilSignInGrade
{
    [AllowedRoles(Role.Administrator)]
    public sealed record Command(Guid SchoolId, int? Grade) : ICommand<Unit>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.SchoolId).NotEmpty();
            RuleFor(c => c.Grade!.Value).InclusiveBetween(School.LowestGrade, School.HighestGrade)
                .WithErrorCode("Admin.Refusal.PupilSignInGrade").OverridePropertyName(nameof(Command.Grade)).When(c => c.Grade is not null);
        }
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user, AuditLog audit) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var school = await db.OwnSchoolAsync(user, command.SchoolId, cancellationToken);
            var before = school.PupilSignInFromGrade;
            if (before == command.Grade) return Unit.Value;
            school.SetPupilSignInFromGrade(command.Grade);
            await audit.AppendAsync("PupilSignInGradeChanged", null, null, null,
                JsonSerializer.Serialize(new { school = school.Id, before, after = command.Grade }), cancellationToken);
            return Unit.Value;
        }
    }
}

/// <summary>The school's lowest grade for pupils' sign-in, for the administrator's school page.</summary>
public static class GetPupilSignInGrade
{
    [AllowedRoles(Role.Administrator)]
    public sealed record Query(Guid SchoolId) : IRequest<int?>;

    public sealed class Handler(AppDbContext db, ICurrentUser user) : IRequestHandler<Query, int?>
    {
        public async Task<int?> Handle(Query query, CancellationToken cancellationToken) =>
            (await db.OwnSchoolAsync(user, query.SchoolId, cancellationToken)).PupilSignInFromGrade;
    }
}

/// <summary>
/// Links a pupil to their Feide identity, as <see cref="LinkFeide"/> does for staff: by the identifier from the school's Feide
/// catalogue, never by name. The pupil's own account (role Pupil) is made on the first link. An identifier belongs to one
/// staff user or one pupil, never both (one open link per identifier). A new link replaces the old; both stay recorded.
/// </summary>
public static class LinkPupilFeide
{
    [AllowedRoles(Role.Administrator)]
    public sealed record Command(Guid PupilId, string Identifier) : ICommand<Unit>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.PupilId).NotEmpty();
            RuleFor(c => c.Identifier).RequiredName(ExternalLogin.MaxKeyLength);
        }
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user, TimeProvider time) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var pupil = await db.OwnPupilAsync(user, command.PupilId, cancellationToken);
            await LinkAsync(db, user, time, pupil, command.Identifier, nameof(Command.Identifier), cancellationToken);
            return Unit.Value;
        }

        /// <summary>Also the pupil import's: links the pupil, refusing an identifier that is someone else's.</summary>
        internal static async Task LinkAsync(AppDbContext db, ICurrentUser user, TimeProvider time, Pupil pupil, string identifier, string field,
            CancellationToken cancellationToken)
        {
            var account = await db.Users.SingleOrDefaultAsync(u => u.PupilId == pupil.Id, cancellationToken)
                ?? db.Users.Local.SingleOrDefault(u => u.PupilId == pupil.Id);
            if (account is null)
            {
                account = UserAccount.ForPupil(pupil, user.SchoolOwnerId);
                db.Users.Add(account);
            }
            else
            {
                account.Rename(pupil.FullName);
            }
            await LinkFeide.LinkAccountAsync(db, user, time, account.Id, identifier, field, cancellationToken);
        }
    }
}

/// <summary>Ends a pupil's Feide link and their open sessions: they can no longer sign in. The link stays as history.</summary>
public static class UnlinkPupilFeide
{
    [AllowedRoles(Role.Administrator)]
    public sealed record Command(Guid PupilId) : ICommand<Unit>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.PupilId).NotEmpty();
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user, TimeProvider time) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var pupil = await db.OwnPupilAsync(user, command.PupilId, cancellationToken);
            var accountId = await db.Users.Where(u => u.PupilId == pupil.Id).Select(u => (Guid?)u.Id).SingleOrDefaultAsync(cancellationToken);
            var links = accountId is null
                ? []
                : await db.ExternalLogins.Where(l => l.Provider == ExternalProvider.Feide && l.UserId == accountId && l.UnlinkedUtc == null)
                    .ToListAsync(cancellationToken);
            if (links.Count == 0) throw AdminRules.Refusal("", "Admin.Refusal.PupilFeideNotLinked");
            var now = time.UtcNow();
            foreach (var link in links) link.Unlink(user.UserId, now);
            await db.EndAllSessionsAsync(accountId!.Value, now, SessionEnd.SignedOutEverywhere, cancellationToken);
            return Unit.Value;
        }
    }
}

/// <summary>The pupil's Feide identifier, if linked, and whether the pupil's school lets them sign in now, for the pupil's page.</summary>
public static class GetPupilFeideLink
{
    [AllowedRoles(Role.Administrator)]
    public sealed record Query(Guid PupilId) : IRequest<Result>;

    public sealed record Result(string? Identifier, DateTime? LinkedUtc, bool FeideEnabled, string IdentifierClaim, int? SchoolFromGrade, int? PupilGrade,
        bool MaySignIn);

    public sealed class Handler(AppDbContext db, ICurrentUser user, ExternalSignInSettings settings) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var pupil = await db.OwnPupilAsync(user, query.PupilId, cancellationToken);
            var school = await db.Schools.AsNoTracking().SingleAsync(s => s.Id == pupil.SchoolId, cancellationToken);
            var link = await (from u in db.Users.AsNoTracking()
                              where u.PupilId == pupil.Id
                              join l in db.ExternalLogins on u.Id equals l.UserId
                              where l.Provider == ExternalProvider.Feide && l.UnlinkedUtc == null
                              select new { l.Key, l.LinkedUtc }).FirstOrDefaultAsync(cancellationToken);
            return new Result(link?.Key, link?.LinkedUtc, settings.Feide.Enabled, settings.Feide.IdentifierClaim, school.PupilSignInFromGrade,
                PupilGrades.Of(pupil.Group), pupil.IsActive && school.AllowsPupilSignIn(pupil.Group));
        }
    }
}
