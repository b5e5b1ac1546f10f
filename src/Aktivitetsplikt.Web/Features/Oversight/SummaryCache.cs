using System.Collections.Concurrent;

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
