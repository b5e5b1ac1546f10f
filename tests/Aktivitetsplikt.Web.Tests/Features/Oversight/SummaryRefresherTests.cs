using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Domain.Organisation;
using Aktivitetsplikt.Web.Features.Cases;
using Aktivitetsplikt.Web.Features.Oversight;
using Aktivitetsplikt.Web.Features.Statistics;
using Aktivitetsplikt.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Aktivitetsplikt.Web.Tests.Features.Oversight;

/// <summary>
/// The overview's and the statistics' figures are kept fresh without a request while they are viewed
/// (<see cref="SummaryCache.RefreshDueAsync"/>, run every second by <see cref="SummaryRefresher"/>): each under the scope of
/// the request that asked for them, never another school owner's or school's; a committed change is in the next refresh.
/// </summary>
public sealed class SummaryRefresherTests : SliceTest
{
    private Task<int> RefreshAsync() => App.Services.GetRequiredService<SummaryCache>()
        .RefreshDueAsync(App.Services.GetRequiredService<IServiceScopeFactory>(), NullLogger.Instance, CancellationToken.None);

    [Fact]
    public async Task ViewedOverviewFigures_AreRefreshedWithoutARequest_BeforeTheirBound()
    {
        await App.ACase().ReportedBy(Org.StaffA).About(Org.Emma).Investigating();
        var first = await App.SendAs(Org.Team, new GetOverview.Query());
        Clock.Advance(SummaryCache.OverviewBound / 3);
        var refreshedAt = Clock.UtcDateTime;

        (await RefreshAsync()).Should().Be(1);
        Clock.Advance(TimeSpan.FromSeconds(1));
        var second = await App.SendAs(Org.Team, new GetOverview.Query());

        second.FiguresAtUtc.Should().Be(refreshedAt, "the request was given the figures the refresher computed, not its own");
        second.FiguresAtUtc.Should().BeAfter(first.FiguresAtUtc);
        second.Total.Open.Should().Be(first.Total.Open);
    }

    [Fact]
    public async Task FreshFigures_AreNotRecomputed_UntilAThirdOfTheirBoundHasPassed()
    {
        await App.SendAs(Org.Team, new GetOverview.Query());

        (await RefreshAsync()).Should().Be(0);
    }

    [Fact]
    public async Task ACommittedChange_IsInTheNextRefresh_WithoutARequest()
    {
        await App.ACase().ReportedBy(Org.StaffA).About(Org.Emma).Investigating();
        var overview = await App.SendAs(Org.Team, new GetOverview.Query());
        var statistics = await App.SendAs(Org.Team, new GetStatistics.Query());

        await App.ACase().ReportedBy(Org.StaffB).About(Org.Noah).FollowingUp();
        (await RefreshAsync()).Should().Be(2, "the change dropped both kept figures, and both are being viewed");
        var refreshedAt = Clock.UtcDateTime;
        Clock.Advance(TimeSpan.FromSeconds(1));
        var overviewAfter = await App.SendAs(Org.Team, new GetOverview.Query());
        var statisticsAfter = await App.SendAs(Org.Team, new GetStatistics.Query());

        overviewAfter.FiguresAtUtc.Should().Be(refreshedAt);
        overviewAfter.Total.Open.Should().Be(overview.Total.Open + 1);
        statisticsAfter.AsOfUtc.Should().Be(refreshedAt);
        statisticsAfter.Total.OpenTotal.Should().Be(statistics.Total.OpenTotal + 1);
    }

    [Fact]
    public async Task RefreshedFigures_AreEachScopesOwn_NeverAnotherSchoolOwnersOrSchools()
    {
        var (otherTeam, otherStaff, otherPupil) = await App.WithDb(async db =>
        {
            var owner = new SchoolOwner("Sørby kommune");
            var school = new School(owner.Id, "Sørby skole");
            var pupil = new Pupil(school.Id, "Tuva", "Strand", "4A");
            var staff = new UserAccount("sondre", "Sondre Lærer", Role.Staff, owner.Id, school.Id);
            var team = new UserAccount("tone", "Tone Vik (§ 9A-teamet)", Role.SchoolOwnerTeam, owner.Id, null);
            db.AddRange(owner, school, pupil, staff, team);
            await db.SaveChangesAsync();
            return (team, staff, pupil);
        });
        await App.SendAs(otherStaff, new LogConcern.Command(otherPupil.Id, "En assistent har klypt Tuva i armen.", Clock.UtcDateTime.AddHours(-1),
            ConcernLocation.Classroom, null, NotifyPrincipalNow: true, PupilSaysNotSafe: true, EmployeeSuspected: true, LeadershipSuspected: false));
        await App.ACase().ReportedBy(Org.StaffA).About(Org.Emma).Investigating();
        await App.ACase().ReportedBy(Org.Staff2).About(Org.Leah).Investigating();
        await App.ACase().ReportedBy(Org.Staff2).About(Org.Leah).FollowingUp();
        await App.SendAs(Org.Team, new GetOverview.Query());
        await App.SendAs(otherTeam, new GetOverview.Query());
        await App.SendAs(Org.Principal1, new GetStatistics.Query());
        await App.SendAs(Org.Principal2, new GetStatistics.Query());
        await App.SendAs(otherTeam, new GetStatistics.Query());
        Clock.Advance(SummaryCache.StatisticsBound / 3);

        (await RefreshAsync()).Should().Be(5);
        var refreshedAt = Clock.UtcDateTime;
        Clock.Advance(TimeSpan.FromSeconds(1));

        var ours = await App.SendAs(Org.Team, new GetOverview.Query());
        var theirs = await App.SendAs(otherTeam, new GetOverview.Query());
        var school1 = await App.SendAs(Org.Principal1, new GetStatistics.Query());
        var school2 = await App.SendAs(Org.Principal2, new GetStatistics.Query());
        var theirStatistics = await App.SendAs(otherTeam, new GetStatistics.Query());
        new[] { ours.FiguresAtUtc, theirs.FiguresAtUtc, school1.AsOfUtc, school2.AsOfUtc, theirStatistics.AsOfUtc }
            .Should().OnlyContain(at => at == refreshedAt, "every figure here was the refresher's");
        var openBySchool = await App.WithDb(db => db.Cases.Where(c => c.State != CaseState.Closed).GroupBy(c => c.SchoolId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count));
        ours.Total.Open.Should().Be(openBySchool[Org.School1.Id] + openBySchool[Org.School2.Id]);
        ours.EmployeeSuspected.Should().NotContain(c => c.SchoolName == "Sørby skole");
        theirs.Total.Open.Should().Be(1);
        theirs.BySchool.Should().ContainSingle().Which.SchoolName.Should().Be("Sørby skole");
        school1.Total.OpenTotal.Should().Be(openBySchool[Org.School1.Id]);
        school2.Total.OpenTotal.Should().Be(openBySchool[Org.School2.Id]);
        theirStatistics.Total.OpenTotal.Should().Be(1);
    }

    [Fact]
    public async Task FiguresNotViewedWithinTheWindow_AreNoLongerRefreshed()
    {
        await App.SendAs(Org.Team, new GetOverview.Query());
        Clock.Advance(SummaryCache.ViewedWindow);

        (await RefreshAsync()).Should().Be(0, "nobody has looked at them for five minutes");
        (await RefreshAsync()).Should().Be(0);
    }
}
