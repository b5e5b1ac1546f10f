using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Domain.Deadlines;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Pipeline;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Aktivitetsplikt.Web.Features.Statistics;

/// <summary>
/// Statistics for the § 9A team (every school of its school owner, per school and in total, optionally one
/// school) and for a principal (their own school). Every case is seen through <see cref="CaseScope"/>, so a
/// principal's figures leave out the cases where school leadership is suspected, as their case list does.
/// The definitions, also in docs/statistics.md:
/// <list type="bullet">
/// <item><b>Open cases by state</b>: the cases not closed, by their state now; not bound to the period.</item>
/// <item><b>New cases per month</b>: cases by the Oslo calendar month of <see cref="Case.CreatedAtUtc"/>, the
/// moment the concern was logged, for each month of the period.</item>
/// <item><b>Evaluated on time</b>: of the <see cref="DeadlineKind.EvaluatePlan"/> deadlines due in the period
/// that are met or overdue, those met (<see cref="Deadline.MetAtUtc"/>) on or before <see cref="Deadline.DueUtc"/>.
/// Superseded deadlines (a later plan version named a new date) are left out; deadlines still open and not yet due
/// are left out, since they can still be met on time.</item>
/// <item><b>Days from concern to investigation / to adopted plan</b>: over the cases whose concern was logged in
/// the period (the cohort), calendar days from <see cref="Case.CreatedAtUtc"/> to the first
/// <see cref="EntryKind.InvestigationStarted"/> / <see cref="EntryKind.PlanAdopted"/> entry; the median over the
/// cases that reached the step, reported with how many did. CreatedAtUtc rather than the ConcernLogged entry's
/// OccurredAtUtc: the duty to investigate "snarast" runs from when the school knows, not from when the incident
/// happened (which the reporter enters, sometimes weeks back and approximately), and the deadlines are set from the
/// same moment.</item>
/// <item><b>§ 12-5 cases / cases taken to the county governor</b>: cases whose flag was set in the period (the
/// § 12-5 flag is set when the concern is logged; the county-governor flag when the school records it).</item>
/// </list>
/// Counting and filtering run in SQL; Oslo months, medians and the on-time classification in memory, since
/// SQLite has neither time zones nor a median (and no provider-specific SQL is written).
/// </summary>
public static class GetStatistics
{
    /// <param name="SchoolId">One school (the team only); a school outside the user's scope is ignored.</param>
    /// <param name="FromMonth">First month of the period (any day of it); default eleven months before <paramref name="ToMonth"/>.</param>
    /// <param name="ToMonth">Last month of the period; default the current month in Oslo.</param>
    [AllowedRoles(Role.SchoolOwnerTeam, Role.Principal)]
    public sealed record Query(Guid? SchoolId = null, DateOnly? FromMonth = null, DateOnly? ToMonth = null) : IRequest<Result>;

    public const int DefaultMonths = 12;
    public const int MaxMonths = 60;

    public static IReadOnlyList<CaseState> OpenStates { get; } = Enum.GetValues<CaseState>().Where(s => s != CaseState.Closed).ToArray();

    public sealed record SchoolOption(Guid Id, string Name);

    /// <summary>The period: whole Oslo calendar months, <see cref="StartUtc"/> inclusive to <see cref="EndUtc"/> exclusive.</summary>
    public sealed record Period(DateOnly FromMonth, DateOnly ToMonth, DateTime StartUtc, DateTime EndUtc)
    {
        public IReadOnlyList<DateOnly> Months
        {
            get
            {
                var months = new List<DateOnly>();
                for (var month = FromMonth; month <= ToMonth; month = month.AddMonths(1)) months.Add(month);
                return months;
            }
        }
    }

    /// <summary>A median in days over <see cref="Cases"/> cases; null when no case reached the step.</summary>
    public sealed record Median(int Cases, double? Days);

    /// <summary>Evaluation deadlines met on time, of those that are met or overdue.</summary>
    public sealed record OnTimeShare(int OnTime, int Assessed)
    {
        public double? Share => Assessed == 0 ? null : (double)OnTime / Assessed;
    }

    /// <summary>One school's figures, or all shown schools' (SchoolId null: the total).</summary>
    public sealed record Figures(
        Guid? SchoolId,
        string SchoolName,
        IReadOnlyDictionary<CaseState, int> OpenByState,
        IReadOnlyList<int> NewPerMonth,
        OnTimeShare EvaluatedOnTime,
        int Cohort,
        Median ConcernToInvestigation,
        Median ConcernToPlan,
        int EmployeeSuspected,
        int CountyGovernor)
    {
        public int Open(CaseState state) => OpenByState.GetValueOrDefault(state);
        public int OpenTotal => OpenByState.Values.Sum();
        /// <summary>New cases in the period: the same cases as the cohort.</summary>
        public int NewCases => NewPerMonth.Sum();
    }

    public sealed record Result(
        DateTime AsOfUtc,
        Period Period,
        IReadOnlyList<SchoolOption> Schools,
        Guid? SchoolId,
        IReadOnlyList<Figures> BySchool,
        Figures Total)
    {
        public string? SchoolName => Schools.FirstOrDefault(s => s.Id == SchoolId)?.Name;
        /// <summary>The team chooses among its schools; a principal has one.</summary>
        public bool CanChooseSchool => Schools.Count > 1;
    }

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            // Month arithmetic near year 1 or 9999 runs off the calendar (it was a 500 for ?fra=0001-01); the app's data is far inside this.
            RuleFor(q => q.FromMonth).Must(m => m is null || m.Value.Year is >= FirstYear and <= LastYear).WithErrorCode("MonthOutOfRange");
            RuleFor(q => q.ToMonth).Must(m => m is null || m.Value.Year is >= FirstYear and <= LastYear).WithErrorCode("MonthOutOfRange");
            RuleFor(q => q.FromMonth).Must((q, from) => from is null || q.ToMonth is null || MonthOf(from.Value) <= MonthOf(q.ToMonth.Value))
                .WithErrorCode("PeriodOrder").WithMessage("The period must start before it ends.");
            RuleFor(q => q.ToMonth).Must((q, to) => q.FromMonth is null || to is null || MonthsBetween(MonthOf(q.FromMonth.Value), MonthOf(to.Value)) <= MaxMonths)
                .WithErrorCode("PeriodLength").WithMessage($"The period can be at most {MaxMonths} months.");
        }
    }

    public const int FirstYear = 2000;
    public const int LastYear = 2100;

    public static DateOnly MonthOf(DateOnly date) => new(date.Year, date.Month, 1);

    /// <summary>How many months from one first-of-month to another, both included.</summary>
    public static int MonthsBetween(DateOnly from, DateOnly to) => (to.Year - from.Year) * 12 + to.Month - from.Month + 1;

    /// <summary>The period asked for, with the defaults: the last twelve months up to and including the current Oslo month.</summary>
    public static Period ResolvePeriod(DateOnly? fromMonth, DateOnly? toMonth, DateTime nowUtc)
    {
        var now = UiText.ToOslo(nowUtc);
        var to = toMonth is { } t ? MonthOf(t) : fromMonth is { } f0 ? MonthOf(f0).AddMonths(DefaultMonths - 1) : new DateOnly(now.Year, now.Month, 1);
        var from = fromMonth is { } f ? MonthOf(f) : to.AddMonths(-(DefaultMonths - 1));
        if (from > to) (from, to) = (to, from);
        return new Period(from, to, StartOfMonthUtc(from), StartOfMonthUtc(to.AddMonths(1)));
    }

    private static DateTime StartOfMonthUtc(DateOnly month) => UiText.FromOslo(month.ToDateTime(TimeOnly.MinValue));

    /// <summary>The middle value (the mean of the two middle values for an even count), over the cases that have one.</summary>
    public static Median MedianOf(IReadOnlyCollection<double> values)
    {
        if (values.Count == 0) return new Median(0, null);
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        var median = sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        return new Median(sorted.Length, median);
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user, TimeProvider time) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var now = time.UtcNow();
            var period = ResolvePeriod(query.FromMonth, query.ToMonth, now);
            var (start, end) = (period.StartUtc, period.EndUtc);

            var schoolsQuery = db.Schools.AsNoTracking();
            if (user.Role == Role.Principal)
            {
                var own = user.SchoolId;
                schoolsQuery = schoolsQuery.Where(s => s.Id == own);
            }
            else
            {
                var owner = user.SchoolOwnerId;
                schoolsQuery = schoolsQuery.Where(s => s.SchoolOwnerId == owner);
            }
            var schools = await schoolsQuery.OrderBy(s => s.Name).Select(s => new SchoolOption(s.Id, s.Name)).ToListAsync(cancellationToken);
            var schoolId = schools.Count > 1 && query.SchoolId is { } id && schools.Any(s => s.Id == id) ? id : (Guid?)null;
            var shown = schoolId is null ? schools : schools.Where(s => s.Id == schoolId).ToList();

            var cases = db.Cases.AsNoTracking().VisibleTo(db, user);
            if (schoolId is not null) cases = cases.Where(c => c.SchoolId == schoolId);

            var open = await cases.Where(c => c.State != CaseState.Closed)
                .GroupBy(c => new { c.SchoolId, c.State })
                .Select(g => new { g.Key.SchoolId, g.Key.State, Count = g.Count() })
                .ToListAsync(cancellationToken);

            var cohortQuery = cases.Where(c => c.CreatedAtUtc >= start && c.CreatedAtUtc < end);
            var cohort = await cohortQuery.Select(c => new { c.Id, c.SchoolId, c.CreatedAtUtc }).ToListAsync(cancellationToken);

            var steps = await (
                    from e in db.CaseEntries
                    where e.Kind == EntryKind.InvestigationStarted || e.Kind == EntryKind.PlanAdopted
                    join c in cohortQuery on e.CaseId equals c.Id
                    select new { e.CaseId, e.Kind, e.RecordedAtUtc })
                .AsNoTracking().ToListAsync(cancellationToken);
            // The first time each step was reached: a reopened case investigates again, and that does not restart the clock.
            var firstStep = steps.GroupBy(s => (s.CaseId, s.Kind)).ToDictionary(g => g.Key, g => g.Min(s => s.RecordedAtUtc));

            var evaluations = await (
                    from d in db.Deadlines
                    where d.Kind == DeadlineKind.EvaluatePlan && d.SupersededAtUtc == null && d.DueUtc >= start && d.DueUtc < end
                        && (d.MetAtUtc != null || d.DueUtc < now)
                    join c in cases on d.CaseId equals c.Id
                    select new { c.SchoolId, d.DueUtc, d.MetAtUtc })
                .AsNoTracking().ToListAsync(cancellationToken);

            var flags = await (
                    from f in db.CaseFlags
                    where (f.Kind == FlagKind.EmployeeSuspected || f.Kind == FlagKind.TakenToCountyGovernor) && f.SetAtUtc >= start && f.SetAtUtc < end
                    join c in cases on f.CaseId equals c.Id
                    select new { c.SchoolId, f.CaseId, f.Kind })
                .AsNoTracking().ToListAsync(cancellationToken);

            var months = period.Months;

            Figures FiguresFor(Guid? school, string name)
            {
                bool In(Guid caseSchool) => school is null || caseSchool == school;
                var mine = cohort.Where(c => In(c.SchoolId)).ToList();
                var perMonth = months.Select(m => mine.Count(c =>
                {
                    var local = UiText.ToOslo(c.CreatedAtUtc);
                    return local.Year == m.Year && local.Month == m.Month;
                })).ToList();
                Median DaysTo(EntryKind kind) => MedianOf(mine
                    .Where(c => firstStep.ContainsKey((c.Id, kind)))
                    .Select(c => (firstStep[(c.Id, kind)] - c.CreatedAtUtc).TotalDays).ToList());
                var assessed = evaluations.Where(e => In(e.SchoolId)).ToList();
                return new Figures(
                    school, name,
                    open.Where(o => In(o.SchoolId)).GroupBy(o => o.State).ToDictionary(g => g.Key, g => g.Sum(o => o.Count)),
                    perMonth,
                    new OnTimeShare(assessed.Count(e => e.MetAtUtc <= e.DueUtc), assessed.Count),
                    mine.Count,
                    DaysTo(EntryKind.InvestigationStarted),
                    DaysTo(EntryKind.PlanAdopted),
                    flags.Where(f => In(f.SchoolId) && f.Kind == FlagKind.EmployeeSuspected).Select(f => f.CaseId).Distinct().Count(),
                    flags.Where(f => In(f.SchoolId) && f.Kind == FlagKind.TakenToCountyGovernor).Select(f => f.CaseId).Distinct().Count());
            }

            var bySchool = shown.Select(s => FiguresFor(s.Id, s.Name)).ToList();
            var total = FiguresFor(schoolId, schoolId is null ? "" : shown[0].Name);
            return new Result(now, period, schools, schoolId, bySchool, total);
        }
    }
}
