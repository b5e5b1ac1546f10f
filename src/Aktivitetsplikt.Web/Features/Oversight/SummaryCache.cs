using System.Collections.Concurrent;
using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Infrastructure;

namespace Aktivitetsplikt.Web.Features.Oversight;

/// <summary>
/// The summary pages' figures (the overview's counts and flagged cases, the statistics) aggregate every case of a school
/// owner: at 100,000 cases that is a scan, not an index range. They are computed once per school owner, school and
/// period and kept for a stated bound (ADR 024): <see cref="OverviewBound"/> for the overview and
/// <see cref="StatisticsBound"/> for the statistics, and never past a change committed in this process (<see cref="CaseChanged"/>,
/// called by the unit of work after every command): a user who has just changed a case sees it counted. Requests for the same figures while they are computed wait for
/// that one computation instead of each starting their own.
/// <para>
/// Kept figures are refreshed ahead of their bound: once they are older than half of it, the first request recomputes
/// them while every other request is served the kept ones (still within the bound), so a busy page does not stop
/// every request when the bound runs out (the overview's p99 at 100,000 cases was that stop). Only past the bound, or
/// after a committed change, do requests wait — for one computation.
/// </para>
/// <para>
/// Figures asked for with a way to recompute them in a scope of their own (the overview, the statistics) are refreshed
/// without a request while they are being viewed (<see cref="ViewedWindow"/>): <see cref="SummaryRefresher"/> calls
/// <see cref="RefreshDueAsync"/> every second, which recomputes those older than a third of their bound or from before a
/// committed change, one at a time, each under the scope of the request that asked for them (<see cref="ScopeUser"/>):
/// the key names the scope, so figures are never served across school owners or schools.
/// </para>
/// </summary>
public sealed class SummaryCache(TimeProvider time)
{
    public static readonly TimeSpan OverviewBound = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan StatisticsBound = TimeSpan.FromMinutes(5);
    /// <summary>
    /// A case list's total ("N saker", the pager's "side X av Y") per scope and filter: dropped at every committed command,
    /// so the bound covers only what another app instance changed. The list's rows are never kept.
    /// </summary>
    public static readonly TimeSpan CountBound = TimeSpan.FromSeconds(30);
    /// <summary>Periods and filters are the user's choice: the number of kept figures is bounded so that no request grows memory for good.</summary>
    private const int MaxEntries = 4096;
    /// <summary>Figures viewed within this long are kept fresh by <see cref="RefreshDueAsync"/>; after it, the next view computes them again.</summary>
    public static readonly TimeSpan ViewedWindow = TimeSpan.FromMinutes(5);
    /// <summary>At most this many figures are refreshed in the background (each is a scan of a school owner's cases); more are computed on request.</summary>
    private const int MaxRefreshed = 64;

    /// <summary>How to recompute one key's figures in a fresh service scope, and when a request last asked for them.</summary>
    private sealed record Viewed(Func<IServiceProvider, Task<object>> Recompute, TimeSpan Bound, DateTime LastViewedUtc);

    private readonly ConcurrentDictionary<string, Viewed> _viewed = new(StringComparer.Ordinal);

    private sealed record Entry(Lazy<Task<object>> Value, DateTime ComputedAtUtc, long Generation, TimeSpan Bound);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    /// <summary>The keys one request is refreshing ahead of their bound: the others are served the kept figures meanwhile.</summary>
    private readonly ConcurrentDictionary<string, byte> _refreshing = new(StringComparer.Ordinal);
    private long _generation;

    /// <summary>A change to a case was committed: every kept figure is recomputed on its next request.</summary>
    public void CaseChanged() => Interlocked.Increment(ref _generation);

    /// <summary>
    /// The kept figures for <paramref name="key"/> while younger than <paramref name="bound"/> and no command has committed
    /// since, else <paramref name="compute"/>'s. Past half the bound, one request computes them afresh (and is given the
    /// new figures) while the others are given the kept ones. The computation does not take the request's cancellation:
    /// others may be waiting for it. A failed computation is not kept.
    /// </summary>
    public async Task<T> GetAsync<T>(string key, TimeSpan bound, Func<Task<T>> compute) where T : class
    {
        var now = time.GetUtcNow().UtcDateTime;
        var generation = Interlocked.Read(ref _generation);
        while (true)
        {
            if (_entries.TryGetValue(key, out var kept) && kept.Generation == generation && now - kept.ComputedAtUtc < bound)
            {
                if (now - kept.ComputedAtUtc >= bound / 2 && kept.Value.IsValueCreated && kept.Value.Value.IsCompletedSuccessfully
                    && _refreshing.TryAdd(key, 0))
                    return await RefreshAheadAsync<T>(key, kept, new Entry(new Lazy<Task<object>>(() => ComputeAsync(compute)), now, generation, bound));
                try
                {
                    return (T)await kept.Value.Value;
                }
                catch
                {
                    _entries.TryRemove(new KeyValuePair<string, Entry>(key, kept));
                    throw;
                }
            }
            if (_entries.Count >= MaxEntries) Prune(now);
            var fresh = new Entry(new Lazy<Task<object>>(() => ComputeAsync(compute)), now, generation, bound);
            if (kept is null ? _entries.TryAdd(key, fresh) : _entries.TryUpdate(key, fresh, kept))
            {
                try
                {
                    return (T)await fresh.Value.Value;
                }
                catch
                {
                    _entries.TryRemove(new KeyValuePair<string, Entry>(key, fresh));
                    throw;
                }
            }
            // Another request stored its computation first: wait for that one.
        }
    }

    /// <summary>
    /// As <see cref="GetAsync{T}(string, TimeSpan, Func{Task{T}})"/>, and while the figures are viewed (<see cref="ViewedWindow"/>)
    /// <see cref="RefreshDueAsync"/> keeps them fresh with <paramref name="recompute"/>, which must compute exactly what
    /// <paramref name="compute"/> does for the scope <paramref name="key"/> names, from the service scope it is given
    /// (a <see cref="ScopeUser"/> for the requesting user's scope, never the request's own services).
    /// </summary>
    public Task<T> GetAsync<T>(string key, TimeSpan bound, Func<Task<T>> compute, Func<IServiceProvider, Task<T>> recompute) where T : class
    {
        if (_viewed.Count < MaxRefreshed || _viewed.ContainsKey(key))
            _viewed[key] = new Viewed(async services => await recompute(services), bound, time.GetUtcNow().UtcDateTime);
        return GetAsync(key, bound, compute);
    }

    /// <summary>
    /// Recomputes, one at a time, the viewed figures older than a third of their bound or from before a committed change, each
    /// in a service scope of its own, and keeps them (unless a request has stored newer ones meanwhile); forgets figures not
    /// viewed within <see cref="ViewedWindow"/>. A failed computation is logged and leaves the kept figures as they were.
    /// Returns how many were refreshed.
    /// </summary>
    public async Task<int> RefreshDueAsync(IServiceScopeFactory scopes, ILogger logger, CancellationToken cancellationToken)
    {
        var refreshed = 0;
        foreach (var (key, viewed) in _viewed)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var now = time.GetUtcNow().UtcDateTime;
            if (now - viewed.LastViewedUtc >= ViewedWindow)
            {
                _viewed.TryRemove(new KeyValuePair<string, Viewed>(key, viewed));
                continue;
            }
            var generation = Interlocked.Read(ref _generation);
            if (_entries.TryGetValue(key, out var kept) && kept.Generation == generation
                && (now - kept.ComputedAtUtc < viewed.Bound / 3 || !kept.Value.IsValueCreated || !kept.Value.Value.IsCompleted))
                continue;
            if (!_refreshing.TryAdd(key, 0)) continue;
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var value = await viewed.Recompute(scope.ServiceProvider);
                var fresh = new Entry(new Lazy<Task<object>>(() => Task.FromResult(value)), now, generation, viewed.Bound);
                _ = fresh.Value.Value;
                // Not over figures a request computed from a later start, or after a later committed change.
                _entries.AddOrUpdate(key, fresh, (_, current) =>
                    current.Generation > generation || (current.Generation == generation && current.ComputedAtUtc > now) ? current : fresh);
                refreshed++;
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning(exception, "Could not refresh the kept figures {Key}; the next request computes them", key);
            }
            finally
            {
                _refreshing.TryRemove(key, out _);
            }
        }
        return refreshed;
    }

    /// <summary>This request recomputes figures that are still within their bound; the kept ones serve everyone else until it is done.</summary>
    private async Task<T> RefreshAheadAsync<T>(string key, Entry kept, Entry fresh) where T : class
    {
        try
        {
            var value = (T)await fresh.Value.Value;
            // Not over figures a newer computation (after a committed change) has stored meanwhile.
            _entries.TryUpdate(key, fresh, kept);
            return value;
        }
        finally
        {
            _refreshing.TryRemove(key, out _);
        }
    }

    private static async Task<object> ComputeAsync<T>(Func<Task<T>> compute) where T : class => await compute();

    private void Prune(DateTime now)
    {
        foreach (var (key, entry) in _entries)
        {
            if (now - entry.ComputedAtUtc >= entry.Bound) _entries.TryRemove(key, out _);
        }
        if (_entries.Count >= MaxEntries) _entries.Clear();
    }
}

/// <summary>
/// The scope a request's figures were computed under, for recomputing them without the request (<see cref="SummaryCache.RefreshDueAsync"/>):
/// the role, school owner and school that <c>CaseScope.VisibleTo</c> reads for a principal or the § 9A team. It is nobody
/// (no user id, no name), so it can compute figures but is never an actor.
/// </summary>
public sealed record ScopeUser(Role Role, Guid SchoolOwnerId, Guid? SchoolId) : ICurrentUser
{
    public static ScopeUser Of(ICurrentUser user) => new(user.Role, user.SchoolOwnerId, user.SchoolId);

    public bool IsAuthenticated => true;
    public Guid UserId => Guid.Empty;
    public string Name => "";
}

/// <summary>Keeps the summary pages' figures fresh while they are viewed, off the request path (<see cref="SummaryCache.RefreshDueAsync"/>), every <see cref="Interval"/>.</summary>
public sealed class SummaryRefresher(SummaryCache cache, IServiceScopeFactory scopes, TimeProvider time, ILogger<SummaryRefresher> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await cache.RefreshDueAsync(scopes, logger, stoppingToken);
                await Task.Delay(Interval, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }
}
