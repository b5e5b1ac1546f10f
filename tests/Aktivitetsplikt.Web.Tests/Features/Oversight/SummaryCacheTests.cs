using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Features.Oversight;
using Aktivitetsplikt.Web.Features.Statistics;
using Aktivitetsplikt.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

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
    public async Task KeptFigures_PastHalfTheirBound_AnswerEveryRequest_WhileOneComputationApartRefreshesThem()
    {
        var clock = new TestClock(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero));
        var cache = new SummaryCache(clock);
        await cache.GetAsync("figures", Bound, () => Task.FromResult("first"), () => Task.FromResult("unused"));
        clock.Advance(TimeSpan.FromSeconds(20));
        var release = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var (inRequest, apart) = (0, 0);
        Task<string> Compute()
        {
            Interlocked.Increment(ref inRequest);
            return Task.FromResult("computed in a request");
        }
        Task<string> ComputeApart()
        {
            Interlocked.Increment(ref apart);
            return release.Task;
        }

        var answers = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => cache.GetAsync("figures", Bound, Compute, ComputeApart)));

        answers.Should().OnlyContain(v => v == "first", "the first request past half the bound is answered from the kept figures too");
        release.SetResult("second");
        await cache.RefreshedAsync("figures");
        (await cache.GetAsync("figures", Bound, Compute, ComputeApart)).Should().Be("second");
        apart.Should().Be(1, "one refresh for sixteen requests");
        inRequest.Should().Be(0, "no request computed the figures itself");
    }

    [Fact]
    public async Task KeptFigures_PastTheirBound_MakeEveryoneWaitForOneComputation_EvenWhenItCouldRunApart()
    {
        var clock = new TestClock(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero));
        var cache = new SummaryCache(clock);
        await cache.GetAsync("figures", Bound, () => Task.FromResult("first"), () => Task.FromResult("unused"));
        clock.Advance(Bound);
        var release = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var apart = 0;

        var all = Task.WhenAll(Enumerable.Range(0, 16).Select(_ => cache.GetAsync("figures", Bound, () => release.Task, () =>
        {
            Interlocked.Increment(ref apart);
            return Task.FromResult("apart");
        })));
        all.IsCompleted.Should().BeFalse("figures past their bound are never served");
        release.SetResult("second");

        (await all).Should().OnlyContain(v => v == "second");
        apart.Should().Be(0);
    }

    [Fact]
    public async Task ARefreshApart_StartedBeforeACommittedChange_IsNeverServed()
    {
        var clock = new TestClock(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero));
        var cache = new SummaryCache(clock);
        await cache.GetAsync("figures", Bound, () => Task.FromResult("first"), () => Task.FromResult("unused"));
        clock.Advance(TimeSpan.FromSeconds(20));
        var release = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        (await cache.GetAsync("figures", Bound, () => Task.FromResult("unused"), () => release.Task)).Should().Be("first");

        cache.CaseChanged();
        release.SetResult("refreshed before the change");
        await cache.RefreshedAsync("figures");

        (await cache.GetAsync("figures", Bound, () => Task.FromResult("after the change"), () => Task.FromResult("unused")))
            .Should().Be("after the change", "figures begun before a committed change do not count it");
        (await cache.GetAsync("figures", Bound, () => Task.FromResult("again"), () => Task.FromResult("unused"))).Should().Be("after the change");
    }

    [Fact]
    public async Task AFailedRefreshApart_LeavesTheKeptFiguresUntilTheirBound_AndTheNextRequestTriesAgain()
    {
        var clock = new TestClock(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero));
        var cache = new SummaryCache(clock);
        await cache.GetAsync("figures", Bound, () => Task.FromResult("first"), () => Task.FromResult("unused"));
        clock.Advance(TimeSpan.FromSeconds(20));

        (await cache.GetAsync("figures", Bound, () => Task.FromResult("unused"), () => Task.FromException<string>(new TimeoutException())))
            .Should().Be("first");
        await cache.RefreshedAsync("figures");
        (await cache.GetAsync("figures", Bound, () => Task.FromResult("unused"), () => Task.FromResult("second"))).Should().Be("first");
        await cache.RefreshedAsync("figures");

        (await cache.GetAsync("figures", Bound, () => Task.FromResult("unused"), () => Task.FromResult("unused"))).Should().Be("second");
        clock.Advance(Bound);
        (await cache.GetAsync("figures", Bound, () => Task.FromResult("past the bound"), () => Task.FromResult("unused"))).Should().Be("past the bound");
    }

    [Fact]
    public async Task TheOverviewsRefreshApart_CountsUnderTheRequestersScope_WhatChangedWithoutACommandHere()
    {
        var emma = await App.ACase().ReportedBy(Org.StaffA).About(Org.Emma).Investigating();
        await App.ACase().ReportedBy(Org.Staff2).About(Org.Leah).Investigating();
        var school1 = new GetOverview.Query(Org.School1.Id);
        var before = await App.SendAs(Org.Team, school1);
        before.Total.Count(CaseState.Investigating).Should().Be(1, "one of the two cases is at Testvik skole");
        // As another app instance would: the case moves on in the database, and no command in this process says so.
        await App.WithDb(db => db.Cases.Where(c => c.Id == emma).ExecuteUpdateAsync(u => u.SetProperty(c => c.State, CaseState.FollowingUp)));
        Clock.Advance(TimeSpan.FromSeconds(20));

        var found = await App.SendAs(Org.Team, school1);
        await App.Services.GetRequiredService<SummaryCache>().RefreshedAsync($"overview:{Org.Owner.Id}:{Org.School1.Id}");
        var refreshed = await App.SendAs(Org.Team, school1);

        found.Total.Count(CaseState.Investigating).Should().Be(1, "the request that found the figures past half their bound is answered from them");
        found.FiguresAtUtc.Should().Be(before.FiguresAtUtc);
        refreshed.Total.Count(CaseState.Investigating).Should().Be(0);
        refreshed.Total.Count(CaseState.FollowingUp).Should().Be(1, "the refresh saw the team's cases of Testvik skole, not none and not Fjordbotn's");
        refreshed.BySchool.Should().ContainSingle().Which.SchoolId.Should().Be(Org.School1.Id);
        refreshed.FiguresAtUtc.Should().Be(found.AsOfUtc, "the figures are dated from when their refresh began");
    }

    [Fact]
    public async Task AComputationThatRunsSynchronously_HoldsNoRequestsThread_TheyAwaitIt()
    {
        var cache = new SummaryCache(new TestClock(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero)));
        using var gate = new ManualResetEventSlim();
        var computations = 0;
        Task<string> Compute()
        {
            // As SQLite's reads do: the whole computation before the task is returned.
            Interlocked.Increment(ref computations);
            gate.Wait();
            return Task.FromResult("figures");
        }

        var first = cache.GetAsync("figures", Bound, Compute);
        var others = Enumerable.Range(0, 15).Select(_ => cache.GetAsync("figures", Bound, Compute)).ToList();

        first.IsCompleted.Should().BeFalse("the request got a task to await, not a blocked thread");
        others.Should().OnlyContain(t => !t.IsCompleted);
        gate.Set();
        (await Task.WhenAll(others.Append(first))).Should().OnlyContain(v => v == "figures");
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
