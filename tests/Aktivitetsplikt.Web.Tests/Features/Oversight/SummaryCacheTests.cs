using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Features.Oversight;
using Aktivitetsplikt.Web.Features.Statistics;
using Aktivitetsplikt.Web.Tests.Support;

namespace Aktivitetsplikt.Web.Tests.Features.Oversight;

/// <summary>The summary pages' kept figures (ADR 024): never past a committed change, never past their stated bound.</summary>
public sealed class SummaryCacheTests : SliceTest
{
    [Fact]
    public async Task TheOverview_CountsACaseLoggedAfterTheLastView()
    {
        await App.ACase().ReportedBy(Org.StaffA).About(Org.Emma).Investigating();
        var before = await App.SendAs(Org.Team, new GetOverview.Query());

        await App.ACase().ReportedBy(Org.StaffB).About(Org.Noah).FollowingUp();
        var after = await App.SendAs(Org.Team, new GetOverview.Query());

        after.Total.Open.Should().Be(before.Total.Open + 1);
        after.Total.Count(CaseState.FollowingUp).Should().Be(before.Total.Count(CaseState.FollowingUp) + 1);
    }

    [Fact]
    public async Task TheStatistics_CountACaseLoggedAfterTheLastView()
    {
        await App.ACase().ReportedBy(Org.StaffA).About(Org.Emma).Investigating();
        var before = await App.SendAs(Org.Team, new GetStatistics.Query());

        await App.ACase().ReportedBy(Org.StaffB).About(Org.Noah).FollowingUp();
        var after = await App.SendAs(Org.Team, new GetStatistics.Query());

        after.Total.NewCases.Should().Be(before.Total.NewCases + 1);
        after.Total.OpenTotal.Should().Be(before.Total.OpenTotal + 1);
    }

    [Fact]
    public async Task TheOverview_CountsADeadlineThatPassedWithoutAnyChange_OnceTheBoundIsOver()
    {
        await App.ACase().ReportedBy(Org.StaffA).About(Org.Emma).FollowingUp();
        var before = await App.SendAs(Org.Team, new GetOverview.Query());
        before.OverdueTotal.Should().Be(0);

        Clock.Advance(TimeSpan.FromDays(1));
        var after = await App.SendAs(Org.Team, new GetOverview.Query());

        after.OverdueTotal.Should().Be(1, "the notify-the-principal deadline passed at the end of the day");
        after.Overdue.Should().ContainSingle();
        after.FiguresAtUtc.Should().Be(after.AsOfUtc, "the kept figures were older than their bound");
    }

    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task KeptFigures_PastHalfTheirBound_AreServedToOthersWhileOneRequestRefreshesThem()
    {
        var clock = new TestClock(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero));
        var cache = new SummaryCache(clock);
        (await cache.GetAsync("figures", Bound, () => Task.FromResult("first"))).Should().Be("first");
        clock.Advance(TimeSpan.FromSeconds(20));
        var release = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var computations = 0;
        Task<string> Compute()
        {
            Interlocked.Increment(ref computations);
            return release.Task;
        }

        var refreshing = cache.GetAsync("figures", Bound, Compute);
        var others = await Task.WhenAll(Enumerable.Range(0, 15).Select(_ => cache.GetAsync("figures", Bound, Compute)));

        others.Should().OnlyContain(v => v == "first", "the kept figures are still within their bound");
        refreshing.IsCompleted.Should().BeFalse();
        release.SetResult("second");
        (await refreshing).Should().Be("second");
        (await cache.GetAsync("figures", Bound, Compute)).Should().Be("second");
        computations.Should().Be(1, "one request refreshed the figures, not sixteen");
    }

    [Fact]
    public async Task KeptFigures_AfterACommittedChange_AreNotServed_EvenWhileARefreshAheadRuns()
    {
        var clock = new TestClock(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero));
        var cache = new SummaryCache(clock);
        await cache.GetAsync("figures", Bound, () => Task.FromResult("first"));
        clock.Advance(TimeSpan.FromSeconds(20));
        var release = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var refreshing = cache.GetAsync("figures", Bound, () => release.Task);

        cache.CaseChanged();
        var afterChange = await cache.GetAsync("figures", Bound, () => Task.FromResult("after the change"));
        release.SetResult("refreshed before the change");
        await refreshing;

        afterChange.Should().Be("after the change");
        (await cache.GetAsync("figures", Bound, () => Task.FromResult("again"))).Should().Be("after the change",
            "the refresh that started before the change does not replace the figures computed after it");
    }

    [Fact]
    public async Task KeptFigures_PastTheirBound_AreNotServed_EveryoneWaitsForOneComputation()
    {
        var clock = new TestClock(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero));
        var cache = new SummaryCache(clock);
        await cache.GetAsync("figures", Bound, () => Task.FromResult("first"));
        clock.Advance(Bound);
        var release = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var computations = 0;
        Task<string> Compute()
        {
            Interlocked.Increment(ref computations);
            return release.Task;
        }

        var all = Task.WhenAll(Enumerable.Range(0, 16).Select(_ => cache.GetAsync("figures", Bound, Compute)));
        all.IsCompleted.Should().BeFalse("figures past their bound are not served");
        release.SetResult("second");

        (await all).Should().OnlyContain(v => v == "second");
        computations.Should().Be(1);
    }

    [Fact]
    public async Task TheOverviewsOverdueTable_PagesEveryOverdueDeadlineExactlyOnce()
    {
        for (var i = 0; i < 3; i++) await App.ACase().ReportedBy(Org.StaffA).About(Org.Emma).FollowingUp();
        for (var i = 0; i < 2; i++) await App.ACase().ReportedBy(Org.Staff2).About(Org.Leah).FollowingUp();
        Clock.Advance(TimeSpan.FromDays(40));

        var first = await App.SendAs(Org.Team, new GetOverview.Query());
        var items = first.Overdue.ToList();
        for (var page = 2; page <= first.PageCount; page++)
            items.AddRange((await App.SendAs(Org.Team, new GetOverview.Query(Page: page))).Overdue);

        items.Should().HaveCount(first.OverdueTotal).And.HaveCountGreaterThanOrEqualTo(5);
        items.Select(i => (i.CaseId, i.Kind)).Should().OnlyHaveUniqueItems();
        items.Select(i => i.DueUtc).Should().BeInAscendingOrder();
    }
}
