using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Domain.Deadlines;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Features.Oversight;
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
/// <item><b>From concern to the principal knowing, and from knowing to investigating</b> (what the county governors'
/// audits most often find late): over the cohort, from the concern (the first entry's <see cref="CaseEntry.OccurredAtUtc"/>,
/// when the staff member saw or heard it, never later than it was recorded) to the principal knowing (the first
/// <see cref="EntryKind.PrincipalNotified"/> entry, the concern recorded by the principal, or on the § 12-5 leadership path
/// the school owner told at once), and from knowing to the first <see cref="EntryKind.InvestigationStarted"/>. Median and
/// 90th percentile (nearest rank) over the cases that reached the step, with how many did; and of the cases whose
/// routine deadline (<see cref="DeadlineKind.NotifyPrincipal"/>, <see cref="DeadlineKind.StartInvestigation"/>) is met or
/// passed, those that took longer than it. A case told to the principal at once has no notify deadline and is on time.</item>
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

    /// <summary>
    /// How long a step took over the <see cref="Cases"/> cases that reached it (median and 90th percentile, null when
    /// none did), and of the <see cref="Assessed"/> cases whose routine deadline is met or passed, how many took longer.
    /// </summary>
    public sealed record Duration(int Cases, TimeSpan? Median, TimeSpan? Percentile90, int LongerThanRoutine, int Assessed)
    {
        public static Duration None { get; } = new(0, null, null, 0, 0);
        public double? LongerShare => Assessed == 0 ? null : (double)LongerThanRoutine / Assessed;
    }

    /// <summary>The median (mean of the two middle values for an even count) and the nearest-rank 90th percentile.</summary>
    public static (TimeSpan? Median, TimeSpan? Percentile90) Spread(IReadOnlyCollection<TimeSpan> values)
    {
        if (values.Count == 0) return (null, null);
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        var median = sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        return (median, sorted[(int)Math.Ceiling(0.9 * sorted.Length) - 1]);
    }

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
        int CountyGovernor,
        Duration ConcernToPrincipal,
        Duration PrincipalToInvestigation)
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

    /// <summary>
    /// The figures are kept for <see cref="SummaryCache.StatisticsBound"/> per scope (the school owner, or the principal's
    /// school), school and period: they read every case of the period and its milestones (ADR 024). <see cref="Result.AsOfUtc"/>
    /// says when they were computed.
    /// </summary>
    public sealed class Handler(AppDbContext db, ICurrentUser user, TimeProvider time, SummaryCache cache) : IRequestHandler<Query, Result>
    {
        public Task<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var period = ResolvePeriod(query.FromMonth, query.ToMonth, time.UtcNow());
            var scope = user.Role == Role.Principal ? $"school:{user.SchoolId}" : $"owner:{user.SchoolOwnerId}";
            return cache.GetAsync($"statistics:{scope}:{query.SchoolId}:{period.FromMonth:yyyy-MM}:{period.ToMonth:yyyy-MM}", SummaryCache.StatisticsBound,
                () => ComputeAsync(query, CancellationToken.None));
        }

        private async Task<Result> ComputeAsync(Query query, CancellationToken cancellationToken)
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

            var milestones = await (
                    from e in db.CaseEntries
                    where e.Kind == EntryKind.ConcernLogged || e.Kind == EntryKind.PrincipalNotified
                        || e.Kind == EntryKind.SchoolOwnerNotified || e.Kind == EntryKind.InvestigationStarted
                    join c in cohortQuery on e.CaseId equals c.Id
                    select new { e.CaseId, e.Kind, e.Sequence, e.RecordedAtUtc, e.OccurredAtUtc, e.ActorRole })
                .AsNoTracking().ToListAsync(cancellationToken);
            var routineDeadlines = await (
                    from d in db.Deadlines
                    where d.Kind == DeadlineKind.NotifyPrincipal || d.Kind == DeadlineKind.StartInvestigation
                    join c in cohortQuery on d.CaseId equals c.Id
                    select new { d.CaseId, d.Kind, d.DueUtc, d.CreatedAtUtc, d.SupersededAtUtc })
                .AsNoTracking().ToListAsync(cancellationToken);
            // The binding routine deadline per case and kind: the first one set that no later one replaced (a § 12-5
            // report replaces the school-days deadline with the routine's hours).
            var routine = routineDeadlines.Where(d => d.SupersededAtUtc == null).GroupBy(d => (d.CaseId, d.Kind))
                .ToDictionary(g => g.Key, g => g.MinBy(d => d.CreatedAtUtc)!.DueUtc);
            var timeline = milestones.GroupBy(m => m.CaseId).ToDictionary(g => g.Key, g =>
            {
                DateTime? First(Func<EntryKind, Role, bool> match) =>
                    g.Where(m => match(m.Kind, m.ActorRole)).Select(m => (DateTime?)m.RecordedAtUtc).Min();
                var concern = g.Where(m => m.Kind == EntryKind.ConcernLogged).MinBy(m => m.Sequence);
                return (
                    Concern: concern is null ? (DateTime?)null : concern.OccurredAtUtc < concern.RecordedAtUtc ? concern.OccurredAtUtc : concern.RecordedAtUtc,
                    Known: First((kind, role) => kind is EntryKind.PrincipalNotified or EntryKind.SchoolOwnerNotified
                        || (kind == EntryKind.ConcernLogged && role == Role.Principal)),
                    Investigation: First((kind, _) => kind == EntryKind.InvestigationStarted));
            });

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
                Duration Step(DeadlineKind routineKind, Func<Guid, (DateTime? From, DateTime? To)> span)
                {
                    var took = new List<TimeSpan>();
                    var (longer, assessedSteps) = (0, 0);
                    foreach (var c in mine)
                    {
                        var (from, to) = span(c.Id);
                        if (from is null) continue;
                        if (to is { } reached) took.Add(reached - from.Value);
                        if (!routine.TryGetValue((c.Id, routineKind), out var due))
                        {
                            // No deadline of the routine: the principal was told at once (on time) — or nothing to assess.
                            if (to is not null && routineKind == DeadlineKind.NotifyPrincipal) assessedSteps++;
                            continue;
                        }
                        if (to is null && due >= now) continue;
                        assessedSteps++;
                        if ((to ?? now) > due) longer++;
                    }
                    var (median, p90) = Spread(took);
                    return new Duration(took.Count, median, p90, longer, assessedSteps);
                }
                (DateTime?, DateTime?) Known(Guid id) => timeline.TryGetValue(id, out var t) ? (t.Concern, t.Known) : (null, null);
                (DateTime?, DateTime?) Investigated(Guid id) => timeline.TryGetValue(id, out var t) ? (t.Known, t.Investigation) : (null, null);
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
                    flags.Where(f => In(f.SchoolId) && f.Kind == FlagKind.TakenToCountyGovernor).Select(f => f.CaseId).Distinct().Count(),
                    Step(DeadlineKind.NotifyPrincipal, Known),
                    Step(DeadlineKind.StartInvestigation, Investigated));
            }

            var bySchool = shown.Select(s => FiguresFor(s.Id, s.Name)).ToList();
            var total = FiguresFor(schoolId, schoolId is null ? "" : shown[0].Name);
            return new Result(now, period, schools, schoolId, bySchool, total);
        }
    }
}
