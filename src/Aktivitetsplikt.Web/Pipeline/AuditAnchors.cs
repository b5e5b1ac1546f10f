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

    /// <summary>Every anchor in the file (none when there is no file yet); a line that does not parse is logged and skipped.</summary>
    public async Task<IReadOnlyList<AuditAnchor>> ReadAllAsync(CancellationToken cancellationToken)
    {
        if (settings.AnchorFile is not { } path || !File.Exists(path)) return [];
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

/// <summary>Verifies the whole chain as stored, with the key ring and against every anchor written outside the database.</summary>
public sealed class AuditChainVerifier(AppDbContext db, AuditChainSettings settings, AuditAnchorFile anchors, ReadAuditQueue reads)
{
    /// <summary>
    /// Writes the queued reads first, so the walk covers everything that has happened up to now — unless it runs inside a
    /// command's transaction (a document that states the chain's verification): that transaction holds the write lock
    /// (SQLite) or the chain's lock (PostgreSQL) the queue's writer needs, so waiting for it would never end. There the walk
    /// covers the chain as committed, which is what the document can state.
    /// </summary>
    public async Task<ChainVerification> VerifyAsync(CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null) await reads.FlushAsync(cancellationToken);
        return await AuditChain.VerifyAsync(db.AuditEntries.AsNoTracking().OrderBy(a => a.Sequence).AsAsyncEnumerable(),
            settings.Keys, await anchors.ReadAllAsync(cancellationToken), cancellationToken);
    }
}
