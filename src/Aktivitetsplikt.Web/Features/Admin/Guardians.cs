using System.Text.Json.Serialization;
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
/// The school registers a guardian for a pupil: name, relation and the national identity number, which is kept only as its
/// keyed hash (<see cref="IdentityNumberHasher"/>) on an ID-porten link, so that the parent can sign in with ID-porten and
/// be matched by <c>pid</c>. The number is never stored, logged or written to the audit chain (<c>[JsonIgnore]</c>). A
/// parent registered for two children is one guardian user with two guardianships.
/// </summary>
public static class RegisterGuardian
{
    public const int NameLength = 200;

    [AllowedRoles(Role.Administrator)]
    public sealed record Command(
        Guid PupilId,
        string Name,
        string Relation,
        [property: JsonIgnore] string NationalIdentityNumber) : ICommand<Guid>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.PupilId).NotEmpty();
            RuleFor(c => c.Name).RequiredName(NameLength);
            RuleFor(c => c.Relation).RequiredName(ExternalSignInModel.MaxRelationLength);
            RuleFor(c => c.NationalIdentityNumber).RequiredName(20).DependentRules(() =>
            {
                RuleFor(c => c.NationalIdentityNumber).Must(Account.NationalIdentityNumber.HasElevenDigits)
                    .WithErrorCode("Admin.Validation.IdentityNumberDigits")
                    .DependentRules(() => RuleFor(c => c.NationalIdentityNumber).Must(Account.NationalIdentityNumber.HasValidControlDigits)
                        .WithErrorCode("Admin.Validation.IdentityNumberControl"));
            });
        }
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user, TimeProvider time, IdentityNumberHasher hasher) : IRequestHandler<Command, Guid>
    {
        public async Task<Guid> Handle(Command command, CancellationToken cancellationToken)
        {
            if (!hasher.IsConfigured) throw AdminRules.Refusal("", "Admin.Refusal.IdentityKeyMissing");
            var pupil = await db.OwnPupilAsync(user, command.PupilId, cancellationToken);
            var key = hasher.Hash(command.NationalIdentityNumber);
            var now = time.UtcNow();
            var guardianId = await db.ExternalLogins
                .Where(l => l.Provider == ExternalProvider.IdPorten && l.Key == key && l.UnlinkedUtc == null)
                .Select(l => (Guid?)l.UserId).FirstOrDefaultAsync(cancellationToken);
            if (guardianId is null)
            {
                var account = new UserAccount("foresatt-" + Guid.NewGuid().ToString("N")[..16], command.Name.Trim(), Role.Guardian, user.SchoolOwnerId, null);
                db.Users.Add(account);
                db.ExternalLogins.Add(new ExternalLogin(ExternalProvider.IdPorten, key, account.Id, user.UserId, now));
                guardianId = account.Id;
            }
            else if (await db.Guardianships.AnyAsync(g => g.PupilId == pupil.Id && g.GuardianUserId == guardianId && g.EndedUtc == null, cancellationToken))
            {
                throw AdminRules.Refusal(nameof(Command.NationalIdentityNumber), "Admin.Refusal.GuardianAlreadyRegistered");
            }
            var guardianship = new Guardianship(pupil.Id, guardianId.Value, command.Relation.Trim(), user.UserId, now);
            db.Guardianships.Add(guardianship);
            return guardianship.Id;
        }
    }

    public static async Task<Pupil> OwnPupilAsync(this AppDbContext db, ICurrentUser user, Guid pupilId, CancellationToken cancellationToken) =>
        await db.Pupils.SingleOrDefaultAsync(p => p.Id == pupilId && db.Schools.Any(s => s.Id == p.SchoolId && s.SchoolOwnerId == user.SchoolOwnerId), cancellationToken)
            ?? throw new NotFoundOrNoAccessException("The pupil");
}

/// <summary>Ends a guardianship (custody changed, registered by mistake): the guardian no longer sees the pupil's cases. Kept, not deleted.</summary>
public static class EndGuardianship
{
    [AllowedRoles(Role.Administrator)]
    public sealed record Command(Guid GuardianshipId) : ICommand<Unit>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.GuardianshipId).NotEmpty();
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user, TimeProvider time) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var owner = user.SchoolOwnerId;
            var guardianship = await (from g in db.Guardianships
                                      where g.Id == command.GuardianshipId
                                      join p in db.Pupils on g.PupilId equals p.Id
                                      join s in db.Schools on p.SchoolId equals s.Id
                                      where s.SchoolOwnerId == owner
                                      select g).SingleOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundOrNoAccessException("The guardianship");
            guardianship.End(user.UserId, time.UtcNow());
            return Unit.Value;
        }
    }
}

/// <summary>The school owner's pupils and their registered guardians, for /admin/foresatte. Never the identity number: it is not kept.</summary>
public static class ListGuardians
{
    [AllowedRoles(Role.Administrator)]
    public sealed record Query : IRequest<Result>;

    public sealed record Result(IReadOnlyList<PupilItem> Pupils, IReadOnlyList<GuardianItem> Guardians);
    public sealed record PupilItem(Guid Id, string Name, string Group, string SchoolName);
    public sealed record GuardianItem(Guid Id, string GuardianName, string Relation, string PupilName, string Group, string SchoolName, DateTime RegisteredUtc);

    public sealed class Handler(AppDbContext db, ICurrentUser user) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var owner = user.SchoolOwnerId;
            var pupils = await (from p in db.Pupils.AsNoTracking()
                                join s in db.Schools on p.SchoolId equals s.Id
                                where s.SchoolOwnerId == owner
                                select new { p.Id, p.FirstName, p.LastName, p.Group, SchoolName = s.Name }).ToListAsync(cancellationToken);
            var guardians = await (from g in db.Guardianships.AsNoTracking()
                                   where g.EndedUtc == null
                                   join p in db.Pupils on g.PupilId equals p.Id
                                   join s in db.Schools on p.SchoolId equals s.Id
                                   where s.SchoolOwnerId == owner
                                   join u in db.Users on g.GuardianUserId equals u.Id
                                   select new GuardianItem(g.Id, u.DisplayName, g.Relation, p.FirstName + " " + p.LastName, p.Group, s.Name, g.RegisteredUtc))
                .ToListAsync(cancellationToken);
            var norwegian = StringComparer.Create(new System.Globalization.CultureInfo("nb-NO"), ignoreCase: true);
            return new Result(
                pupils.Select(p => new PupilItem(p.Id, $"{p.FirstName} {p.LastName}", p.Group, p.SchoolName))
                    .OrderBy(p => p.SchoolName, norwegian).ThenBy(p => p.Name, norwegian).ToList(),
                guardians.OrderBy(g => g.SchoolName, norwegian).ThenBy(g => g.PupilName, norwegian).ThenBy(g => g.GuardianName, norwegian).ToList());
        }
    }
}
