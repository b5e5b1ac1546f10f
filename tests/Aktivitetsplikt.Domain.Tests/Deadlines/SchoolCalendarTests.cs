using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Domain.Deadlines;
using static Aktivitetsplikt.Domain.Tests.Cases.CaseBuilder;
using static Aktivitetsplikt.Domain.Tests.TestData;

namespace Aktivitetsplikt.Domain.Tests.Deadlines;

public class SchoolCalendarTests
{
    private static DateTime Utc(int year, int month, int day, int hour, int minute = 0, int second = 0) =>
        new(year, month, day, hour, minute, second, DateTimeKind.Utc);

    [Theory]
    [InlineData("2026-11-16", 3, "2026-11-19")] // Monday → Thursday
    [InlineData("2026-11-19", 1, "2026-11-20")] // Thursday → Friday
    [InlineData("2026-11-20", 1, "2026-11-23")] // Friday → Monday
    [InlineData("2026-11-20", 3, "2026-11-25")] // Friday → Wednesday
    [InlineData("2026-11-21", 1, "2026-11-23")] // Saturday → Monday
    [InlineData("2026-11-16", 0, "2026-11-16")]
    public void AddSchoolDays_SkipsWeekends(string from, int schoolDays, string expected)
    {
        SchoolCalendar.WeekdaysOnly.AddSchoolDays(DateOnly.Parse(from), schoolDays).Should().Be(DateOnly.Parse(expected));
    }

    [Fact]
    public void AddSchoolDays_SkipsListedHolidays()
    {
        // Ascension Day 2026 is Thursday 14 May; many schools also close on the Friday after.
        var calendar = new SchoolCalendar(new[] { new DateOnly(2026, 5, 14), new DateOnly(2026, 5, 15) });

        calendar.AddSchoolDays(new DateOnly(2026, 5, 13), 2).Should().Be(new DateOnly(2026, 5, 19));
        calendar.IsSchoolDay(new DateOnly(2026, 5, 14)).Should().BeFalse();
        calendar.IsSchoolDay(new DateOnly(2026, 5, 18)).Should().BeTrue();
        SchoolCalendar.WeekdaysOnly.AddSchoolDays(new DateOnly(2026, 5, 13), 2).Should().Be(new DateOnly(2026, 5, 15));
    }

    [Theory]
    [InlineData("2026-03-28", "2026-03-28T22:59:59Z")] // last winter-time day
    [InlineData("2026-03-29", "2026-03-29T21:59:59Z")] // summer time from 02:00 that night
    [InlineData("2026-10-24", "2026-10-24T21:59:59Z")] // last summer-time day
    [InlineData("2026-10-25", "2026-10-25T22:59:59Z")] // winter time from 03:00 that night
    [InlineData("2026-11-16", "2026-11-16T22:59:59Z")]
    public void EndOfOsloDayUtc_Is235959LocalAcrossDaylightSaving(string date, string expectedUtc)
    {
        var end = SchoolCalendar.EndOfOsloDayUtc(DateOnly.Parse(date));

        end.Should().Be(DateTime.Parse(expectedUtc, null, System.Globalization.DateTimeStyles.AdjustToUniversal));
        end.Kind.Should().Be(DateTimeKind.Utc);
    }

    [Theory]
    [InlineData("2026-11-16T22:59:59Z", "2026-11-16")]
    [InlineData("2026-11-16T23:00:00Z", "2026-11-17")]
    [InlineData("2026-06-15T21:59:59Z", "2026-06-15")]
    [InlineData("2026-06-15T22:00:00Z", "2026-06-16")]
    public void OsloDate_FollowsOsloMidnight(string utc, string expected)
    {
        SchoolCalendar.OsloDate(DateTime.Parse(utc, null, System.Globalization.DateTimeStyles.AdjustToUniversal))
            .Should().Be(DateOnly.Parse(expected));
    }

    [Fact]
    public void ConcernLoggedWithoutNotifying_MustReachThePrincipalByTheEndOfTheOsloDay()
    {
        var @case = LogConcern(Concern(notifyPrincipalNow: false), Staff, Monday);

        var deadline = @case.Deadlines.Should().ContainSingle().Subject;
        deadline.Kind.Should().Be(DeadlineKind.NotifyPrincipal);
        deadline.DueUtc.Should().Be(Utc(2026, 11, 16, 22, 59, 59));
        deadline.IsOpen.Should().BeTrue();
        @case.NextDeadlineUtc.Should().Be(deadline.DueUtc);
    }

    [Fact]
    public void ConcernLoggedLateInTheUtcDay_TakesTheOsloDate()
    {
        // 23:30 UTC on Monday is 00:30 on Tuesday in Oslo.
        var @case = LogConcern(Concern(), Staff, Utc(2026, 11, 16, 23, 30));

        @case.Deadlines.Single().DueUtc.Should().Be(Utc(2026, 11, 17, 22, 59, 59));
    }

    [Fact]
    public void PrincipalNotNotifiedBeforeTheDayEnds_IsOverdue()
    {
        var @case = LogConcern(Concern(), Staff, Monday);

        @case.OverdueDeadlines(Utc(2026, 11, 16, 22, 0)).Should().BeEmpty();
        @case.OverdueDeadlines(Utc(2026, 11, 16, 23, 0)).Should().ContainSingle()
            .Which.Kind.Should().Be(DeadlineKind.NotifyPrincipal);
    }

    [Fact]
    public void NotifyingThePrincipal_MeetsTheNotificationDeadline()
    {
        var @case = LogConcern(Concern(), Staff, Monday);

        @case.NotifyPrincipal(Staff, Monday.AddHours(2), Policy, Calendar);

        var notify = @case.Deadlines.Single(d => d.Kind == DeadlineKind.NotifyPrincipal);
        notify.MetAtUtc.Should().Be(Monday.AddHours(2));
        notify.IsOpen.Should().BeFalse();
        @case.OverdueDeadlines(Later).Should().BeEmpty();
    }

    [Fact]
    public void NotificationOnAFriday_InvestigationIsDueThreeSchoolDaysLater_OnWednesday()
    {
        var friday = Utc(2026, 11, 20, 10, 0);

        var @case = LogConcern(Concern(notifyPrincipalNow: true), Staff, friday);

        var investigation = @case.Deadlines.Single(d => d.Kind == DeadlineKind.StartInvestigation);
        investigation.DueUtc.Should().Be(Utc(2026, 11, 25, 22, 59, 59));
        @case.NextDeadlineUtc.Should().Be(investigation.DueUtc);
    }

    [Fact]
    public void InvestigationDeadline_SkipsTheSchoolsHolidays_WhereTheRoutineSaysSo()
    {
        var friday = Utc(2026, 11, 20, 10, 0);
        var calendar = new SchoolCalendar(new[] { new DateOnly(2026, 11, 23) });

        var @case = LogConcern(Concern(notifyPrincipalNow: true), Staff, friday, policy: new DeadlinePolicy(HolidaysShiftDeadlines: true), calendar: calendar);

        @case.Deadlines.Single(d => d.Kind == DeadlineKind.StartInvestigation).DueUtc.Should().Be(Utc(2026, 11, 26, 22, 59, 59));
    }

    [Fact]
    public void InvestigationDeadline_FollowsTheSchoolOwnersPolicy()
    {
        var @case = LogConcern(Concern(notifyPrincipalNow: true), Staff, Monday, policy: new DeadlinePolicy(InvestigationStartSchoolDays: 1));

        @case.Deadlines.Single(d => d.Kind == DeadlineKind.StartInvestigation).DueUtc.Should().Be(Utc(2026, 11, 17, 22, 59, 59));
    }

    [Fact]
    public void StartingTheInvestigation_MeetsItsDeadline()
    {
        var @case = ACase().PrincipalNotified().Build();

        @case.StartInvestigation(Principal, Later, null);

        @case.Deadlines.Where(d => d.Kind == DeadlineKind.StartInvestigation).Should().OnlyContain(d => !d.IsOpen);
        @case.Deadlines.Should().ContainSingle(d => d.IsOpen).Which.Kind.Should().Be(DeadlineKind.AdoptPlan, "the routine's plan deadline starts now");
    }

    [Fact]
    public void AdoptedPlan_MustBeEvaluatedByTheEndOfItsEvaluationDate()
    {
        var @case = ACase().Investigating().Build();

        @case.AdoptPlan(Principal, Later, CompletePlan(evaluationDate: new DateOnly(2026, 11, 30)));

        var evaluate = @case.Deadlines.Single(d => d.Kind == DeadlineKind.EvaluatePlan);
        evaluate.DueUtc.Should().Be(Utc(2026, 11, 30, 22, 59, 59));
        evaluate.PlanVersion.Should().Be(1);
        evaluate.IsOpen.Should().BeTrue();
        @case.NextDeadlineUtc.Should().Be(evaluate.DueUtc);
    }

    [Fact]
    public void RecordingTheEvaluation_MeetsThePlansDeadline()
    {
        var @case = ACase().Evaluating().Build();
        var evaluatedAt = Utc(2026, 11, 30, 12, 0);

        @case.RecordEvaluation(Principal, evaluatedAt, PupilView.Safe, "Fine now.", "Worked.");

        var evaluate = @case.Deadlines.Single(d => d.Kind == DeadlineKind.EvaluatePlan);
        evaluate.MetAtUtc.Should().Be(evaluatedAt);
        @case.NextDeadlineUtc.Should().BeNull();
        @case.OverdueDeadlines(Utc(2026, 12, 1, 12, 0)).Should().BeEmpty();
    }

    [Fact]
    public void UnevaluatedPlan_IsOverdueTheDayAfterItsEvaluationDate()
    {
        var @case = ACase().WithMeasures().Build();

        @case.OverdueDeadlines(Utc(2026, 11, 30, 22, 0)).Should().BeEmpty();
        @case.OverdueDeadlines(Utc(2026, 11, 30, 23, 0)).Should().ContainSingle().Which.Kind.Should().Be(DeadlineKind.EvaluatePlan);
    }

    [Fact]
    public void RevisedPlan_SupersedesTheEarlierEvaluationDeadline()
    {
        var @case = ACase().WithMeasures().Build();

        @case.RevisePlan(Principal, Later, CompletePlan(evaluationDate: new DateOnly(2026, 12, 14), changeSummary: "New date."));

        var deadlines = @case.Deadlines.Where(d => d.Kind == DeadlineKind.EvaluatePlan).ToList();
        deadlines.Should().HaveCount(2);
        deadlines.Single(d => d.PlanVersion == 1).SupersededAtUtc.Should().Be(Later);
        var current = deadlines.Single(d => d.IsOpen);
        current.PlanVersion.Should().Be(2);
        current.DueUtc.Should().Be(Utc(2026, 12, 14, 22, 59, 59));
        @case.NextDeadlineUtc.Should().Be(current.DueUtc);
        @case.OverdueDeadlines(Utc(2026, 12, 1, 12, 0)).Should().BeEmpty("the superseded date no longer counts");
    }

    [Fact]
    public void ClosingTheCase_LeavesNoOpenDeadline()
    {
        var @case = ACase().Investigating().Build();
        @case.AdoptPlan(Principal, Later, CompletePlan());
        @case.StartEvaluation(Principal, Later.AddDays(1));
        @case.RecordEvaluation(Principal, Later.AddDays(1), PupilView.Safe, "Fine.", "Worked.");
        foreach (var measure in @case.CurrentPlan!.Measures)
            @case.RecordMeasureProgress(Principal, Later.AddDays(1), measure.MeasureKey, MeasureStatus.Done, null);

        @case.Close(Principal, Later.AddDays(2), "Safe and good again.");

        @case.Deadlines.Should().OnlyContain(d => !d.IsOpen);
        @case.NextDeadlineUtc.Should().BeNull();
    }
}
