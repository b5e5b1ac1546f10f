using System.Text.Json;
using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Pipeline;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Aktivitetsplikt.Web.Features.Family;

/// <summary>
/// A signed-in guardian's own children (the pupils the school registered them for, while the guardianship lasts) and
/// their cases: number, state and dates — nothing of the case's content, nothing of any other pupil. Every view is written
/// to the audit chain, once per case shown, so that the case's own log says the family looked. A pupil signed in with Feide
/// sees themself as the one "child", while their school lets them sign in (<see cref="CaseScope"/>).
/// </summary>
public static class ListFamilyCases
{
    [AllowedRoles(Role.Guardian, Role.Pupil)]
    public sealed record Query : IRequest<Result>;

    public sealed record Result(IReadOnlyList<Child> Children);
    public sealed record Child(Guid PupilId, string FirstName, string SchoolName, string Relation, IReadOnlyList<CaseItem> Cases);
    public sealed record CaseItem(Guid Id, string CaseNumber, CaseState State, DateTime CreatedAtUtc, DateTime UpdatedAtUtc);

    public sealed class Handler(AppDbContext db, ICurrentUser user, AuditLog audit) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var me = user.UserId;
            var children = user.Role == Role.Pupil
                ? await (from u in db.Users.AsNoTracking()
                         where u.Id == me
                         join p in db.Pupils on u.PupilId equals (Guid?)p.Id
                         join s in db.Schools on p.SchoolId equals s.Id
                         where p.IsActive && s.PupilSignInFromGrade != null
                         select new { p.Id, p.FirstName, SchoolName = s.Name, Relation = "" }).ToListAsync(cancellationToken)
                : await (from g in db.Guardianships.AsNoTracking()
                         where g.GuardianUserId == me && g.EndedUtc == null
                         join p in db.Pupils on g.PupilId equals p.Id
                         join s in db.Schools on p.SchoolId equals s.Id
                         orderby p.FirstName
                         select new { p.Id, p.FirstName, SchoolName = s.Name, g.Relation }).ToListAsync(cancellationToken);
            var pupilIds = children.Select(c => c.Id).ToList();
            var cases = await db.Cases.AsNoTracking().Where(c => c.PupilId != null && pupilIds.Contains(c.PupilId.Value))
                .Select(c => new { c.PupilId, Item = new CaseItem(c.Id, c.CaseNumber, c.State, c.CreatedAtUtc, c.UpdatedAtUtc) })
                .ToListAsync(cancellationToken);

            if (cases.Count > 0)
            {
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                foreach (var shown in cases)
                    await audit.AppendAsync("ViewFamilyCase", shown.Item.Id, null, null,
                        JsonSerializer.Serialize(new { caseNumber = shown.Item.CaseNumber }), cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }

            return new Result(children.Select(c => new Child(c.Id, c.FirstName, c.SchoolName, c.Relation,
                cases.Where(k => k.PupilId == c.Id).Select(k => k.Item).OrderByDescending(k => k.CreatedAtUtc).ToList())).ToList());
        }
    }
}
