using Aktivitetsplikt.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Aktivitetsplikt.Web.Infrastructure;

/// <summary>
/// A named background job that one app instance at a time may run (the deadline reminder pass): whoever holds the
/// lease until <see cref="LeaseUntilUtc"/> runs it; a holder that crashed loses it when the time passes.
/// See docs/decisions/014-several-instances.md.
/// </summary>
public sealed class JobLease
{
    public const int MaxNameLength = 100;

    private JobLease() { }

    internal JobLease(string name, string owner, DateTime leaseUntilUtc)
    {
        Name = name;
        Owner = owner;
        LeaseUntilUtc = leaseUntilUtc;
    }

    public string Name { get; private set; } = "";
    public string? Owner { get; private set; }
    public DateTime LeaseUntilUtc { get; private set; }
}

/// <summary>
/// Leases with expiry, taken with one conditional UPDATE (<c>… WHERE LeaseUntil &lt; now</c>) that SQLite and
/// PostgreSQL both run atomically: of several instances asking at once exactly one gets the row.
/// </summary>
public static class Leases
{
    public const int MaxOwnerLength = 100;

    /// <summary>
    /// An owner name for one dispatcher or service object: the machine and process for the logs, and a random part so
    /// two objects in one process (the tests' two dispatchers) are two owners.
    /// </summary>
    public static string NewOwner()
    {
        var owner = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";
        return owner.Length <= MaxOwnerLength ? owner : owner[^MaxOwnerLength..];
    }

    /// <summary>
    /// Takes (or renews) the job's lease for <paramref name="owner"/> until <paramref name="nowUtc"/> + <paramref name="duration"/>
    /// when it is free (given back or never taken), expired, or already the owner's. False when another instance holds it.
    /// </summary>
    public static async Task<bool> TryClaimJobAsync(AppDbContext db, string job, string owner, DateTime nowUtc, TimeSpan duration,
        CancellationToken cancellationToken)
    {
        var until = nowUtc + duration;
        var claimed = await db.JobLeases
            .Where(l => l.Name == job && (l.Owner == null || l.LeaseUntilUtc < nowUtc || l.Owner == owner))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Owner, owner).SetProperty(l => l.LeaseUntilUtc, until), cancellationToken);
        if (claimed == 1) return true;
        if (await db.JobLeases.AnyAsync(l => l.Name == job, cancellationToken)) return false;

        // The job's first run on this database: its row is made by whoever inserts first; the other gets a key violation.
        db.JobLeases.Add(new JobLease(job, owner, until));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }

    /// <summary>Gives the lease back at once (a finished run), if <paramref name="owner"/> still holds it.</summary>
    public static Task ReleaseJobAsync(AppDbContext db, string job, string owner, DateTime nowUtc, CancellationToken cancellationToken) =>
        db.JobLeases.Where(l => l.Name == job && l.Owner == owner)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Owner, (string?)null).SetProperty(l => l.LeaseUntilUtc, nowUtc), cancellationToken);
}
