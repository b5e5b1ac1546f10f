using System.Collections.Concurrent;
using System.Threading.Channels;
using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Data;

namespace Aktivitetsplikt.Web.Pipeline;

/// <summary>A read to be written to the audit chain: who, when, what, captured when it happened.</summary>
public sealed record PendingRead(DateTime AtUtc, Guid? UserId, string UserName, Role? Role, string Action, Guid? CaseId, string Details);

/// <summary>
/// How reads are batched (<c>Audit:ReadLog</c>): a batch is written <see cref="FlushInterval"/> after its first read, or at once
/// when it holds <see cref="MaxBatch"/>. At most <see cref="Capacity"/> reads wait; a request that finds the queue full waits for
/// room (nothing is dropped). The crash loss window (docs/security.md, "Reads are written in batches") follows from the first two.
/// </summary>
public sealed record ReadAuditOptions(TimeSpan FlushInterval, int MaxBatch, int Capacity)
{
    public static readonly ReadAuditOptions Default = new(TimeSpan.FromMilliseconds(250), 500, 10_000);

    public static ReadAuditOptions FromConfiguration(IConfiguration configuration)
    {
        var section = configuration.GetSection("Audit:ReadLog");
        var milliseconds = section.GetValue("FlushMilliseconds", (int)Default.FlushInterval.TotalMilliseconds);
        var maxBatch = section.GetValue("MaxBatch", Default.MaxBatch);
        if (milliseconds is < 1 or > 5_000 || maxBatch is < 1 or > 10_000)
            throw new InvalidOperationException("Audit:ReadLog:FlushMilliseconds must lie in 1–5000 and Audit:ReadLog:MaxBatch in 1–10000 (docs/security.md).");
        return new(TimeSpan.FromMilliseconds(milliseconds), maxBatch, Default.Capacity);
    }
}

/// <summary>
/// Reads of a case (looking at it, at its log, at its printable plan) go to the audit chain through this one writer instead of
/// each taking the chain's write lock on the request path: they are queued and written in batches, one transaction per batch,
/// chained and keyed like every entry (<see cref="AuditLog"/>, under <see cref="StorageLock.AuditChain"/>). Changes are not
/// queued: a command commits with its audit entry in one transaction as before. The writer starts with the first read.
/// </summary>
public sealed class ReadAuditQueue(IServiceScopeFactory scopes, ReadAuditOptions options, ILogger<ReadAuditQueue> logger) : IAsyncDisposable
{
    private readonly Channel<object> _channel = Channel.CreateBounded<object>(new BoundedChannelOptions(options.Capacity)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
    });
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _startLock = new();
    /// <summary>How many reads of each case are queued and not yet committed (a case with none is absent).</summary>
    private readonly ConcurrentDictionary<Guid, int> _queuedByCase = new();
    private Task? _loop;

    /// <summary>Queues a read; returns at once unless <see cref="ReadAuditOptions.Capacity"/> reads are already waiting.</summary>
    public async ValueTask EnqueueAsync(PendingRead read, CancellationToken cancellationToken)
    {
        EnsureStarted();
        // Counted before it is queued, so that from the moment the read has happened the case's audit page waits for it.
        if (read.CaseId is { } caseId) _queuedByCase.AddOrUpdate(caseId, 1, (_, queued) => queued + 1);
        try
        {
            await _channel.Writer.WriteAsync(read, cancellationToken);
        }
        catch
        {
            if (read.CaseId is { } notQueued) Committed(notQueued);
            throw;
        }
    }

    /// <summary>
    /// Returns when every read of this case queued before the call is in the chain — at once when none is queued, so that the
    /// case's audit page waits for the writer (a write transaction) only when it has reads of its own to show (issue 12).
    /// </summary>
    public Task FlushCaseAsync(Guid caseId, CancellationToken cancellationToken) =>
        _queuedByCase.ContainsKey(caseId) ? FlushAsync(cancellationToken) : Task.CompletedTask;

    private void Committed(Guid caseId)
    {
        // Removed only while still at zero: a read queued meanwhile keeps the case counted.
        if (_queuedByCase.AddOrUpdate(caseId, 0, (_, queued) => queued - 1) <= 0)
            _queuedByCase.TryRemove(new KeyValuePair<Guid, int>(caseId, 0));
    }

    /// <summary>Returns when every read queued before the call is in the chain (the audit page, the chain's verification, shutdown).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_loop is null) return;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await _channel.Writer.WriteAsync(done, cancellationToken);
        await done.Task.WaitAsync(cancellationToken);
    }

    private void EnsureStarted()
    {
        if (_loop is not null) return;
        lock (_startLock)
            _loop ??= Task.Run(() => RunAsync(_stopping.Token));
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        var reader = _channel.Reader;
        var batch = new List<PendingRead>(options.MaxBatch);
        var flushes = new List<TaskCompletionSource>();
        try
        {
            while (await reader.WaitToReadAsync(stopping))
            {
                // The batch closes FlushInterval after its first item, when it is full, or when someone waits for it.
                using var window = CancellationTokenSource.CreateLinkedTokenSource(stopping);
                window.CancelAfter(options.FlushInterval);
                try
                {
                    while (batch.Count < options.MaxBatch && flushes.Count == 0)
                    {
                        if (!reader.TryRead(out var item))
                        {
                            if (!await reader.WaitToReadAsync(window.Token)) break;
                            continue;
                        }
                        if (item is TaskCompletionSource flush) flushes.Add(flush);
                        else batch.Add((PendingRead)item);
                    }
                }
                catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
                {
                    // The interval is up: write what there is.
                }
                await WriteWithRetryAsync(batch, stopping);
                foreach (var read in batch)
                    if (read.CaseId is { } caseId) Committed(caseId);
                batch.Clear();
                foreach (var flush in flushes) flush.TrySetResult();
                flushes.Clear();
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            foreach (var flush in flushes) flush.TrySetCanceled(stopping);
        }
    }

    /// <summary>A failed write (the database busy or away) is retried with the same batch; reads queue behind it meanwhile.</summary>
    private async Task WriteWithRetryAsync(List<PendingRead> batch, CancellationToken stopping)
    {
        if (batch.Count == 0) return;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await WriteAsync(batch, stopping);
                return;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogError(exception, "Could not write {Count} reads to the audit chain (attempt {Attempt}); retrying", batch.Count, attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(5_000, 100 * attempt)), stopping);
            }
        }
    }

    private async Task WriteAsync(IReadOnlyList<PendingRead> batch, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var audit = scope.ServiceProvider.GetRequiredService<AuditLog>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var read in batch) await audit.AppendReadAsync(read, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Stops the writer. The app writes what is queued before this (<see cref="ReadAuditFlushService"/>): by now the services it needs are going.</summary>
    public async ValueTask DisposeAsync()
    {
        _channel.Writer.TryComplete();
        await _stopping.CancelAsync();
        if (_loop is not null) await _loop;
        _stopping.Dispose();
    }
}

/// <summary>At shutdown, writes the queued reads before the chain's head is anchored (registered after <see cref="AuditAnchorService"/>, so it stops first).</summary>
public sealed class ReadAuditFlushService(ReadAuditQueue queue) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => queue.FlushAsync(cancellationToken);
}
