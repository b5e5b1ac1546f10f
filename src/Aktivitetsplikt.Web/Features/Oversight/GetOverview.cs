using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Domain.Deadlines;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Pipeline;
using FluentValidation;
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
    /// <param name="Page">The page of the overdue deadlines' table (<see cref="PageSize"/> a page).</param>
    public sealed record Query(Guid? SchoolId = null, int Page = 1) : IRequest<Result>;

    public const int PageSize = 25;
    /// <summary>The flagged cases shown per kind (open first, newest flag first); the heading gives how many there are.</summary>
    public const int MaxFlagged = 50;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => RuleFor(q => q.Page).InclusiveBetween(1, 10_000);
    }

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
        /// <summary>Every overdue deadline (<see cref="Overdue"/> is one page of them).</summary>
        public int OverdueTotal { get; init; }
        public int Page { get; init; } = 1;
        public int PageCount => Math.Max(1, (int)Math.Ceiling(OverdueTotal / (double)PageSize));
        /// <summary>How many cases carry each flag (the lists show the first <see cref="MaxFlagged"/>).</summary>
        public IReadOnlyDictionary<FlagKind, int> FlaggedTotals { get; init; } = new Dictionary<FlagKind, int>();
        /// <summary>When the counts and flagged lists were computed (<see cref="SummaryCache.OverviewBound"/> at most before <see cref="AsOfUtc"/>).</summary>
        public DateTime FiguresAtUtc { get; init; }
        public int FlaggedTotal(FlagKind kind) => FlaggedTotals.GetValueOrDefault(kind);
        /// <summary>
        /// The kept figures this result's counts and flagged lists are from: the same object for every view of the same
        /// figures, a new one when they are computed afresh — what their rendered markup is kept with (<see cref="KeptMarkup"/>).
        /// </summary>
        public object? Kept { get; init; }
    }

    /// <summary>The part that aggregates every case of the schools shown: kept in <see cref="SummaryCache"/>.</summary>
    private sealed record Summary(DateTime AtUtc, IReadOnlyList<StateCounts> BySchool, StateCounts Total, int OverdueTotal,
        IReadOnlyDictionary<FlagKind, IReadOnlyList<FlaggedCase>> Flagged, IReadOnlyDictionary<FlagKind, int> FlaggedTotals);

    /// <param name="scopes">For the refresh apart from the request (ADR 036): a database context of its own.</param>
    public sealed class Handler(AppDbContext db, ICurrentUser user, TimeProvider time, SummaryCache cache, IServiceScopeFactory scopes) : IRequestHandler<Query, Result>
    {
        private static readonly FlagKind[] Followed = [FlagKind.EmployeeSuspected, FlagKind.TakenToCountyGovernor, FlagKind.EscalatedToSchoolOwner];

        public async Task<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var now = time.UtcNow();
            var owner = user.SchoolOwnerId;
            var schools = await db.Schools.AsNoTracking().Where(s => s.SchoolOwnerId == owner).OrderBy(s => s.Name)
                .Select(s => new SchoolOption(s.Id, s.Name)).ToListAsync(cancellationToken);
            var schoolId = query.SchoolId is { } id && schools.Any(s => s.Id == id) ? id : (Guid?)null;
            var shown = schoolId is null ? schools : schools.Where(s => s.Id == schoolId).ToList();

            var cases = Cases(db, user, schoolId);
            var overdue = Overdue(db, cases, now);

            // Past half the bound the figures are recomputed apart from this request, under this user's scope, fixed now.
            var scopeUser = ScopeUser.Of(user);
            var summary = await cache.GetAsync($"overview:{owner}:{schoolId}", SummaryCache.OverviewBound,
                () => SummaryAsync(db, user, schoolId, shown, now),
                async () =>
                {
                    await using var scope = scopes.CreateAsyncScope();
                    return await SummaryAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), scopeUser, schoolId, shown, now);
                });

            // One page of the overdue deadlines, oldest first: an index range on the open deadlines, read live.
            var page = await (
                    from o in overdue
                    join s in db.Schools on o.Case.SchoolId equals s.Id
                    join p in db.Pupils on o.Case.PupilId equals (Guid?)p.Id into pupils
                    from p in pupils.DefaultIfEmpty()
                    orderby o.Deadline.DueUtc, o.Case.CaseNumber, o.Deadline.Id
                    select new { o.Case.Id, o.Case.CaseNumber, SchoolName = s.Name, p.FirstName, p.LastName, p.Group, o.Deadline.Kind, o.Deadline.DueUtc })
                .Skip((query.Page - 1) * PageSize).Take(PageSize)
                .AsNoTracking().ToListAsync(cancellationToken);

            return new Result(
                now, schools, schoolId, summary.BySchool, summary.Total,
                page.Select(o => new OverdueItem(o.Id, o.CaseNumber, o.SchoolName, $"{o.FirstName} {o.LastName}".Trim(), o.Group ?? "", o.Kind, o.DueUtc, now - o.DueUtc)).ToList(),
                summary.Flagged[FlagKind.EmployeeSuspected],
                summary.Flagged[FlagKind.TakenToCountyGovernor],
                summary.Flagged[FlagKind.EscalatedToSchoolOwner])
            {
                OverdueTotal = summary.OverdueTotal,
                Page = query.Page,
                FlaggedTotals = summary.FlaggedTotals,
                FiguresAtUtc = summary.AtUtc,
                Kept = summary,
            };
        }

        /// <summary>The cases the user sees, of the one school shown if one is.</summary>
        private static IQueryable<Case> Cases(AppDbContext db, ICurrentUser user, Guid? schoolId)
        {
            var cases = db.Cases.AsNoTracking().VisibleTo(db, user);
            return schoolId is null ? cases : cases.Where(c => c.SchoolId == schoolId);
        }

        /// <summary>
        /// The same cases, with the team's schools as a correlated EXISTS (<see cref="CaseScope.VisibleInOrderTo"/>): for the
        /// flagged cases, so that SQLite starts from the 20,000 flags and looks each case up, instead of reading all 100,000
        /// cases of the listed schools row by row to find their flags (4–8× the CPU on the seeded database).
        /// </summary>
        private static IQueryable<Case> CasesFromTheirFlags(AppDbContext db, ICurrentUser user, Guid? schoolId)
        {
            var cases = db.Cases.AsNoTracking().VisibleInOrderTo(db, user);
            return schoolId is null ? cases : cases.Where(c => c.SchoolId == schoolId);
        }

        /// <summary>The open deadlines past due at <paramref name="now"/>: what the overdue table lists and the overdue count counts.</summary>
        private static IQueryable<Deadline> PastDue(AppDbContext db, DateTime now) =>
            db.Deadlines.Where(d => d.MetAtUtc == null && d.SupersededAtUtc == null && d.DueUtc < now);

        private static IQueryable<OverdueRow> Overdue(AppDbContext db, IQueryable<Case> cases, DateTime now) =>
            from d in PastDue(db, now)
            join c in cases on d.CaseId equals c.Id
            select new OverdueRow { Deadline = d, Case = c };

        /// <summary>Set by member (not by constructor), so that EF Core can see through it to the deadline's and case's columns.</summary>
        private sealed class OverdueRow
        {
            public required Deadline Deadline { get; init; }
            public required Case Case { get; init; }
        }

        /// <summary>Counts by school and state (GROUP BY on the case index), the overdue count, and the flagged cases.</summary>
        private static async Task<Summary> SummaryAsync(AppDbContext db, ICurrentUser user, Guid? schoolId, IReadOnlyList<SchoolOption> shown, DateTime now)
        {
            var cases = Cases(db, user, schoolId);
            var flaggedCases = CasesFromTheirFlags(db, user, schoolId);
            var counts = await cases.GroupBy(c => new { c.SchoolId, c.State })
                .Select(g => new { g.Key.SchoolId, g.Key.State, Count = g.Count() })
                .ToListAsync(CancellationToken.None);
            var bySchool = shown.Select(s => new StateCounts(s.Id, s.Name,
                counts.Where(c => c.SchoolId == s.Id).ToDictionary(c => c.State, c => c.Count))).ToList();
            var total = new StateCounts(null, "", counts.GroupBy(c => c.State).ToDictionary(g => g.Key, g => g.Sum(c => c.Count)));
            var overdueTotal = await OverdueCountAsync(db, cases, now);

            // How many cases carry each followed flag (index look-ups per flag), and per flag only the cases shown: open before
            // closed, the most recently flagged first, at most MaxFlagged — sorted in the database, not thousands read to keep 50.
            var flaggedTotals = (await (
                    from f in db.CaseFlags
                    where f.Kind == FlagKind.EmployeeSuspected || f.Kind == FlagKind.TakenToCountyGovernor || f.Kind == FlagKind.EscalatedToSchoolOwner
                    join c in flaggedCases on f.CaseId equals c.Id
                    group f by f.Kind into g
                    select new { Kind = g.Key, Count = g.Count() })
                .ToListAsync(CancellationToken.None))
                .ToDictionary(g => g.Kind, g => g.Count);
            var flagged = new Dictionary<FlagKind, IReadOnlyList<FlaggedCase>>();
            foreach (var kind in Followed)
            {
                // The open cases first, then (only if fewer than MaxFlagged are open) the closed: each read newest flag first
                // from the flags' (Kind, SetAtUtc) index, stopping at the number shown. Sorted on "closed" first, SQLite looked
                // every case of the flag up (6,665 for the seeded § 12-5 flag) and sorted them all for 50 (ADR 039).
                var open = await FlaggedAsync(db, flaggedCases, kind, closed: false, MaxFlagged);
                flagged[kind] = open.Count < MaxFlagged
                    ? [.. open, .. await FlaggedAsync(db, flaggedCases, kind, closed: true, MaxFlagged - open.Count)]
                    : open;
            }

            return new Summary(now, bySchool, total, overdueTotal, flagged,
                Followed.ToDictionary(k => k, k => flaggedTotals.GetValueOrDefault(k)));
        }

        /// <summary>The cases shown under a flag, open or closed, the most recently flagged first (then by number).</summary>
        private static async Task<List<FlaggedCase>> FlaggedAsync(AppDbContext db, IQueryable<Case> flaggedCases, FlagKind kind, bool closed, int take)
        {
            var shown = closed ? flaggedCases.Where(c => c.State == CaseState.Closed) : flaggedCases.Where(c => c.State != CaseState.Closed);
            var rows = await (
                    from f in db.CaseFlags
                    where f.Kind == kind
                    join c in shown on f.CaseId equals c.Id
                    join s in db.Schools on c.SchoolId equals s.Id
                    join p in db.Pupils on c.PupilId equals (Guid?)p.Id into pupils
                    from p in pupils.DefaultIfEmpty()
                    orderby f.SetAtUtc descending, c.CaseNumber
                    select new
                    {
                        f.SetAtUtc, c.Id, c.CaseNumber, SchoolName = s.Name, p.FirstName, p.LastName, p.Group, c.State,
                        Leadership = c.Flags.Any(x => x.Kind == FlagKind.LeadershipSuspected),
                    })
                .Take(take)
                .AsNoTracking().ToListAsync(CancellationToken.None);
            return rows
                .Select(f => new FlaggedCase(f.Id, f.CaseNumber, f.SchoolName, $"{f.FirstName} {f.LastName}".Trim(), f.Group ?? "", f.State, f.SetAtUtc, f.Leadership))
                .ToList();
        }

        /// <summary>
        /// The open deadlines past due of the cases shown, counted without looking each one's case up (26,000 look-ups at 100k
        /// cases, most of the figures' computation). A case has an open deadline past due exactly when its earliest open
        /// deadline is past: <see cref="Case.DueOrderUtc"/>, which the aggregate keeps with its deadlines, so those cases are one
        /// range per school of the case index (SchoolId, DueOrderUtc). A case with more than one open deadline past due adds
        /// the others, found from the open deadlines' index (which holds the case) alone. The same number as counting the
        /// deadlines themselves (ADR 039).
        /// </summary>
        private static async Task<int> OverdueCountAsync(AppDbContext db, IQueryable<Case> cases, DateTime now)
        {
            var casesWithOverdue = await cases.CountAsync(c => c.DueOrderUtc < now, CancellationToken.None);
            var moreThanOne =
                from g in PastDue(db, now)
                    .GroupBy(d => d.CaseId)
                    .Where(g => g.Count() > 1)
                    .Select(g => new { CaseId = g.Key, Others = g.Count() - 1 })
                join c in cases on g.CaseId equals c.Id
                select g.Others;
            return casesWithOverdue + await moreThanOne.SumAsync(CancellationToken.None);
        }
    }
}
