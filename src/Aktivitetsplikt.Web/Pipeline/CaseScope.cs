using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Infrastructure;

namespace Aktivitetsplikt.Web.Pipeline;

/// <summary>
/// Need-to-know: staff see the cases they reported or hold a measure in (in the current plan); a principal their school
/// (not a case where school leadership is suspected); the § 9A team every school of their school
/// owner; the administrator no cases. One filter for every list and every case request.
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
                // A measure in the current plan only: someone taken off the plan loses sight of the case.
                var measureCases = db.PlanVersions
                    .Where(p => p.Measures.Any(m => m.ResponsibleUserId == me)
                        && p.Version == db.PlanVersions.Where(q => q.CaseId == p.CaseId).Max(q => q.Version))
                    .Select(p => p.CaseId);
                return cases.Where(c => c.ReportedByUserId == me || measureCases.Contains(c.Id));
            case Role.Principal:
                var school = user.SchoolId;
                return cases.Where(c => c.SchoolId == school && !c.Flags.Any(f => f.Kind == FlagKind.LeadershipSuspected));
            case Role.SchoolOwnerTeam:
                var owner = user.SchoolOwnerId;
                var schools = db.Schools.Where(s => s.SchoolOwnerId == owner).Select(s => s.Id);
                return cases.Where(c => schools.Contains(c.SchoolId));
            default:
                return cases.Where(_ => false);
        }
    }
}
