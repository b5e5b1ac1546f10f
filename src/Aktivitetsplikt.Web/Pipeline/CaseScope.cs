using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Aktivitetsplikt.Web.Pipeline;

/// <summary>
/// Need-to-know: staff see the cases they reported or hold a measure in (in the current plan), and the cases the principal
/// has delegated to them (where they act with the principal's rights); a principal their school
/// (not a case where school leadership is suspected); the § 9A team every school of their school
/// owner; a guardian their own children's cases while the guardianship lasts; a pupil their own cases where the school lets them sign in; the administrator no cases. One filter for every list and every case request.
/// </summary>
public static class CaseScope
{
    public static IQueryable<Case> VisibleTo(this IQueryable<Case> cases, AppDbContext db, ICurrentUser user)
    {
        if (!user.IsAuthenticated) return cases.Where(_ => false);
        var me = user.UserId;
        switch (user.Role)
        {
            case Role.Staff:
                // The union of VisibleToInPartsAsync's parts (the teacher's list reads them apart): change both together.
                var measureCases = db.CasesWithMeasuresOf(me);
                var delegated = db.CasesDelegatedTo(me);
                return cases.Where(c => c.ReportedByUserId == me || measureCases.Contains(c.Id) || delegated.Contains(c.Id));
            case Role.Principal:
                var school = user.SchoolId;
                return cases.Where(c => c.SchoolId == school && !c.Flags.Any(f => f.Kind == FlagKind.LeadershipSuspected));
            case Role.SchoolOwnerTeam:
                var owner = user.SchoolOwnerId;
                var schools = db.Schools.Where(s => s.SchoolOwnerId == owner).Select(s => s.Id);
                return cases.Where(c => schools.Contains(c.SchoolId));
            case Role.Guardian:
                // A guardian: the cases of the pupils the school registered them for, while the guardianship lasts.
                var children = db.Guardianships.Where(g => g.GuardianUserId == me && g.EndedUtc == null).Select(g => (Guid?)g.PupilId);
                return cases.Where(c => c.PupilId != null && children.Contains(c.PupilId));
            case Role.Pupil:
                // A pupil: the cases where they are the pupil, while they are an active pupil of a school that lets pupils
                // sign in (their grade is checked at sign-in; a session lasts a school day at most). ADR 021.
                var mine = from u in db.Users
                           where u.Id == me
                           join p in db.Pupils on u.PupilId equals (Guid?)p.Id
                           where p.IsActive && db.Schools.Any(s => s.Id == p.SchoolId && s.PupilSignInFromGrade != null)
                           select (Guid?)p.Id;
                return cases.Where(c => c.PupilId != null && mine.Contains(c.PupilId));
            default:
                return cases.Where(_ => false);
        }
    }

    /// <summary>
    /// Names the set of cases <see cref="VisibleTo"/> gives this user, for keeping a figure computed over it (a list's
    /// total): users with the same key see the same cases — a principal's scope is their school, the § 9A team's their
    /// school owner — and everyone else's scope is their own (a teacher's reported, measure and delegated cases; a
    /// guardian's children; a pupil's own cases). Never shared across scopes; "none" only for those who see no case.
    /// </summary>
    public static string ScopeKey(ICurrentUser user) => !user.IsAuthenticated ? "none" : user.Role switch
    {
        Role.Principal => $"school:{user.SchoolId}",
        Role.SchoolOwnerTeam => $"owner:{user.SchoolOwnerId}",
        Role.Staff or Role.Guardian or Role.Pupil => $"user:{user.UserId}",
        _ => "none",
    };

    /// <summary>
    /// The same scope as <see cref="VisibleTo"/>, written for reading a page in an index's order (ADR 024): the § 9A team's
    /// schools as a correlated EXISTS, so that SQLite walks the all-schools work-order index and stops after the page,
    /// instead of reading every case of the listed schools by the per-school index and sorting them all (30,000 open cases
    /// at 100k). <see cref="VisibleTo"/>'s list form stays the cheaper one for counting.
    /// </summary>
    public static IQueryable<Case> VisibleInOrderTo(this IQueryable<Case> cases, AppDbContext db, ICurrentUser user)
    {
        if (!user.IsAuthenticated || user.Role != Role.SchoolOwnerTeam) return cases.VisibleTo(db, user);
        var owner = user.SchoolOwnerId;
        return cases.Where(c => db.Schools.Any(s => s.Id == c.SchoolId && s.SchoolOwnerId == owner));
    }

    /// <summary>
    /// <see cref="VisibleTo"/>'s scope as the parts it is a union of, when it is one (a member of staff: the cases they
    /// reported; the cases with a measure of theirs or delegated to them, by the keys <paramref name="kept"/> keeps, or read
    /// now without it), else
    /// null. A list reads each part in its own order and stops after the page, then merges them (ADR 032); over the union
    /// SQLite sorted every case in scope for each page. The parts may overlap; together they are exactly
    /// <see cref="VisibleTo"/> (within <see cref="StaffScopeKeys.Bound"/> of another app instance's change), and so is
    /// <see cref="StaffParts.All"/>, the same union written for counting. A part with no cases is left out.
    /// </summary>
    public static async Task<StaffParts?> VisibleToInPartsAsync(this IQueryable<Case> cases, AppDbContext db, ICurrentUser user,
        StaffScopeKeys? kept, CancellationToken cancellationToken)
    {
        if (!user.IsAuthenticated || user.Role != Role.Staff) return null;
        var me = user.UserId;
        var keys = kept is null
            ? await StaffScopeKeys.ReadAsync(db, me, cancellationToken)
            : await kept.MeasuresAndDelegatedOfAsync(db, me, cancellationToken);
        var reported = cases.Where(c => c.ReportedByUserId == me);
        // The keys as one parameter (a JSON array on SQLite, an array on PostgreSQL), not EF Core 10's default of one
        // parameter each, padded: the same SQL for every teacher and number of keys, one value to bind.
        return keys.Length == 0
            ? new StaffParts(reported, [reported])
            : new StaffParts(cases.Where(c => c.ReportedByUserId == me || EF.Parameter(keys).Contains(c.Id)),
                [reported, cases.Where(c => EF.Parameter(keys).Contains(c.Id))]);
    }

    /// <summary>A member of staff's scope: all of it, and the parts it is the union of.</summary>
    public sealed record StaffParts(IQueryable<Case> All, IReadOnlyList<IQueryable<Case>> Parts);

    /// <summary>
    /// The cases where a member of staff is responsible for a measure in the current plan only: someone taken off the plan
    /// loses sight of the case. From the user's own measures (an index on the responsible), not from every plan version.
    /// </summary>
    public static IQueryable<Guid> CasesWithMeasuresOf(this AppDbContext db, Guid userId) =>
        from m in db.PlanMeasures
        where m.ResponsibleUserId == userId
        join p in db.PlanVersions on m.PlanVersionId equals p.Id
        where p.Version == db.PlanVersions.Where(q => q.CaseId == p.CaseId).Max(q => q.Version)
        select p.CaseId;

    /// <summary>
    /// The cases a member of staff handles for the principal: one delegated case, or every case of a pupil in a delegated
    /// grade ("6": 6A, 6B, not 16) or class. Never a case where school leadership is suspected: the delegate is leadership too.
    /// Written so that any provider translates it (no provider-specific functions).
    /// </summary>
    public static IQueryable<Guid> CasesDelegatedTo(this AppDbContext db, Guid userId) =>
        // From the user's own delegations (usually none) to their school's cases, not from every case (ADR 024).
        from d in db.Delegations
        where d.WithdrawnAtUtc == null && d.DelegateUserId == userId
        join c in db.Cases on d.SchoolId equals c.SchoolId
        join p in db.Pupils on c.PupilId equals (Guid?)p.Id into pupils
        from p in pupils.DefaultIfEmpty()
        where !c.Flags.Any(f => f.Kind == FlagKind.LeadershipSuspected)
            && (d.CaseId == c.Id
                || (d.CaseId == null && d.Grade != null
                    && (p.Group == d.Grade
                        || (p.Group.StartsWith(d.Grade) && p.Group.Length > d.Grade.Length
                            && !"0123456789".Contains(p.Group.Substring(d.Grade.Length, 1))))))
        select c.Id;

    /// <summary>
    /// Who acts on this case: the signed-in user, or — for a member of staff the principal delegated the case to — the same
    /// person with the principal's rights. The audit log keeps the real role; the case history the acting one.
    /// </summary>
    public static async Task<Actor> ActorForCaseAsync(this AppDbContext db, ICurrentUser user, Guid caseId, CancellationToken cancellationToken)
    {
        var actor = user.Actor;
        if (user.Role == Role.Staff && await db.CasesDelegatedTo(user.UserId).AnyAsync(id => id == caseId, cancellationToken))
            return actor with { Role = Role.Principal };
        return actor;
    }
}
