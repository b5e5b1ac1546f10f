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
/// <para>
/// A caller that can compute the figures apart from its request (<see cref="GetAsync{T}(string, TimeSpan, Func{Task{T}}, Func{Task{T}})"/>:
/// its own services, the requesting user's access scope) is not held up by the refresh either: the first request past half
/// the bound starts it and is answered from the kept figures like everyone else (ADR 036). The figures a request is given are
/// still never older than the bound, nor from before a change committed in this process.
/// </para>
/// </summary>
public sealed class SummaryCache(TimeProvider time, ILogger<SummaryCache>? log = null)
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
    private readonly ConcurrentDictionary<string, Task> _refreshes = new(StringComparer.Ordinal);
    private long _generation;

    /// <summary>A change to a case was committed: every kept figure is recomputed on its next request.</summary>
    public void CaseChanged() => Interlocked.Increment(ref _generation);

    /// <summary>
    /// The kept figures for <paramref name="key"/> while younger than <paramref name="bound"/> and no command has committed
    /// since, else <paramref name="compute"/>'s. Past half the bound, one request computes them afresh (and is given the
    /// new figures) while the others are given the kept ones. The computation does not take the request's cancellation:
    /// others may be waiting for it. A failed computation is not kept.
    /// </summary>
    public Task<T> GetAsync<T>(string key, TimeSpan bound, Func<Task<T>> compute) where T : class => GetAsync(key, bound, compute, null);

    /// <summary>
    /// As <see cref="GetAsync{T}(string, TimeSpan, Func{Task{T}})"/>, but past half the bound the first request to find the
    /// kept figures starts <paramref name="computeApart"/> once (not again while it runs) and is answered from the kept
    /// figures. <paramref name="computeApart"/> outlives the request: it must use none of the request's services (its own
    /// database context) and compute what <paramref name="compute"/> would for the same user — the key names that user's
    /// scope. It runs without the request's execution context (no HttpContext, no ambient user). If it fails, the kept
    /// figures serve on until their bound and the next request past half the bound tries again.
    /// </summary>
    public async Task<T> GetAsync<T>(string key, TimeSpan bound, Func<Task<T>> compute, Func<Task<T>>? computeApart) where T : class
    {
        var now = time.GetUtcNow().UtcDateTime;
        var generation = Interlocked.Read(ref _generation);
        while (true)
        {
            if (_entries.TryGetValue(key, out var kept) && kept.Generation == generation && now - kept.ComputedAtUtc < bound)
            {
                if (now - kept.ComputedAtUtc >= bound / 2 && kept.Value.IsValueCreated && kept.Value.Value.IsCompletedSuccessfully
                    && _refreshing.TryAdd(key, 0))
                {
                    if (computeApart is null)
                        return await RefreshAheadAsync<T>(key, kept, new Entry(new Lazy<Task<object>>(() => ComputeAsync(compute)), now, generation, bound));
                    RefreshApart(key, kept, new Entry(new Lazy<Task<object>>(() => ComputeAsync(computeApart)), now, generation, bound));
                }
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

    /// <summary>The figures within their bound are recomputed off the request that found them past half of it; the kept ones serve everyone meanwhile.</summary>
    private void RefreshApart(string key, Entry kept, Entry fresh)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _refreshes[key] = done.Task;
        // Not the request's execution context: the computation outlives the request, and must not see its HttpContext.
        using (ExecutionContext.SuppressFlow())
        {
            _ = Task.Run(async () =>
            {
                try
                {
                    await fresh.Value.Value;
                    // Not over figures a newer computation (after a committed change) has stored meanwhile.
                    _entries.TryUpdate(key, fresh, kept);
                }
                catch (Exception ex)
                {
                    log?.LogWarning(ex, "Refreshing the kept figures {Key} failed; the kept ones serve until their bound.", key);
                }
                finally
                {
                    _refreshing.TryRemove(key, out _);
                    _refreshes.TryRemove(new KeyValuePair<string, Task>(key, done.Task));
                    done.SetResult();
                }
            });
        }
    }

    /// <summary>The refresh <see cref="RefreshApart"/> last started for <paramref name="key"/> (done if none): for tests, which wait for it instead of for time.</summary>
    internal Task RefreshedAsync(string key) => _refreshes.TryGetValue(key, out var refresh) ? refresh : Task.CompletedTask;

    /// <summary>
    /// On the thread pool, not inside the <see cref="Lazy{T}"/>: SQLite's "async" reads run synchronously, so a computation
    /// started inside the lazy's value factory held its lock for the whole computation, and every other request for the
    /// same figures blocked a thread on that lock instead of awaiting the task (the overview's first computation at
    /// 100,000 cases: 16 request threads blocked for its length, more than half the page's thread time in a trace).
    /// </summary>
    private static Task<object> ComputeAsync<T>(Func<Task<T>> compute) where T : class => Task.Run(async () => (object)await compute());

    private void Prune(DateTime now)
    {
        foreach (var (key, entry) in _entries)
        {
            if (now - entry.ComputedAtUtc >= entry.Bound) _entries.TryRemove(key, out _);
        }
        if (_entries.Count >= MaxEntries) _entries.Clear();
    }
}
