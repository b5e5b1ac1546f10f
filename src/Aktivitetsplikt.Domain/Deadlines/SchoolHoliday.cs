namespace Aktivitetsplikt.Domain.Deadlines;

/// <summary>
/// A day the school owner's schools are closed (a public holiday or a school break): not a school day
/// when deadlines counted in school days are set. Configuration, not case history: it may be removed.
/// </summary>
public sealed class SchoolHoliday
{
    public const int MaxNameLength = 100;

    private SchoolHoliday() { }

    public SchoolHoliday(Guid schoolOwnerId, DateOnly date, string name)
    {
        if (string.IsNullOrWhiteSpace(name))
            throw new ArgumentException("A holiday needs a name.", nameof(name));
        if (name.Trim().Length > MaxNameLength)
            throw new ArgumentException($"A holiday's name is at most {MaxNameLength} characters.", nameof(name));
        Id = Guid.NewGuid();
        SchoolOwnerId = schoolOwnerId;
        Date = date;
        Name = name.Trim();
    }

    public Guid Id { get; private set; }
    public Guid SchoolOwnerId { get; private set; }
    public DateOnly Date { get; private set; }
    public string Name { get; private set; } = "";
}

/// <summary>
/// Norway's public holidays (helligdager, with 1 and 17 May) and the school breaks most school owners
/// use, as a starting point an administrator adjusts. Names are data (bokmål), not UI text.
/// </summary>
public static class NorwegianHolidays
{
    /// <summary>Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm).</summary>
    public static DateOnly EasterSunday(int year)
    {
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = (19 * a + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + 2 * e + 2 * i - h - k) % 7;
        var m = (a + 11 * h + 22 * l) / 451;
        var month = (h + l - 7 * m + 114) / 31;
        var day = (h + l - 7 * m + 114) % 31 + 1;
        return new DateOnly(year, month, day);
    }

    public static IReadOnlyList<(DateOnly Date, string Name)> PublicHolidays(int year)
    {
        var easter = EasterSunday(year);
        return new List<(DateOnly, string)>
        {
            (new DateOnly(year, 1, 1), "1. nyttårsdag"),
            (easter.AddDays(-3), "Skjærtorsdag"),
            (easter.AddDays(-2), "Langfredag"),
            (easter, "1. påskedag"),
            (easter.AddDays(1), "2. påskedag"),
            (new DateOnly(year, 5, 1), "Arbeidernes dag"),
            (new DateOnly(year, 5, 17), "Grunnlovsdag"),
            (easter.AddDays(39), "Kristi himmelfartsdag"),
            (easter.AddDays(49), "1. pinsedag"),
            (easter.AddDays(50), "2. pinsedag"),
            (new DateOnly(year, 12, 25), "1. juledag"),
            (new DateOnly(year, 12, 26), "2. juledag"),
        }.OrderBy(h => h.Item1).ToList();
    }

    /// <summary>
    /// The public holidays and typical school breaks of the school year that starts in August of
    /// <paramref name="startYear"/>: autumn break (week 40), Christmas, winter break (week 8), the
    /// days before Easter and the summer holiday (after week 25 until week 34). Weekdays only for breaks.
    /// Where a break and a public holiday fall on the same day, the public holiday's name is kept.
    /// </summary>
    public static IReadOnlyList<(DateOnly Date, string Name)> SchoolYear(int startYear)
    {
        var endYear = startYear + 1;
        var days = new SortedDictionary<DateOnly, string>();
        var firstDay = MondayOfIsoWeek(startYear, 34);
        var lastDay = MondayOfIsoWeek(endYear, 25).AddDays(4);

        foreach (var (date, name) in PublicHolidays(startYear).Concat(PublicHolidays(endYear)))
            if (date >= firstDay && date <= lastDay) days[date] = name;

        void Break(DateOnly from, DateOnly to, string name)
        {
            for (var date = from; date <= to; date = date.AddDays(1))
                if (date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)) days.TryAdd(date, name);
        }

        var autumn = MondayOfIsoWeek(startYear, 40);
        Break(autumn, autumn.AddDays(4), "Høstferie");
        Break(new DateOnly(startYear, 12, 21), new DateOnly(endYear, 1, 1), "Juleferie");
        var winter = MondayOfIsoWeek(endYear, 8);
        Break(winter, winter.AddDays(4), "Vinterferie");
        var easter = EasterSunday(endYear);
        Break(easter.AddDays(-6), easter.AddDays(1), "Påskeferie");
        // The summer holiday that ends this school year, up to the start of the next one.
        Break(lastDay.AddDays(1), MondayOfIsoWeek(endYear, 34).AddDays(-1), "Sommerferie");

        return days.Select(kv => (kv.Key, kv.Value)).ToList();
    }

    /// <summary>The school year (by its starting year) that a date belongs to: August onwards starts a new one.</summary>
    public static int SchoolYearOf(DateOnly date) => date.Month >= 8 ? date.Year : date.Year - 1;

    private static DateOnly MondayOfIsoWeek(int year, int week) =>
        DateOnly.FromDateTime(System.Globalization.ISOWeek.ToDateTime(year, week, DayOfWeek.Monday));
}
