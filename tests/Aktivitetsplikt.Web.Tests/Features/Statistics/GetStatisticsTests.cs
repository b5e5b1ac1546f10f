using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Features.Cases;
using Aktivitetsplikt.Web.Features.Statistics;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Tests.Support;
using FluentValidation;

namespace Aktivitetsplikt.Web.Tests.Features.Statistics;

/// <summary>Every figure against numbers worked out by hand from the dataset in <see cref="StatisticsDatasetFixture"/>.</summary>
public class GetStatisticsTests : IClassFixture<StatisticsDatasetFixture>
{
    private readonly StatisticsDatasetFixture _data;

    public GetStatisticsTests(StatisticsDatasetFixture data) => _data = data;

    private TestOrganisation Org => _data.Org;

    private Task<GetStatistics.Result> AsTeam(GetStatistics.Query? query = null) => _data.App.SendAs(Org.Team, query ?? new GetStatistics.Query());

    private static GetStatistics.Figures For(GetStatistics.Result result, Guid schoolId) => result.BySchool.Single(s => s.SchoolId == schoolId);

    [Fact]
    public async Task DefaultPeriod_IsTheLastTwelveOsloMonths_IncludingThisOne()
    {
        var result = await AsTeam();

        result.Period.FromMonth.Should().Be(new DateOnly(2025, 12, 1));
        result.Period.ToMonth.Should().Be(new DateOnly(2026, 11, 1));
        result.Period.Months.Should().HaveCount(12);
        // Midnight in Oslo (UTC+1 in winter) is 23:00 UTC the day before.
        result.Period.StartUtc.Should().Be(new DateTime(2025, 11, 30, 23, 0, 0, DateTimeKind.Utc));
        result.Period.EndUtc.Should().Be(new DateTime(2026, 11, 30, 23, 0, 0, DateTimeKind.Utc));
    }

    [Fact]
    public async Task NewCasesPerMonth_CountByTheOsloMonthTheConcernWasLogged()
    {
        var result = await AsTeam();

        //                         Dec Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov
        // School 1: H (31 Jan 23:30 UTC = 1 Feb in Oslo), A (Sep), B (Oct), C (Nov); D (June 2025) is before the period.
        For(result, Org.School1.Id).NewPerMonth.Should().Equal(0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 1, 1);
        // School 2: E (Sep), F (Oct), G (Nov).
        For(result, Org.School2.Id).NewPerMonth.Should().Equal(0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1);
        result.Total.NewPerMonth.Should().Equal(0, 0, 1, 0, 0, 0, 0, 0, 0, 2, 2, 2);
        For(result, Org.School1.Id).NewCases.Should().Be(4);
        For(result, Org.School2.Id).NewCases.Should().Be(3);
        result.Total.NewCases.Should().Be(7); // 4 + 3
    }

    [Fact]
    public async Task OpenCasesByState_AreTheCasesNotClosed_ByTheirStateNow()
    {
        var result = await AsTeam();

        // School 1: H and C following up, B in measures, A evaluating; D is closed.
        var school1 = For(result, Org.School1.Id);
        school1.OpenByState.Should().BeEquivalentTo(new Dictionary<CaseState, int>
            { [CaseState.FollowingUp] = 2, [CaseState.Measures] = 1, [CaseState.Evaluating] = 1 });
        school1.OpenTotal.Should().Be(4);
        // School 2: E (revised plan) and G in measures, F evaluating.
        var school2 = For(result, Org.School2.Id);
        school2.OpenByState.Should().BeEquivalentTo(new Dictionary<CaseState, int> { [CaseState.Measures] = 2, [CaseState.Evaluating] = 1 });
        result.Total.Open(CaseState.FollowingUp).Should().Be(2);
        result.Total.Open(CaseState.Measures).Should().Be(3); // 1 + 2
        result.Total.Open(CaseState.Evaluating).Should().Be(2); // 1 + 1
        result.Total.Open(CaseState.Investigating).Should().Be(0);
        result.Total.OpenTotal.Should().Be(7);
    }

    [Fact]
    public async Task EvaluatedOnTime_CountsMetOrOverdueDeadlinesDueInThePeriod()
    {
        var result = await AsTeam();

        // School 1: A due 1 Oct, met 30 Sep (on time); B due 20 Oct, never met and now overdue (missed). 1 of 2.
        For(result, Org.School1.Id).EvaluatedOnTime.Should().Be(new GetStatistics.OnTimeShare(1, 2));
        // School 2: E due 2 Oct, met 5 Oct (late); F due 25 Nov, met 16 Nov (on time);
        // E's revised plan is due 15 Dec (after the period) and G's 27 Nov is not due yet: neither is assessed. 1 of 2.
        For(result, Org.School2.Id).EvaluatedOnTime.Should().Be(new GetStatistics.OnTimeShare(1, 2));
        result.Total.EvaluatedOnTime.Should().Be(new GetStatistics.OnTimeShare(2, 4));
        result.Total.EvaluatedOnTime.Share.Should().Be(0.5); // 2 / 4
    }

    [Fact]
    public async Task DaysFromConcernToInvestigation_IsTheMedianOverTheCasesThatGotThere_WithTheirCount()
    {
        var result = await AsTeam();

        // School 1: A 7 Sep 08:00 → 9 Sep 08:00 = 2.0; B 5 Oct 08:00 → 6 Oct 20:00 = 1.5; H and C not investigated.
        // Median of [1.5, 2.0] = (1.5 + 2.0) / 2 = 1.75, over 2 of the 4 cases.
        var school1 = For(result, Org.School1.Id);
        school1.ConcernToInvestigation.Should().Be(new GetStatistics.Median(2, 1.75));
        school1.Cohort.Should().Be(4);
        // School 2: E 08:00 → 14:00 = 0.25; F 20 Oct → 22 Oct = 2.0; G 3 Nov → 4 Nov = 1.0. Median of [0.25, 1.0, 2.0] = 1.0.
        For(result, Org.School2.Id).ConcernToInvestigation.Should().Be(new GetStatistics.Median(3, 1.0));
        // All: [0.25, 1.0, 1.5, 2.0, 2.0] → 1.5, not the median of the two schools' medians.
        result.Total.ConcernToInvestigation.Should().Be(new GetStatistics.Median(5, 1.5));
    }

    [Fact]
    public async Task DaysFromConcernToAdoptedPlan_IsTheMedianToTheFirstAdoptedPlan()
    {
        var result = await AsTeam();

        // School 1: A 7 Sep → 17 Sep = 10.0; B 5 Oct → 9 Oct = 4.0. Median (4 + 10) / 2 = 7.0.
        For(result, Org.School1.Id).ConcernToPlan.Should().Be(new GetStatistics.Median(2, 7.0));
        // School 2: E 14 Sep → 18 Sep = 4.0 (its revision is not an adoption); F 20 Oct → 26 Oct = 6.0; G 3 Nov → 5 Nov = 2.0. Median 4.0.
        For(result, Org.School2.Id).ConcernToPlan.Should().Be(new GetStatistics.Median(3, 4.0));
        // All: [2, 4, 4, 6, 10] → 4.0.
        result.Total.ConcernToPlan.Should().Be(new GetStatistics.Median(5, 4.0));
    }

    [Fact]
    public async Task Section12_5_AndCountyGovernorCases_AreCountedByTheFlagsDate()
    {
        var result = await AsTeam();

        For(result, Org.School1.Id).EmployeeSuspected.Should().Be(0);
        For(result, Org.School2.Id).EmployeeSuspected.Should().Be(1); // E, flagged 14 Sep
        For(result, Org.School2.Id).CountyGovernor.Should().Be(1); // E, 10 Nov
        result.Total.EmployeeSuspected.Should().Be(1);
        result.Total.CountyGovernor.Should().Be(1);
    }

    [Fact]
    public async Task AChosenPeriod_BoundsTheCohortAndDeadlines_ButNotTheOpenCases()
    {
        var result = await AsTeam(new GetStatistics.Query(FromMonth: new DateOnly(2025, 6, 1), ToMonth: new DateOnly(2025, 6, 30)));

        result.Period.Months.Should().ContainSingle().Which.Should().Be(new DateOnly(2025, 6, 1));
        // Only D: logged 10 June 2025 08:00, investigated 11 June 08:00 = 1.0 day; closed without a plan.
        result.Total.NewPerMonth.Should().Equal(1);
        result.Total.ConcernToInvestigation.Should().Be(new GetStatistics.Median(1, 1.0));
        result.Total.ConcernToPlan.Should().Be(new GetStatistics.Median(0, null));
        result.Total.EvaluatedOnTime.Should().Be(new GetStatistics.OnTimeShare(0, 0));
        result.Total.EvaluatedOnTime.Share.Should().BeNull();
        result.Total.EmployeeSuspected.Should().Be(0);
        result.Total.OpenTotal.Should().Be(7, "open cases are counted as they are now, whatever the period");
    }

    [Fact]
    public async Task TheTeam_SeesEverySchool_AndCanChooseOne()
    {
        var all = await AsTeam();
        var one = await AsTeam(new GetStatistics.Query(SchoolId: Org.School2.Id));

        all.Schools.Select(s => s.Name).Should().Equal("Fjordbotn ungdomsskole", "Testvik skole");
        all.CanChooseSchool.Should().BeTrue();
        all.SchoolId.Should().BeNull();
        all.BySchool.Should().HaveCount(2);
        one.SchoolId.Should().Be(Org.School2.Id);
        one.SchoolName.Should().Be("Fjordbotn ungdomsskole");
        one.BySchool.Should().ContainSingle().Which.SchoolId.Should().Be(Org.School2.Id);
        one.Total.NewCases.Should().Be(3);
        one.Total.ConcernToInvestigation.Should().Be(new GetStatistics.Median(3, 1.0));
        one.Total.OpenTotal.Should().Be(3);
    }

    [Fact]
    public async Task APrincipal_SeesOnlyTheirOwnSchool_WhateverSchoolIsAskedFor()
    {
        var own = await _data.App.SendAs(Org.Principal1, new GetStatistics.Query());
        var other = await _data.App.SendAs(Org.Principal1, new GetStatistics.Query(SchoolId: Org.School2.Id));

        foreach (var result in new[] { own, other })
        {
            result.Schools.Should().ContainSingle().Which.Id.Should().Be(Org.School1.Id);
            result.CanChooseSchool.Should().BeFalse();
            result.BySchool.Should().ContainSingle().Which.SchoolId.Should().Be(Org.School1.Id);
            result.Total.NewCases.Should().Be(4);
            result.Total.OpenTotal.Should().Be(4);
            result.Total.EvaluatedOnTime.Should().Be(new GetStatistics.OnTimeShare(1, 2));
            result.Total.ConcernToPlan.Should().Be(new GetStatistics.Median(2, 7.0));
        }
    }

    [Fact]
    public async Task Staff_AndTheAdministrator_AreRefused()
    {
        foreach (var user in new[] { Org.StaffA, Org.Admin })
        {
            var act = () => _data.App.SendAs(user, new GetStatistics.Query());
            await act.Should().ThrowAsync<ForbiddenException>();
        }
    }

    [Fact]
    public async Task APeriodEndingBeforeItStarts_OrLongerThanFiveYears_IsRefusedByValidation()
    {
        var backwards = () => AsTeam(new GetStatistics.Query(FromMonth: new DateOnly(2026, 5, 1), ToMonth: new DateOnly(2026, 1, 1)));
        var tooLong = () => AsTeam(new GetStatistics.Query(FromMonth: new DateOnly(2020, 1, 1), ToMonth: new DateOnly(2026, 1, 1)));

        (await backwards.Should().ThrowAsync<ValidationException>()).Which.Errors.Should().Contain(e => e.ErrorCode == "PeriodOrder");
        (await tooLong.Should().ThrowAsync<ValidationException>()).Which.Errors.Should().Contain(e => e.ErrorCode == "PeriodLength");
    }

    [Theory]
    [InlineData(new double[] { }, 0, null)]
    [InlineData(new[] { 3.0 }, 1, 3.0)]
    [InlineData(new[] { 5.0, 1.0, 3.0 }, 3, 3.0)]
    [InlineData(new[] { 4.0, 1.0, 3.0, 10.0 }, 4, 3.5)]
    public void Median_IsTheMiddleValue_OrTheMeanOfTheTwoMiddleValues(double[] values, int count, double? median)
    {
        GetStatistics.MedianOf(values).Should().Be(new GetStatistics.Median(count, median));
    }
}

/// <summary>Scope: a principal's statistics leave out what their case list leaves out.</summary>
public class StatisticsScopeTests : SliceTest
{
    [Fact]
    public async Task APrincipal_DoesNotCountACaseWhereSchoolLeadershipIsSuspected_TheTeamDoes()
    {
        await App.ACase().Investigating();
        await App.SendAs(Org.StaffA, new LogConcern.Command(Org.Noah.Id, "En fra ledelsen har krenket eleven.", Clock.UtcDateTime.AddHours(-1),
            ConcernLocation.Classroom, null, true, true, EmployeeSuspected: true, LeadershipSuspected: true));

        var principal = await App.SendAs(Org.Principal1, new GetStatistics.Query());
        var team = await App.SendAs(Org.Team, new GetStatistics.Query(SchoolId: Org.School1.Id));

        principal.Total.NewCases.Should().Be(1);
        principal.Total.EmployeeSuspected.Should().Be(0);
        team.Total.NewCases.Should().Be(2);
        team.Total.EmployeeSuspected.Should().Be(1);
    }
}
