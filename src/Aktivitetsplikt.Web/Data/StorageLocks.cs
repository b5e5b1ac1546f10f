using Microsoft.EntityFrameworkCore;

namespace Aktivitetsplikt.Web.Data;

/// <summary>What one write transaction at a time may do: what SQLite's single writer gives for free.</summary>
public enum StorageLock
{
    /// <summary>Extending the audit chain: reading its head (sequence, hash) and appending after it.</summary>
    AuditChain = 1,

    /// <summary>Allocating the next case number, and a concern form's one-time key.</summary>
    CaseNumbers = 2,

    /// <summary>Counting a failed sign-in on its window's row (found or made).</summary>
    SignInFailures = 3,

    /// <summary>Applying a pupil import: one at a time, so a batch is applied once and against the pupils its preview saw.</summary>
    PupilImport = 14,
}

/// <summary>
/// The one place where the providers differ in locking (ADR 012). SQLite transactions begin IMMEDIATE (Microsoft.Data.Sqlite's
/// default): the first one holds the database's only write lock until it ends, so there is nothing more to take. On PostgreSQL
/// many transactions write at once; <c>pg_advisory_xact_lock</c> makes the others wait until this one commits or rolls back,
/// from any app instance, so what is read after it is the committed state of the last holder.
/// </summary>
public static class StorageLocks
{
    /// <summary>The lock's first key on PostgreSQL: the app's own, so other users of the database keep theirs.</summary>
    private const int AppLockClass = 0x416B_7450; // "AktP"

    /// <summary>Holds <paramref name="lockName"/> until the current transaction ends. There must be one: a lock outside it would end at once.</summary>
    public static async Task SerializeAsync(this AppDbContext db, StorageLock lockName, CancellationToken cancellationToken)
    {
        if (!db.Database.IsNpgsql()) return;
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException($"The {lockName} lock is taken inside a write transaction, and there is none.");
        var key = (int)lockName;
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({AppLockClass}, {key})", cancellationToken);
    }
}
