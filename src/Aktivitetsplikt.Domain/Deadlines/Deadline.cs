namespace Aktivitetsplikt.Domain.Deadlines;

public enum DeadlineKind
{
    /// <summary>The law sets no time word for telling the principal (§ 12-4 second paragraph); the school owner's routine says the same day.</summary>
    NotifyPrincipal,
    /// <summary>"Snarast" belongs to investigating and correcting (§ 12-4 second paragraph): the routine starts the investigation within a few school days, and within hours on the § 12-5 path (the law's "straks" there is the report, not the investigation).</summary>
    StartInvestigation,
    /// <summary>The plan is evaluated on the date it names.</summary>
    EvaluatePlan,
}

/// <summary>A deadline on a case. Met deadlines stay, with when they were met.</summary>
public sealed class Deadline
{
    private Deadline() { }

    internal Deadline(Guid caseId, DeadlineKind kind, DateTime dueUtc, DateTime createdAtUtc, int? planVersion = null)
    {
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

    public bool IsOpen => MetAtUtc is null && SupersededAtUtc is null;

    public bool IsOverdue(DateTime nowUtc) => IsOpen && DueUtc < nowUtc;

    internal void Meet(DateTime atUtc) => MetAtUtc ??= atUtc;

    internal void Supersede(DateTime atUtc) => SupersededAtUtc ??= atUtc;
}

/// <summary>
/// A school owner's routine for turning "snarast" (investigate and correct) into dates, and for the
/// investigation of a § 12-5 case. The law names no days; these are defaults the school owner can change,
/// and everything derived from them is shown as routine, not as law. There is no setting for notifying the school
/// owner on the § 12-5 path: the system notifies it the moment the suspicion is recorded.
/// </summary>
public sealed record DeadlinePolicy(
    int InvestigationStartSchoolDays = 3,
    int ImmediateInvestigationHours = 24)
{
    public static DeadlinePolicy Default { get; } = new();
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

    /// <summary>The last moment of an Oslo calendar day (23:59:59 local), in UTC; daylight saving is respected.</summary>
    public static DateTime EndOfOsloDayUtc(DateOnly date)
    {
        var local = date.ToDateTime(new TimeOnly(23, 59, 59), DateTimeKind.Unspecified);
        return TimeZoneInfo.ConvertTimeToUtc(local, Oslo);
    }
}
