using System.Globalization;
using Aktivitetsplikt.Domain.Audit;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Aktivitetsplikt.Web.Pipeline;

/// <summary>
/// The chain's heads written outside the database: one line per anchor, <c>sequence hash keyId utc</c>, only ever
/// appended. Point <c>Audit:AnchorFile</c> at a file the database's user cannot rewrite (an append-only file,
/// <c>chattr +a</c>, on another volume or host); each anchor is also logged, so the system log holds a second copy.
/// Verification requires every anchored head to be in the chain with the same hash, so rewriting entries with the
/// key, or removing the newest, is caught back to the last anchor.
/// </summary>
public sealed class AuditAnchorFile(AuditChainSettings settings, ILogger<AuditAnchorFile> logger)
{
    private static readonly SemaphoreSlim Gate = new(1, 1);

    /// <summary>The file as last read: its length and last write, and its anchors.</summary>
    private sealed record Read(long Length, DateTime WrittenUtc, IReadOnlyList<AuditAnchor> Anchors);

    private Read? _read;

    /// <summary>
    /// Every anchor in the file (none when there is no file yet); a line that does not parse is logged and skipped. Read again
    /// whenever the file's length or last write time differs from the last read (an append changes the length), else the
    /// anchors of that read are given: every view of the audit page asks. A file rewritten to the same length with its write
    /// time set back then still gives the anchors it held before — never fewer than the file showed.
    /// </summary>
    public async Task<IReadOnlyList<AuditAnchor>> ReadAllAsync(CancellationToken cancellationToken)
    {
        if (settings.AnchorFile is not { } path) return [];
        var file = new FileInfo(path);
        if (!file.Exists) return [];
        if (_read is { } read && read.Length == file.Length && read.WrittenUtc == file.LastWriteTimeUtc) return read.Anchors;
        var anchors = await ReadLinesAsync(path, cancellationToken);
        _read = new Read(file.Length, file.LastWriteTimeUtc, anchors);
        return anchors;
    }

    private async Task<IReadOnlyList<AuditAnchor>> ReadLinesAsync(string path, CancellationToken cancellationToken)
    {
        var anchors = new List<AuditAnchor>();
        foreach (var line in await File.ReadAllLinesAsync(path, cancellationToken))
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length >= 4
                && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)
                && DateTime.TryParse(parts[3], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at))
                anchors.Add(new AuditAnchor(sequence, parts[1], at));
            else
                logger.LogWarning("Skipped an unreadable line in the audit anchor file {File}: {Line}", path, line);
        }
        return anchors;
    }

    /// <summary>Appends the head unless the file's last anchor is that head already. Returns whether it wrote.</summary>
    public async Task<bool> AppendAsync(long sequence, string hash, string? keyId, DateTime atUtc, CancellationToken cancellationToken)
    {
        if (settings.AnchorFile is not { } path || sequence == 0) return false;
        await Gate.WaitAsync(cancellationToken);
        try
        {
            var existing = await ReadAllAsync(cancellationToken);
            if (existing.Count > 0 && existing[^1].Sequence == sequence && existing[^1].Hash == hash) return false;
            var options = new FileStreamOptions { Mode = FileMode.Append, Access = FileAccess.Write, Share = FileShare.Read };
            if (!OperatingSystem.IsWindows()) options.UnixCreateMode = DataFolder.PrivateFile;
            await using (var writer = new StreamWriter(path, System.Text.Encoding.UTF8, options))
                await writer.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{sequence} {hash} {keyId ?? "-"} {atUtc:yyyy-MM-ddTHH:mm:ssZ}"));
            logger.LogInformation("Audit chain head anchored: entry {Sequence}, hash {Hash}, key {KeyId}", sequence, hash, keyId ?? "-");
            return true;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>Writes the chain's current head (the newest entry as stored) as an anchor.</summary>
    public async Task<bool> AnchorHeadAsync(AppDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var head = await db.AuditEntries.AsNoTracking().OrderByDescending(a => a.Sequence)
            .Select(a => new { a.Sequence, a.Hash, a.KeyId }).FirstOrDefaultAsync(cancellationToken);
        return head is not null && await AppendAsync(head.Sequence, head.Hash, head.KeyId, time.GetUtcNow().UtcDateTime, cancellationToken);
    }
}

/// <summary>Writes the head at start-up, every <c>Audit:AnchorIntervalMinutes</c> (15) while the chain grows, and at shutdown.</summary>
public sealed class AuditAnchorService(IServiceScopeFactory scopes, AuditChainSettings settings, TimeProvider time, ILogger<AuditAnchorService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Off the start-up path: SQLite's "async" calls complete synchronously, so without this the first anchor (a query
        // and a file append) ran inside the host's start, before the app answered. It is still written at once.
        await Task.Yield();
        using var timer = new PeriodicTimer(settings.AnchorInterval, time);
        do
        {
            await AnchorAsync(stoppingToken);
        }
        while (await NextTickAsync(timer, stoppingToken));
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await AnchorAsync(cancellationToken);
    }

    private static async Task<bool> NextTickAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try { return await timer.WaitForNextTickAsync(stoppingToken); }
        catch (OperationCanceledException) { return false; }
    }

    private async Task AnchorAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<AuditAnchorFile>()
                .AnchorHeadAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), time, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested) { }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or InvalidOperationException or System.Data.Common.DbException)
        {
            logger.LogError(exception, "Could not write the audit chain's head to {File}", settings.AnchorFile);
        }
    }
}

/// <summary>
/// Verifies the chain as stored, with the key ring and against every anchor written outside the database: the whole chain
/// (<see cref="VerifyAsync"/>, <see cref="VerifyAndCheckpointAsync"/>), or from the newest valid keyed checkpoint to the
/// head (<see cref="VerifyFromCheckpointAsync"/>, the audit page).
/// </summary>
public sealed class AuditChainVerifier(AppDbContext db, AuditChainSettings settings, AuditAnchorFile anchors, ReadAuditQueue reads,
    TimeProvider time, FullWalkGate gate, ILogger<AuditChainVerifier> logger)
{
    /// <summary>How many of the newest checkpoints are tried before falling back to a full walk (rows forged without the key are passed over).</summary>
    private const int CheckpointsTried = 20;

    /// <summary>
    /// The whole chain from entry 1. Writes the queued reads first, so the walk covers everything that has happened up to
    /// now — unless it runs inside a command's transaction (a document that states the chain's verification): that
    /// transaction holds the write lock (SQLite) or the chain's lock (PostgreSQL) the queue's writer needs, so waiting for it
    /// would never end. There the walk covers the chain as committed, which is what the document can state.
    /// </summary>
    public async Task<ChainVerification> VerifyAsync(CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null) await reads.FlushAsync(cancellationToken);
        return await AuditChainReader.WalkAsync(db, new ChainWalk(settings.Keys, await anchors.ReadAllAsync(cancellationToken)), 1, cancellationToken);
    }

    /// <summary>
    /// The whole chain, and when it is intact a keyed checkpoint at its head, from which later views verify
    /// (<see cref="VerifyFromCheckpointAsync"/>). The scheduled walk and the § 9A team's "check the whole chain now" run this.
    /// </summary>
    public async Task<ChainVerification> VerifyAndCheckpointAsync(CancellationToken cancellationToken)
    {
        var verification = await VerifyAsync(cancellationToken);
        if (verification.IsIntact && verification.EntriesChecked > 0)
        {
            db.AuditCheckpoints.Add(new AuditCheckpoint(verification.EntriesChecked, verification.HeadHash, time.UtcNow(), settings.Keys.Current));
            await db.SaveChangesAsync(cancellationToken);
        }
        else if (!verification.IsIntact)
            logger.LogCritical("The audit chain is broken at entry {Sequence}: {Problem}", verification.FirstBrokenSequence, verification.Problem);
        return verification;
    }

    /// <summary>
    /// From the newest checkpoint whose MAC verifies under the key ring to the head: the checkpoint's entry must still carry
    /// its hash, and every entry after it is walked as in a full walk (links, keys, content, anchors after it). Without a
    /// valid checkpoint, one full walk is made (one at a time in this instance; the others then start from its checkpoint).
    /// A change to an entry before the checkpoint is not seen here: the full walk finds it.
    /// </summary>
    public async Task<ChainVerification> VerifyFromCheckpointAsync(CancellationToken cancellationToken)
    {
        if (await LatestValidCheckpointAsync(cancellationToken) is { } checkpoint) return await FromAsync(checkpoint, cancellationToken);
        await gate.WaitAsync(cancellationToken);
        try
        {
            return await LatestValidCheckpointAsync(cancellationToken) is { } made
                ? await FromAsync(made, cancellationToken)
                : await VerifyAndCheckpointAsync(cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// The chain as committed: a view does not write the queued reads of every case first (one write transaction per view
    /// of the audit page, issue 12); the page writes its own case's (<see cref="ReadAuditQueue.FlushCaseAsync"/>), and reads
    /// still queued for others are walked by the next view, within <see cref="ReadAuditOptions.FlushInterval"/>.
    /// </summary>
    private async Task<ChainVerification> FromAsync(AuditCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        var walk = new ChainWalk(settings.Keys, await anchors.ReadAllAsync(cancellationToken), checkpoint);
        return await AuditChainReader.WalkAsync(db, walk, checkpoint.Sequence, cancellationToken);
    }

    /// <summary>The newest checkpoint that verifies under the key ring, or none: what the audit page's remembered head builds on (<see cref="VerifyFromAsync"/>).</summary>
    public Task<AuditCheckpoint?> NewestValidCheckpointAsync(CancellationToken cancellationToken) => LatestValidCheckpointAsync(cancellationToken);

    /// <summary>
    /// From <paramref name="resumeAt"/> to the head, exactly as from a checkpoint: its entry must still carry its hash, every
    /// entry after it is walked. The caller vouches for what lies before it — the audit page's head verified earlier in this
    /// instance (<see cref="Features.Cases.VerifiedChainHead"/>, ADR 025's second amendment), held in memory only.
    /// </summary>
    public Task<ChainVerification> VerifyFromAsync(AuditCheckpoint resumeAt, CancellationToken cancellationToken) => FromAsync(resumeAt, cancellationToken);

    private async Task<AuditCheckpoint?> LatestValidCheckpointAsync(CancellationToken cancellationToken)
    {
        var newest = await db.AuditCheckpoints.AsNoTracking().OrderByDescending(c => c.Sequence).ThenByDescending(c => c.VerifiedAtUtc)
            .Take(CheckpointsTried).ToListAsync(cancellationToken);
        foreach (var checkpoint in newest)
        {
            if (checkpoint.IsValid(settings.Keys)) return checkpoint;
            logger.LogWarning("Audit checkpoint at entry {Sequence} ({Id}) does not verify under the key ring; it is passed over", checkpoint.Sequence, checkpoint.Id);
        }
        return null;
    }
}

/// <summary>One full walk at a time in this instance when views find no checkpoint (after an upgrade, or every checkpoint refused).</summary>
public sealed class FullWalkGate : IDisposable
{
    private readonly SemaphoreSlim _semaphore = new(1, 1);
    public Task WaitAsync(CancellationToken cancellationToken) => _semaphore.WaitAsync(cancellationToken);
    public void Release() => _semaphore.Release();
    public void Dispose() => _semaphore.Dispose();
}
