using System.Text.Json;
using System.Text.Json.Serialization;
using Aktivitetsplikt.Domain.Audit;
using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Aktivitetsplikt.Web.Pipeline;

/// <summary>
/// Appends to the tamper-evident audit chain. Entries are added to the context and commit with the
/// change they describe. Only one writer extends the chain at a time: the first append of a transaction takes the
/// <see cref="StorageLock.AuditChain"/> lock (SQLite's IMMEDIATE transactions hold it already; PostgreSQL waits for it).
/// Each entry is keyed (HMAC-SHA256) with the ring's current key, which is held outside the database.
/// </summary>
public sealed class AuditLog(AppDbContext db, ICurrentUser user, TimeProvider time, AuditChainSettings chain, ReadAuditQueue reads)
{
    /// <summary>The actions that only look at a case. Outside a command they are queued and written in batches (<see cref="ReadAuditQueue"/>).</summary>
    public static readonly IReadOnlyList<string> ReadActions = ["ViewCase", "ViewAuditLog", "ViewPlanPrint", "ViewAttachment"];

    private static readonly JsonSerializerOptions Json = new()
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Describe(object request) => JsonSerializer.Serialize(request, request.GetType(), Json);

    /// <summary>One entry per case the command changed (with the state before and after), or one for the command itself.</summary>
    public async Task RecordCommandAsync(object command, CancellationToken cancellationToken)
    {
        db.ChangeTracker.DetectChanges();
        var action = ActionName(command);
        var details = Describe(command);
        var anonymous = PublicRequestAttribute.IsOn(command);
        var cases = db.ChangeTracker.Entries<Case>()
            .Where(e => e.State is EntityState.Added or EntityState.Modified)
            .ToList();
        if (cases.Count == 0)
        {
            await AppendAsync(action, null, null, null, details, cancellationToken, anonymous);
            return;
        }
        foreach (var entry in cases)
        {
            CaseState? before = entry.State == EntityState.Added ? null : entry.Property(c => c.State).OriginalValue;
            await AppendAsync(action, entry.Entity.Id, before, entry.Entity.State, details, cancellationToken, anonymous);
        }
    }

    /// <summary>
    /// Appends one entry outside a command (a read of a case, a refused access) and saves it in its own
    /// write transaction, so that it takes the chain's head safely even while commands are committing.
    /// A read (<see cref="ReadActions"/>) is queued instead, who and when captured now, and written with others in one
    /// batch within <see cref="ReadAuditOptions.FlushInterval"/>, so looking at a case does not wait for the chain's lock.
    /// </summary>
    public async Task AppendAndSaveAsync(string action, Guid? caseId, string details, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null && ReadActions.Contains(action))
        {
            var (userId, userName, role) = Who(anonymous: false);
            await reads.EnqueueAsync(new PendingRead(time.UtcNow(), userId, userName, role, action, caseId, details), cancellationToken);
            return;
        }
        if (db.Database.CurrentTransaction is not null)
        {
            await AppendAsync(action, caseId, null, null, details, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            return;
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await AppendAsync(action, caseId, null, null, details, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task AppendAsync(string action, Guid? caseId, CaseState? before, CaseState? after, string details, CancellationToken cancellationToken,
        bool anonymous = false)
    {
        var (userId, userName, role) = Who(anonymous);
        await AppendEntryAsync(time.UtcNow(), userId, userName, role, action, caseId, before, after, details, cancellationToken);
    }

    /// <summary>Appends a queued read as it was captured (its user and time), inside the batch's transaction.</summary>
    internal Task AppendReadAsync(PendingRead read, CancellationToken cancellationToken) =>
        AppendEntryAsync(read.AtUtc, read.UserId, read.UserName, read.Role, read.Action, read.CaseId, null, null, read.Details, cancellationToken);

    private (Guid? UserId, string UserName, Role? Role) Who(bool anonymous) =>
        user.IsAuthenticated && !anonymous ? (user.UserId, user.Name, user.Role) : (null, "(anonymous)", null);

    private async Task AppendEntryAsync(DateTime atUtc, Guid? userId, string userName, Role? role, string action, Guid? caseId, CaseState? before,
        CaseState? after, string details, CancellationToken cancellationToken)
    {
        var pending = db.AuditEntries.Local.Where(a => db.Entry(a).State == EntityState.Added).MaxBy(a => a.Sequence);
        long lastSequence;
        string lastHash;
        if (pending is not null)
        {
            lastSequence = pending.Sequence;
            lastHash = pending.Hash;
        }
        else
        {
            await db.SerializeAsync(StorageLock.AuditChain, cancellationToken);
            var last = await db.AuditEntries.AsNoTracking().OrderByDescending(a => a.Sequence)
                .Select(a => new { a.Sequence, a.Hash }).FirstOrDefaultAsync(cancellationToken);
            lastSequence = last?.Sequence ?? 0;
            lastHash = last?.Hash ?? AuditEntry.GenesisHash;
        }

        db.AuditEntries.Add(new AuditEntry(
            lastSequence + 1,
            atUtc,
            userId,
            userName,
            role,
            action,
            caseId,
            before,
            after,
            details,
            lastHash,
            chain.Keys.Current));
    }

    public static string ActionName(object request)
    {
        var type = request.GetType();
        return type.DeclaringType is { } useCase ? useCase.Name : type.Name;
    }
}
