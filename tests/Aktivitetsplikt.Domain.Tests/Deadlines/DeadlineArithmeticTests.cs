using Aktivitetsplikt.Domain.Deadlines;
using static Aktivitetsplikt.Domain.Tests.TestData;

namespace Aktivitetsplikt.Domain.Tests.Deadlines;

/// <summary>
/// Deadlines in real calendars: Norwegian holidays and school breaks, and Oslo's daylight-saving
/// switches (last Sunday of March and of October), with the clock set where the edges are.
/// </summary>
public class DeadlineArithmeticTests
{
    private static readonly SchoolCalendar Norway2025To2027 = new(
        NorwegianHolidays.SchoolYear(2025).Concat(NorwegianHolidays.SchoolYear(2026)).Select(h => h.Date));

    /// <summary>A school owner whose routine lets school holidays move its deadlines.</summary>
    private static readonly DeadlinePolicy HolidaysShift = new(HolidaysShiftDeadlines: true);

    [Fact]
    public void ByDefault_SchoolHolidaysDoNotPauseTheInvestigationDeadline_SnarastRunsThroughBreaks()
    {
        // Monday 28 September 2026 is the autumn break (week 40): SFO is open, and "snarast" does not wait.
        var @case = LogConcern(Concern(notifyPrincipalNow: true), Staff, Oslo(2026, 9, 28, 9, 0), calendar: Norway2025To2027);

        var deadline = @case.Deadlines.Single(d => d.Kind == DeadlineKind.StartInvestigation);
        deadline.DueUtc.Should().Be(Utc(2026, 10, 1, 21, 59, 59), "Tuesday to Thursday of the break are three weekdays");
        deadline.ShiftedByHolidays.Should().BeFalse();
    }

    [Fact]
    public void WhereTheRoutineSaysSo_SchoolHolidaysMoveTheDeadline_AndTheDeadlineSaysItWasMoved()
    {
        var @case = LogConcern(Concern(notifyPrincipalNow: true), Staff, Oslo(2026, 9, 28, 9, 0), policy: HolidaysShift, calendar: Norway2025To2027);

        var deadline = @case.Deadlines.Single(d => d.Kind == DeadlineKind.StartInvestigation);
        deadline.DueUtc.Should().Be(Utc(2026, 10, 7, 21, 59, 59), "the break ends Friday 2 October: Monday to Wednesday of the next week");
        deadline.ShiftedByHolidays.Should().BeTrue();
    }

    [Fact]
    public void StartInvestigation_SetsTheRoutinesPlanDeadline_MetWhenThePlanIsFixed()
    {
        var @case = LogConcern(Concern(notifyPrincipalNow: true, pupilSaysNotSafe: true), Staff, Oslo(2026, 11, 16, 9, 0));
        @case.StartInvestigation(Principal, Oslo(2026, 11, 17, 9, 0), "Talk with the pupil.", new DeadlinePolicy(PlanAdoptionSchoolDays: 5), Calendar);

        var due = @case.Deadlines.Single(d => d.Kind == DeadlineKind.AdoptPlan);
        due.DueUtc.Should().Be(Utc(2026, 11, 24, 22, 59, 59), "five weekdays after Tuesday 17 November is Tuesday 24 November");
        due.IsOpen.Should().BeTrue();

        @case.AdoptPlan(Principal, Oslo(2026, 11, 20, 9, 0), CompletePlan());

        due.MetAtUtc.Should().Be(Oslo(2026, 11, 20, 9, 0));
    }

    private static DateTime Utc(int year, int month, int day, int hour, int minute = 0, int second = 0) =>
        new(year, month, day, hour, minute, second, DateTimeKind.Utc);

    private static DateTime Oslo(int year, int month, int day, int hour, int minute = 0) =>
        TimeZoneInfo.ConvertTimeToUtc(new DateTime(year, month, day, hour, minute, 0, DateTimeKind.Unspecified), SchoolCalendar.Oslo);

    [Theory]
    [InlineData(2024, "2024-03-31")]
    [InlineData(2025, "2025-04-20")]
    [InlineData(2026, "2026-04-05")]
    [InlineData(2027, "2027-03-28")]
    [InlineData(2028, "2028-04-16")]
    public void EasterSunday_MatchesTheCalendar(int year, string expected)
    {
        NorwegianHolidays.EasterSunday(year).Should().Be(DateOnly.Parse(expected));
    }

    [Fact]
    public void PublicHolidays2026_AreTheTwelveNorwegianHolidays()
    {
        var holidays = NorwegianHolidays.PublicHolidays(2026).ToDictionary(h => h.Date, h => h.Name);

        holidays.Should().HaveCount(12);
        holidays[new DateOnly(2026, 4, 2)].Should().Be("Skjærtorsdag");
        holidays[new DateOnly(2026, 5, 14)].Should().Be("Kristi himmelfartsdag");
        holidays[new DateOnly(2026, 5, 17)].Should().Be("Grunnlovsdag");
        holidays[new DateOnly(2026, 5, 25)].Should().Be("2. pinsedag");
        holidays[new DateOnly(2026, 12, 26)].Should().Be("2. juledag");
    }

    [Fact]
    public void SchoolYear2026_HasTheBreaksOnWeekdaysAndKeepsPublicHolidayNames()
    {
        var days = NorwegianHolidays.SchoolYear(2026).ToDictionary(h => h.Date, h => h.Name);

        days[new DateOnly(2026, 9, 28)].Should().Be("Høstferie"); // Monday of week 40
        days[new DateOnly(2026, 10, 2)].Should().Be("Høstferie");
        days[new DateOnly(2026, 12, 21)].Should().Be("Juleferie");
        days[new DateOnly(2026, 12, 25)].Should().Be("1. juledag");
        days[new DateOnly(2027, 1, 1)].Should().Be("1. nyttårsdag");
        days[new DateOnly(2027, 2, 22)].Should().Be("Vinterferie"); // week 8
        days[new DateOnly(2027, 3, 22)].Should().Be("Påskeferie");
        days[new DateOnly(2027, 3, 29)].Should().Be("2. påskedag");
        days[new DateOnly(2027, 6, 28)].Should().Be("Sommerferie");
        days.Should().NotContainKey(new DateOnly(2026, 8, 17), "school starts in week 34");
        days.Should().NotContainKey(new DateOnly(2027, 6, 18), "the last school day is the Friday of week 25");
        days.Where(d => d.Value is "Høstferie" or "Juleferie" or "Vinterferie" or "Påskeferie" or "Sommerferie")
            .Should().OnlyContain(d => d.Key.DayOfWeek != DayOfWeek.Saturday && d.Key.DayOfWeek != DayOfWeek.Sunday);
        NorwegianHolidays.SchoolYear(2027).Select(d => d.Date).Intersect(days.Keys).Should().BeEmpty("school years do not overlap");
    }

    [Theory]
    [InlineData("2026-07-31", 2025)]
    [InlineData("2026-08-01", 2026)]
    [InlineData("2027-01-15", 2026)]
    public void SchoolYearOf_StartsInAugust(string date, int expected)
    {
        NorwegianHolidays.SchoolYearOf(DateOnly.Parse(date)).Should().Be(expected);
    }

    [Fact]
    public void ConcernAt2330OnTheLastSundayOfMarch_IsDueBeforeMidnightSummerTime()
    {
        // 29 March 2026: clocks went forward at 02:00; 23:30 in Oslo is 21:30 UTC.
        var loggedAt = Oslo(2026, 3, 29, 23, 30);
        loggedAt.Should().Be(Utc(2026, 3, 29, 21, 30));

        var @case = LogConcern(Concern(), Staff, loggedAt, policy: HolidaysShift, calendar: Norway2025To2027);

        @case.Deadlines.Single().DueUtc.Should().Be(Utc(2026, 3, 29, 21, 59, 59));
        @case.OverdueDeadlines(Utc(2026, 3, 29, 22, 0)).Should().ContainSingle("midnight in Oslo is 22:00 UTC in summer time");
    }

    [Fact]
    public void NotificationAt2330OnTheLastSundayOfMarch_SkipsTheEasterBreakAndEasterMonday()
    {
        // The Easter break (30 March – 1 April), Maundy Thursday, Good Friday and Easter Monday (6 April) are no school days:
        // three school days from Sunday 29 March are 7, 8 and 9 April.
        var @case = LogConcern(Concern(notifyPrincipalNow: true), Staff, Oslo(2026, 3, 29, 23, 30), policy: HolidaysShift, calendar: Norway2025To2027);

        @case.Deadlines.Single(d => d.Kind == DeadlineKind.StartInvestigation).DueUtc.Should().Be(Utc(2026, 4, 9, 21, 59, 59));
    }

    [Fact]
    public void ConcernAt2330OnTheLastSundayOfOctober_IsDueBeforeMidnightWinterTime()
    {
        // 25 October 2026: clocks went back at 03:00; 23:30 in Oslo is 22:30 UTC, still the same Oslo day.
        var loggedAt = Oslo(2026, 10, 25, 23, 30);
        loggedAt.Should().Be(Utc(2026, 10, 25, 22, 30));

        var @case = LogConcern(Concern(notifyPrincipalNow: true), Staff, loggedAt, policy: HolidaysShift, calendar: Norway2025To2027);

        @case.Deadlines.Single(d => d.Kind == DeadlineKind.StartInvestigation).DueUtc
            .Should().Be(Utc(2026, 10, 28, 22, 59, 59), "Monday 26 – Wednesday 28 October are three school days");
    }

    [Fact]
    public void ConcernInTheRepeatedHourOfOctober_TakesThatOsloDay()
    {
        // 00:30 UTC and 01:30 UTC on 25 October 2026 are both 02:30 in Oslo (summer, then winter time).
        foreach (var at in new[] { Utc(2026, 10, 25, 0, 30), Utc(2026, 10, 25, 1, 30) })
        {
            var @case = LogConcern(Concern(), Staff, at, policy: HolidaysShift, calendar: Norway2025To2027);
            @case.Deadlines.Single().DueUtc.Should().Be(Utc(2026, 10, 25, 22, 59, 59));
        }
    }

    [Fact]
    public void NotificationOnTheFridayBeforeWhitMonday_CountsFromTuesday()
    {
        var friday = Oslo(2026, 5, 22, 14, 0);

        var @case = LogConcern(Concern(notifyPrincipalNow: true), Staff, friday, policy: HolidaysShift, calendar: Norway2025To2027);

        @case.Deadlines.Single(d => d.Kind == DeadlineKind.StartInvestigation).DueUtc
            .Should().Be(Utc(2026, 5, 28, 21, 59, 59), "Whit Monday 25 May is a holiday: Tuesday, Wednesday, Thursday");
    }

    [Fact]
    public void NotificationBeforeAscensionDay_SkipsThursdayButNotFriday()
    {
        // Only the public holiday is in this calendar: schools that close on the Friday after add it themselves.
        var calendar = new SchoolCalendar(NorwegianHolidays.PublicHolidays(2026).Select(h => h.Date));

        var @case = LogConcern(Concern(notifyPrincipalNow: true), Staff, Oslo(2026, 5, 13, 9, 0), policy: HolidaysShift, calendar: calendar);

        @case.Deadlines.Single(d => d.Kind == DeadlineKind.StartInvestigation).DueUtc.Should().Be(Utc(2026, 5, 19, 21, 59, 59));
    }

    [Fact]
    public void EmployeeSuspected_InvestigationWithinHours_CountsRealHoursAcrossTheSpringSwitch()
    {
        // "Straks" is counted in hours, not school days: 24 real hours, even over the night that has only 23.
        var loggedAt = Oslo(2026, 3, 28, 20, 0);

        var @case = LogConcern(Concern(employeeSuspected: true), Staff, loggedAt, policy: HolidaysShift, calendar: Norway2025To2027);

        @case.Deadlines.Single(d => d.Kind == DeadlineKind.StartInvestigation).DueUtc.Should().Be(loggedAt.AddHours(24));
    }
}
