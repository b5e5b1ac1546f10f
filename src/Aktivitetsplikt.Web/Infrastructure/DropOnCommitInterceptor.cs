using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Aktivitetsplikt.Web.Infrastructure;

/// <summary>
/// Keeps a cache in step with the rows it was read from, whichever context saves them, in a command or not: what a save
/// touched is dropped when it is being saved, when it is saved, and again when its transaction commits — a read between
/// the save and the commit still sees the old rows, and what it read may have been kept meanwhile. A subclass says what
/// a save touched (<see cref="Touched"/>) and how to drop it (<see cref="Drop"/>).
/// </summary>
/// <typeparam name="TTouched">What a save touched, as the subclass drops it (the recipients of notifications, say).</typeparam>
public abstract class DropOnCommitInterceptor<TTouched> : ISaveChangesInterceptor, IDbTransactionInterceptor
    where TTouched : class
{
    /// <summary>What each context has saved and not yet committed: dropped once more at the commit.</summary>
    private readonly ConditionalWeakTable<DbContext, TTouched> _pending = [];

    /// <summary>
    /// What this save touches, joined with what the same context touched earlier in its transaction
    /// (<paramref name="earlier"/>, null if nothing); null when the save touches nothing of the cache's.
    /// </summary>
    protected abstract TTouched? Touched(DbContext context, TTouched? earlier);

    /// <summary>Drops what was read from the touched rows.</summary>
    protected abstract void Drop(TTouched touched);

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Saving(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Saving(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Committed(eventData.Context);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Committed(eventData.Context);
        return Task.CompletedTask;
    }

    private void Saving(DbContext? context)
    {
        if (context is null) return;
        _pending.TryGetValue(context, out var earlier);
        if (Touched(context, earlier) is not { } touched) return;
        _pending.AddOrUpdate(context, touched);
        Drop(touched);
    }

    private void Saved(DbContext? context)
    {
        if (context is null || !_pending.TryGetValue(context, out var touched)) return;
        Drop(touched);
        if (context.Database.CurrentTransaction is null) _pending.Remove(context);
    }

    private void Committed(DbContext? context)
    {
        if (context is null || !_pending.TryGetValue(context, out var touched)) return;
        _pending.Remove(context);
        Drop(touched);
    }
}
