using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Domain.Deadlines;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Pipeline;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Aktivitetsplikt.Web.Features.Oversight;

/// <summary>
/// The § 9A team's overview of its school owner's schools: open cases per school and state, every
/// overdue deadline (oldest first), and the cases the school owner follows itself: § 12-5 cases,
/// cases with the county governor and cases escalated to the school owner. Optionally one school.
/// </summary>
public static class GetOverview
{
    /// <summary>A school that is not one of the team's own is ignored (all schools are shown), so the filter reveals nothing.</summary>
    [AllowedRoles(Role.SchoolOwnerTeam)]
    public sealed record Query(Guid? SchoolId = null) : IRequest<Result>;

    public static IReadOnlyList<CaseState> OpenStates { get; } = Enum.GetValues<CaseState>().Where(s => s != CaseState.Closed).ToArray();

    public sealed record SchoolOption(Guid Id, string Name);

    /// <summary>Case counts by state for one school, or for all shown schools (the total row, SchoolId null).</summary>
    public sealed record StateCounts(Guid? SchoolId, string SchoolName, IReadOnlyDictionary<CaseState, int> ByState)
    {
        public int Count(CaseState state) => ByState.GetValueOrDefault(state);
        public int Open => OpenStates.Sum(Count);
        public int Closed => Count(CaseState.Closed);
    }

    public sealed record OverdueItem(Guid CaseId, string CaseNumber, string SchoolName, string PupilName, string PupilGroup,
        DeadlineKind Kind, DateTime DueUtc, TimeSpan OverdueBy);

    public sealed record FlaggedCase(Guid CaseId, string CaseNumber, string SchoolName, string PupilName, string PupilGroup,
        CaseState State, DateTime FlaggedAtUtc, bool LeadershipSuspected);

    public sealed record Result(
        DateTime AsOfUtc,
        IReadOnlyList<SchoolOption> Schools,
        Guid? SchoolId,
        IReadOnlyList<StateCounts> BySchool,
        StateCounts Total,
        IReadOnlyList<OverdueItem> Overdue,
        IReadOnlyList<FlaggedCase> EmployeeSuspected,
        IReadOnlyList<FlaggedCase> WithCountyGovernor,
        IReadOnlyList<FlaggedCase> Escalated)
    {
        public string? SchoolName => Schools.FirstOrDefault(s => s.Id == SchoolId)?.Name;
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user, TimeProvider time) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var now = time.UtcNow();
            var owner = user.SchoolOwnerId;
            var schools = await db.Schools.AsNoTracking().Where(s => s.SchoolOwnerId == owner).OrderBy(s => s.Name)
                .Select(s => new SchoolOption(s.Id, s.Name)).ToListAsync(cancellationToken);
            var schoolId = query.SchoolId is { } id && schools.Any(s => s.Id == id) ? id : (Guid?)null;
            var shown = schoolId is null ? schools : schools.Where(s => s.Id == schoolId).ToList();

            var cases = db.Cases.AsNoTracking().VisibleTo(db, user);
            if (schoolId is not null) cases = cases.Where(c => c.SchoolId == schoolId);

            var counts = await cases.GroupBy(c => new { c.SchoolId, c.State })
                .Select(g => new { g.Key.SchoolId, g.Key.State, Count = g.Count() })
                .ToListAsync(cancellationToken);
            var bySchool = shown.Select(s => new StateCounts(s.Id, s.Name,
                counts.Where(c => c.SchoolId == s.Id).ToDictionary(c => c.State, c => c.Count))).ToList();
            var total = new StateCounts(null, "", counts.GroupBy(c => c.State).ToDictionary(g => g.Key, g => g.Sum(c => c.Count)));

            var overdue = await (
                    from d in db.Deadlines
                    where d.MetAtUtc == null && d.SupersededAtUtc == null && d.DueUtc < now
                    join c in cases on d.CaseId equals c.Id
                    join s in db.Schools on c.SchoolId equals s.Id
                    join p in db.Pupils on c.PupilId equals (Guid?)p.Id into pupils
                    from p in pupils.DefaultIfEmpty()
                    orderby d.DueUtc, c.CaseNumber
                    select new { c.Id, c.CaseNumber, SchoolName = s.Name, p.FirstName, p.LastName, p.Group, d.Kind, d.DueUtc })
                .AsNoTracking().ToListAsync(cancellationToken);

            var flagged = await (
                    from f in db.CaseFlags
                    where f.Kind == FlagKind.EmployeeSuspected || f.Kind == FlagKind.TakenToCountyGovernor || f.Kind == FlagKind.EscalatedToSchoolOwner
                    join c in cases on f.CaseId equals c.Id
                    join s in db.Schools on c.SchoolId equals s.Id
                    join p in db.Pupils on c.PupilId equals (Guid?)p.Id into pupils
                    from p in pupils.DefaultIfEmpty()
                    select new
                    {
                        f.Kind, f.SetAtUtc, c.Id, c.CaseNumber, SchoolName = s.Name, p.FirstName, p.LastName, p.Group, c.State,
                        Leadership = c.Flags.Any(x => x.Kind == FlagKind.LeadershipSuspected),
                    })
                .AsNoTracking().ToListAsync(cancellationToken);

            // Open cases before closed ones, and within each the most recently flagged first.
            IReadOnlyList<FlaggedCase> Flagged(FlagKind kind) => flagged.Where(f => f.Kind == kind)
                .OrderBy(f => f.State == CaseState.Closed).ThenByDescending(f => f.SetAtUtc).ThenBy(f => f.CaseNumber)
                .Select(f => new FlaggedCase(f.Id, f.CaseNumber, f.SchoolName, $"{f.FirstName} {f.LastName}".Trim(), f.Group ?? "", f.State, f.SetAtUtc, f.Leadership))
                .ToList();

            return new Result(
                now, schools, schoolId, bySchool, total,
                overdue.Select(o => new OverdueItem(o.Id, o.CaseNumber, o.SchoolName, $"{o.FirstName} {o.LastName}".Trim(), o.Group ?? "", o.Kind, o.DueUtc, now - o.DueUtc)).ToList(),
                Flagged(FlagKind.EmployeeSuspected),
                Flagged(FlagKind.TakenToCountyGovernor),
                Flagged(FlagKind.EscalatedToSchoolOwner));
        }
    }
}
