using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Infrastructure;

namespace Aktivitetsplikt.Web.Pipeline;

/// <summary>
/// Walks the whole audit chain on a schedule (<c>Audit:FullVerificationIntervalMinutes</c>, 60) and leaves a keyed checkpoint at
/// the head when it is intact, so the audit page only walks what came after (<see cref="AuditChainVerifier.VerifyFromCheckpointAsync"/>).
/// A broken chain is logged as critical. The first walk starts <see cref="FirstDelay"/> after start-up, never before the app
/// answers. With several instances one walk runs at a time: the instance holding the job's lease (<see cref="Leases"/>, as
/// the deadline reminders); the others skip that round.
/// </summary>
public sealed class AuditVerificationService(IServiceScopeFactory scopes, AuditChainSettings settings, TimeProvider time,
    ILogger<AuditVerificationService> logger) : BackgroundService
{
    public const string JobName = "audit-chain-verification";

    /// <summary>After start-up, before the first walk: out of the way of the first requests.</summary>
    public static readonly TimeSpan FirstDelay = TimeSpan.FromSeconds(30);

    /// <summary>Far longer than a walk of millions of entries takes; how long walks wait when the instance running one dies.</summary>
    internal static readonly TimeSpan LeaseDuration = TimeSpan.FromMinutes(30);

    internal string Owner { get; } = Leases.NewOwner();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(FirstDelay, time, stoppingToken);
            using var timer = new PeriodicTimer(settings.FullVerificationInterval, time);
            do
            {
                try
                {
                    await RunOnceAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogError(ex, "The scheduled audit chain verification failed; it is tried again at the next interval");
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }

    /// <summary>One full walk, unless another instance holds the lease. Returns the verification, or null when skipped.</summary>
    public async Task<Domain.Audit.ChainVerification?> RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (!await Leases.TryClaimJobAsync(db, JobName, Owner, time.UtcNow(), LeaseDuration, cancellationToken))
        {
            logger.LogDebug("Another instance holds the audit chain verification lease; this round is its");
            return null;
        }
        try
        {
            var started = time.GetTimestamp();
            var verification = await scope.ServiceProvider.GetRequiredService<AuditChainVerifier>().VerifyAndCheckpointAsync(cancellationToken);
            logger.LogInformation("Scheduled audit chain verification: {Entries} entries, intact {Intact}, in {Seconds:F1} s",
                verification.EntriesChecked, verification.IsIntact, time.GetElapsedTime(started).TotalSeconds);
            return verification;
        }
        finally
        {
            await Leases.ReleaseJobAsync(db, JobName, Owner, time.UtcNow(), CancellationToken.None);
        }
    }
}
