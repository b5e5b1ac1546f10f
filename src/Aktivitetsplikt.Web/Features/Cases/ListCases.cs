using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Domain.Organisation;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Features.Oversight;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Pipeline;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Aktivitetsplikt.Web.Features.Cases;

/// <summary>
/// The case list within the user's scope: new concerns first, then by state, then by the nearest
/// deadline (or sorted by a column the user chose); filter by school, state, overdue, open/closed and pupil name;
/// paged. Filtering, sorting and paging are all in the SQL query, on the case's stored work order
/// (<see cref="Case.WorkRank"/>, <see cref="Case.DueOrderUtc"/>) and its indexes (ADR 024): a page reads its own rows
/// from an index, and the count is an index range, not a sort of every visible case.
/// </summary>
public static class ListCases
{
    public enum Status { Open, Closed, All }

    /// <summary>The columns a user can sort the list by; <see cref="Default"/> is the work order described above.</summary>
    public enum SortColumn { Default, Number, Pupil, State, Deadline, Updated, Created }

    public sealed record Query(Guid? SchoolId = null, CaseState? State = null, bool OverdueOnly = false, Status Show = Status.Open,
        string? Search = null, int Page = 1, int PageSize = 25, SortColumn Sort = SortColumn.Default, bool Descending = false,
        DateTime? DueBeforeUtc = null, bool NewConcernsOnly = false) : IRequest<Result>;

    public sealed record Item(Guid Id, string CaseNumber, Guid SchoolId, string SchoolName, string PupilName, string PupilGroup,
        CaseState State, DateTime CreatedAtUtc, DateTime UpdatedAtUtc, DateTime? NextDeadlineUtc, bool IsOverdue,
        bool EmployeeSuspected, bool LeadershipSuspected, bool Escalated, bool ParticularlyVulnerable, bool WithCountyGovernor);

    public sealed record Result(IReadOnlyList<Item> Items, int Total, int Page, int PageSize)
    {
        public int PageCount => Math.Max(1, (int)Math.Ceiling(Total / (double)PageSize));
    }

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Page).GreaterThanOrEqualTo(1);
            RuleFor(q => q.PageSize).InclusiveBetween(1, 200);
            RuleFor(q => q.Search).MaximumLength(100);
            RuleFor(q => q.State).IsInEnum();
            RuleFor(q => q.Sort).IsInEnum();
            RuleFor(q => q.Show).IsInEnum();
        }
    }

    /// <summary>A case with its school's name and its pupil, as the query filters and sorts them (translated to SQL).</summary>
    private sealed class Row
    {
        public required Case Case { get; init; }
        public required string SchoolName { get; init; }
        /// <summary>Null for a "si fra" case whose pupil is not identified yet (the query joins left; SQL reads its columns as null).</summary>
        public required Pupil? Pupil { get; init; }
    }

    /// <summary>A total kept in <see cref="SummaryCache"/> (which keeps objects).</summary>
    private sealed record Total(int Value);

    /// <param name="staffScope">The kept keys of a teacher's measure and delegated cases; without it (the CSV export, which
    /// builds a handler of its own) they are read on each request.</param>
    public sealed class Handler(AppDbContext db, ICurrentUser user, TimeProvider time, SummaryCache cache, StaffScopeKeys? staffScope = null)
        : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var now = time.UtcNow();
            // A member of staff's scope is a union, read from the keys kept of its costly parts (ADR 035).
            var staff = await db.Cases.AsNoTracking().VisibleToInPartsAsync(db, user, staffScope, cancellationToken);
            // The same filters on the scope in two forms: one that counts cheaply, one that reads a page in the index's order.
            var cases = Filtered(staff?.All ?? db.Cases.AsNoTracking().VisibleTo(db, user), query, now);
            var inOrder = staff is null ? Filtered(db.Cases.AsNoTracking().VisibleInOrderTo(db, user), query, now) : cases;

            var rows = Searched(WithNames(inOrder), query);

            // The count reads the case index alone unless the search needs the pupil's name. Without a search or "overdue"
            // (which changes as time passes) it is kept per scope and filter (SummaryCache.CountBound): every committed
            // command drops it, so it is exact for this instance's changes; the page's rows are always read live.
            var total = !string.IsNullOrWhiteSpace(query.Search)
                ? await rows.CountAsync(cancellationToken)
                : query.OverdueOnly
                    ? await cases.CountAsync(cancellationToken)
                    : (await cache.GetAsync(
                        $"count:{CaseScope.ScopeKey(user)}:{query.SchoolId}:{query.State}:{query.Show}:{query.DueBeforeUtc?.Ticks}:{query.NewConcernsOnly}",
                        SummaryCache.CountBound, async () => new Total(await cases.CountAsync(CancellationToken.None)))).Value;
            // The page's keys first, then its columns: a list SQLite must sort (the teacher's scope is a union of index
            // lookups, a column sort) otherwise computed every column — the five flag look-ups, the school's and pupil's
            // names — for every case in scope before sorting them (761 for a seeded teacher), not for the 25 shown.
            var pageIds = PageIds(rows, staff, query, now);
            // The keys come from the scoped, filtered rows, so their columns are read by key alone: repeating the scope here
            // made SQLite build the teacher's scope lists (their measures' cases, their delegations) a second time per view.
            var page = await Sorted(WithNames(db.Cases.AsNoTracking().Where(c => pageIds.Contains(c.Id))), query)
                .Select(r => new Item(
                    r.Case.Id, r.Case.CaseNumber, r.Case.SchoolId, r.SchoolName, r.Pupil == null ? "" : r.Pupil.FirstName + " " + r.Pupil.LastName, r.Pupil == null ? "" : r.Pupil.Group,
                    r.Case.State, r.Case.CreatedAtUtc, r.Case.UpdatedAtUtc, r.Case.NextDeadlineUtc,
                    r.Case.NextDeadlineUtc != null && r.Case.NextDeadlineUtc < now,
                    r.Case.Flags.Any(f => f.Kind == FlagKind.EmployeeSuspected),
                    r.Case.Flags.Any(f => f.Kind == FlagKind.LeadershipSuspected),
                    r.Case.Flags.Any(f => f.Kind == FlagKind.EscalatedToSchoolOwner),
                    r.Case.Flags.Any(f => f.Kind == FlagKind.ParticularlyVulnerable),
                    r.Case.Flags.Any(f => f.Kind == FlagKind.TakenToCountyGovernor)))
                .ToListAsync(cancellationToken);
            return new Result(page, total, query.Page, query.PageSize);
        }

        /// <summary>
        /// The page's keys in the list's order. A scope that is a union of parts (a teacher's: reported, and measures or
        /// delegations) is read part by part, each in its own order and only as far as this page reaches — the reported
        /// part from its work-order index (ADR 032) — and the page is cut from their merged keys: the first N of a union
        /// are among the first N of its parts. Over the union itself SQLite sorted every case in scope on each view.
        /// The parts' first keys are sub-queries of the page's own statement (one round trip, not one per part).
        /// A scope of one part (a teacher with no measure or delegation) is read as one.
        /// </summary>
        private IQueryable<Guid> PageIds(IQueryable<Row> rows, CaseScope.StaffParts? staff, Query query, DateTime now)
        {
            var skip = (query.Page - 1) * query.PageSize;
            if (staff is not { Parts: { Count: > 1 } parts })
                return Sorted(rows, query).Skip(skip).Take(query.PageSize).Select(r => r.Case.Id);
            var reach = skip + query.PageSize;
            var candidates = parts
                .Select(part => Sorted(Searched(WithNames(Filtered(part, query, now)), query), query).Take(reach).Select(r => r.Case.Id))
                .Aggregate((first, next) => first.Concat(next));
            return Sorted(WithNames(db.Cases.AsNoTracking().Where(c => candidates.Contains(c.Id))), query)
                .Skip(skip).Take(query.PageSize).Select(r => r.Case.Id);
        }

        private static IQueryable<Row> Searched(IQueryable<Row> rows, Query query)
        {
            if (string.IsNullOrWhiteSpace(query.Search)) return rows;
            var term = SearchTerms.For(query.Search);
            return rows.Where(r => (r.Pupil!.FirstName + " " + r.Pupil!.LastName).ToLower().Contains(term.Lower)
                || (r.Pupil!.FirstName + " " + r.Pupil!.LastName).Contains(term.Title)
                || (r.Pupil!.FirstName + " " + r.Pupil!.LastName).Contains(term.Upper)
                || r.Case.CaseNumber.Contains(term.AsTyped));
        }

        private IQueryable<Row> WithNames(IQueryable<Case> cases) =>
            from c in cases
            join s in db.Schools on c.SchoolId equals s.Id
            // A "si fra" case has no pupil until the principal identifies one.
            join p in db.Pupils on c.PupilId equals (Guid?)p.Id into pupils
            from p in pupils.DefaultIfEmpty()
            select new Row { Case = c, SchoolName = s.Name, Pupil = p };

        private static IQueryable<Case> Filtered(IQueryable<Case> cases, Query query, DateTime now)
        {
            if (query.SchoolId is { } schoolId) cases = cases.Where(c => c.SchoolId == schoolId);
            if (query.State is { } state)
            {
                var rank = Case.WorkRankOf(state);
                cases = cases.Where(c => c.WorkRank == rank);
            }
            if (query.Show == Status.Open) cases = cases.Where(c => c.WorkRank < Case.ClosedRank);
            if (query.Show == Status.Closed) cases = cases.Where(c => c.WorkRank == Case.ClosedRank);
            // A case without a deadline has DueOrderUtc = NoDeadline, after every real date.
            if (query.OverdueOnly) cases = cases.Where(c => c.DueOrderUtc < now);
            // The start page: a deadline before the given time; with NewConcernsOnly, a concern not yet investigated that has none.
            if (query.DueBeforeUtc is { } before)
                cases = query.NewConcernsOnly
                    ? cases.Where(c => c.WorkRank < Case.FirstRankAfterNewConcerns && c.DueOrderUtc >= before)
                    : cases.Where(c => c.DueOrderUtc < before);
            return cases;
        }

        /// <summary>Every order ends in a unique key, so that paging shows each case exactly once.</summary>
        private static IOrderedQueryable<Row> Sorted(IQueryable<Row> rows, Query query) => (query.Sort, query.Descending) switch
        {
            (SortColumn.Number, false) => rows.OrderBy(r => r.Case.CaseNumber),
            (SortColumn.Number, true) => rows.OrderByDescending(r => r.Case.CaseNumber),
            (SortColumn.Pupil, false) => rows.OrderBy(r => r.Pupil!.FirstName).ThenBy(r => r.Pupil!.LastName).ThenBy(r => r.Case.CaseNumber),
            (SortColumn.Pupil, true) => rows.OrderByDescending(r => r.Pupil!.FirstName).ThenByDescending(r => r.Pupil!.LastName).ThenBy(r => r.Case.CaseNumber),
            // The state in the workflow's order (the work order's rank), not the stored name's alphabet.
            (SortColumn.State, false) => rows.OrderBy(r => r.Case.WorkRank).ThenBy(r => r.Case.CaseNumber),
            (SortColumn.State, true) => rows.OrderByDescending(r => r.Case.WorkRank).ThenBy(r => r.Case.CaseNumber),
            // Cases without a deadline last either way: sorting by deadline is about the ones that have one.
            (SortColumn.Deadline, false) => rows.OrderBy(r => r.Case.DueOrderUtc).ThenBy(r => r.Case.CaseNumber),
            (SortColumn.Deadline, true) => rows.OrderBy(r => r.Case.DueOrderUtc == Case.NoDeadline ? 1 : 0).ThenByDescending(r => r.Case.DueOrderUtc).ThenBy(r => r.Case.CaseNumber),
            (SortColumn.Updated, false) => rows.OrderBy(r => r.Case.UpdatedAtUtc).ThenBy(r => r.Case.CaseNumber),
            (SortColumn.Updated, true) => rows.OrderByDescending(r => r.Case.UpdatedAtUtc).ThenBy(r => r.Case.CaseNumber),
            (SortColumn.Created, false) => rows.OrderBy(r => r.Case.CreatedAtUtc).ThenBy(r => r.Case.CaseNumber),
            (SortColumn.Created, true) => rows.OrderByDescending(r => r.Case.CreatedAtUtc).ThenBy(r => r.Case.CaseNumber),
            // The work order: new concerns first, then by state, then the nearest deadline (none last), the newest concern first.
            _ => rows.OrderBy(r => r.Case.WorkRank).ThenBy(r => r.Case.DueOrderUtc).ThenByDescending(r => r.Case.CreatedAtUtc).ThenBy(r => r.Case.Id),
        };
    }
}
