namespace Aktivitetsplikt.Domain.Deadlines;

public enum DeadlineKind
{
    /// <summary>The law sets no time word for telling the principal (§ 12-4 second paragraph); the school owner's routine says the same day.</summary>
    NotifyPrincipal,
    /// <summary>"Snarast" belongs to investigating and correcting (§ 12-4 second paragraph): the routine starts the investigation within a few school days, and within hours on the § 12-5 path (the law's "straks" there is the report, not the investigation).</summary>
    StartInvestigation,
    /// <summary>The plan is evaluated on the date it names.</summary>
    EvaluatePlan,
    /// <summary>The school owner's routine: the activity plan is fixed within so many days of the investigation starting.</summary>
    AdoptPlan,
}

/// <summary>A deadline on a case. Met deadlines stay, with when they were met.</summary>
public sealed class Deadline
{
    private Deadline() { }

    internal Deadline(Guid caseId, DeadlineKind kind, DateTime dueUtc, DateTime createdAtUtc, int? planVersion = null, bool shiftedByHolidays = false)
    {
        ShiftedByHolidays = shiftedByHolidays;
        Id = Guid.NewGuid();
        CaseId = caseId;
        Kind = kind;
        DueUtc = dueUtc;
        CreatedAtUtc = createdAtUtc;
        PlanVersion = planVersion;
    }

    public Guid Id { get; private set; }
    public Guid CaseId { get; private set; }
    public DeadlineKind Kind { get; private set; }
    public DateTime DueUtc { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime? MetAtUtc { get; private set; }
    /// <summary>Set when a newer deadline of the same kind replaces this one (a revised plan's new date).</summary>
    public DateTime? SupersededAtUtc { get; private set; }
    public int? PlanVersion { get; private set; }
    /// <summary>
    /// The school owner's routine lets school holidays move this deadline, and they moved it: shown as such,
    /// since the law's "snarast" does not pause for holidays.
    /// </summary>
    public bool ShiftedByHolidays { get; private set; }

    public bool IsOpen => MetAtUtc is null && SupersededAtUtc is null;

    public bool IsOverdue(DateTime nowUtc) => IsOpen && DueUtc < nowUtc;

    internal void Meet(DateTime atUtc) => MetAtUtc ??= atUtc;

    internal void Supersede(DateTime atUtc) => SupersededAtUtc ??= atUtc;
}

/// <summary>
/// A school owner's routine for turning "snarast" (investigate and correct) into dates, and for the
/// investigation of a § 12-5 case. The law names no days; these are defaults the school owner can change,
/// and everything derived from them is shown as routine, not as law. There is no setting for the § 12-5 report
/// itself: the law says "straks", and the system notifies the school owner the moment the suspicion is recorded.
/// Days are weekdays; school holidays move a deadline only when <see cref="HolidaysShiftDeadlines"/> says the
/// routine lets them ("snarast" does not pause for holidays, and chapter 12 covers SFO, open in the breaks).
/// </summary>
public sealed record DeadlinePolicy(
    int InvestigationStartSchoolDays = 3,
    int ImmediateInvestigationHours = 24,
    int PlanAdoptionSchoolDays = 10,
    bool HolidaysShiftDeadlines = false)
{
    public static DeadlinePolicy Default { get; } = new();

    /// <summary>
    /// The end of the Oslo day <paramref name="days"/> weekdays after <paramref name="nowUtc"/>, and whether school
    /// holidays moved it (only when the routine says they may).
    /// </summary>
    public (DateTime DueUtc, bool ShiftedByHolidays) DaysFrom(DateTime nowUtc, int days, SchoolCalendar calendar)
    {
        var today = SchoolCalendar.OsloDate(nowUtc);
        var weekdays = SchoolCalendar.WeekdaysOnly.AddSchoolDays(today, days);
        var due = HolidaysShiftDeadlines ? calendar.AddSchoolDays(today, days) : weekdays;
        return (SchoolCalendar.EndOfOsloDayUtc(due), due != weekdays);
    }
}

/// <summary>School days (weekdays that are not holidays) and Europe/Oslo local time.</summary>
public sealed class SchoolCalendar
{
    private readonly HashSet<DateOnly> _holidays;

    public SchoolCalendar(IEnumerable<DateOnly>? holidays = null) => _holidays = new HashSet<DateOnly>(holidays ?? []);

    public static SchoolCalendar WeekdaysOnly { get; } = new();

    public static TimeZoneInfo Oslo { get; } = TimeZoneInfo.FindSystemTimeZoneById("Europe/Oslo");

    public bool IsSchoolDay(DateOnly date) =>
        date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !_holidays.Contains(date);

    public DateOnly AddSchoolDays(DateOnly from, int schoolDays)
    {
        var date = from;
        var added = 0;
        while (added < schoolDays)
        {
            date = date.AddDays(1);
            if (IsSchoolDay(date)) added++;
        }
        return date;
    }

    public static DateOnly OsloDate(DateTime utc) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Oslo));

    /// <summary>The first moment of an Oslo calendar day (00:00 local), in UTC.</summary>
    public static DateTime StartOfOsloDayUtc(DateOnly date) =>
        TimeZoneInfo.ConvertTimeToUtc(date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), Oslo);

    /// <summary>The last moment of an Oslo calendar day (23:59:59 local), in UTC; daylight saving is respected.</summary>
    public static DateTime EndOfOsloDayUtc(DateOnly date)
    {
        var local = date.ToDateTime(new TimeOnly(23, 59, 59), DateTimeKind.Unspecified);
        return TimeZoneInfo.ConvertTimeToUtc(local, Oslo);
    }
}
