using System.Collections.Concurrent;

namespace Aktivitetsplikt.Web.Features.Oversight;

/// <summary>
/// The summary pages' figures (the overview's counts and flagged cases, the statistics) aggregate every case of a school
/// owner: at 100,000 cases that is a scan, not an index range. They are computed once per school owner, school and
/// period and kept for a stated bound (ADR 024): <see cref="OverviewBound"/> for the overview and
/// <see cref="StatisticsBound"/> for the statistics, and never past a change committed in this process (<see cref="CaseChanged"/>,
/// called by the unit of work after every command): a user who has just changed a case sees it counted. Requests for the same figures while they are computed wait for
/// that one computation instead of each starting their own.
/// </summary>
public sealed class SummaryCache(TimeProvider time)
{
    public static readonly TimeSpan OverviewBound = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan StatisticsBound = TimeSpan.FromMinutes(5);
    /// <summary>Periods are the user's choice: the number of kept figures is bounded so that no request grows memory for good.</summary>
    private const int MaxEntries = 256;

    private sealed record Entry(Lazy<Task<object>> Value, DateTime ComputedAtUtc, long Generation);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private long _generation;

    /// <summary>A change to a case was committed: every kept figure is recomputed on its next request.</summary>
    public void CaseChanged() => Interlocked.Increment(ref _generation);

    /// <summary>
    /// The kept figures for <paramref name="key"/> while younger than <paramref name="bound"/> and no command has committed
    /// since, else <paramref name="compute"/>'s. The computation does not take the request's cancellation: others may be waiting
    /// for it. A failed computation is not kept.
    /// </summary>
    public async Task<T> GetAsync<T>(string key, TimeSpan bound, Func<Task<T>> compute) where T : class
    {
        var now = time.GetUtcNow().UtcDateTime;
        var generation = Interlocked.Read(ref _generation);
        while (true)
        {
            if (_entries.TryGetValue(key, out var kept) && kept.Generation == generation && now - kept.ComputedAtUtc < bound)
            {
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
            var fresh = new Entry(new Lazy<Task<object>>(() => ComputeAsync(compute)), now, generation);
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

    private static async Task<object> ComputeAsync<T>(Func<Task<T>> compute) where T : class => await compute();

    private void Prune(DateTime now)
    {
        foreach (var (key, entry) in _entries)
        {
            if (now - entry.ComputedAtUtc >= StatisticsBound) _entries.TryRemove(key, out _);
        }
        if (_entries.Count >= MaxEntries) _entries.Clear();
    }
}
