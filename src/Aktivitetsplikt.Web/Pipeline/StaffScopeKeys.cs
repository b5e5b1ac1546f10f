using System.Collections.Concurrent;
using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Domain.Organisation;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Aktivitetsplikt.Web.Pipeline;

/// <summary>
/// The keys of a member of staff's measure and delegated cases (the second and third parts of <see cref="CaseScope"/>'s
/// union), kept per user for at most <see cref="Bound"/> (ADR 035). Reading them costs the teacher's list most of its SQL on
/// every view (each measure of theirs, its plan version and the current-version check; their delegations against their
/// school's cases and pupils), yet they change only when a case, a plan, a measure, a flag, a delegation or a pupil is
/// saved. The cases they reported are not kept: that part is one index range in the list's own order.
/// <para>
/// An entry is the user's alone (the parts depend on the user's id and nothing else of theirs), and every entry is dropped
/// whenever any of those rows is saved through any context, in a command or not (<see cref="StaffScopeInvalidation"/>:
/// when saving, when saved and when committed). So in one app instance the list never lags a change; another instance's
/// changes show within <see cref="Bound"/>, as in the header (ADR 027). A case request checks the scope live
/// (<see cref="CaseScope.VisibleTo"/>): the keys only decide what the list shows.
/// </para>
/// </summary>
public sealed class StaffScopeKeys(TimeProvider time)
{
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    /// <summary>One entry per member of staff who opened their list (a few KB each): bounded so that memory never grows for good.</summary>
    private const int MaxEntries = 4096;

    private sealed record Kept(Guid[] Keys, long Generation, DateTime ReadUtc);

    private readonly ConcurrentDictionary<Guid, Kept> _entries = new();
    private long _generation;

    /// <summary>
    /// The keys of the cases with a measure of this user's in the current plan, or delegated to them: kept, or read now in
    /// the caller's context and kept only if nothing was dropped while they were read (a read that began before a change
    /// may have missed it).
    /// </summary>
    public async Task<Guid[]> MeasuresAndDelegatedOfAsync(AppDbContext db, Guid userId, CancellationToken cancellationToken)
    {
        var generation = Interlocked.Read(ref _generation);
        var now = time.UtcNow();
        if (_entries.TryGetValue(userId, out var kept) && kept.Generation == generation && now - kept.ReadUtc < Bound)
            return kept.Keys;

        var keys = await ReadAsync(db, userId, cancellationToken);
        if (generation == Interlocked.Read(ref _generation))
        {
            if (_entries.Count >= MaxEntries) _entries.Clear();
            _entries[userId] = new Kept(keys, generation, now);
        }
        return keys;
    }

    /// <summary>The same keys as the database says now.</summary>
    public static async Task<Guid[]> ReadAsync(AppDbContext db, Guid userId, CancellationToken cancellationToken)
    {
        var measures = await db.CasesWithMeasuresOf(userId).ToListAsync(cancellationToken);
        var delegated = await db.CasesDelegatedTo(userId).ToListAsync(cancellationToken);
        return [.. measures.Union(delegated)];
    }

    /// <summary>A case, plan, measure, flag, delegation or pupil was saved: every user's keys are read again.</summary>
    public void Drop()
    {
        Interlocked.Increment(ref _generation);
        _entries.Clear();
    }
}

/// <summary>
/// Drops <see cref="StaffScopeKeys"/> when a row the staff scope is computed from is saved through any context: a case (a
/// new concern at a delegated grade, its pupil identified, its school), a plan version or measure (who is responsible, which
/// version is current), a flag (school leadership suspected hides a case from delegates), a delegation (given or withdrawn)
/// or a pupil (their class decides a delegated grade).
/// </summary>
public sealed class StaffScopeInvalidation(StaffScopeKeys keys) : DropOnCommitInterceptor<StaffScopeInvalidation.Saved>
{
    /// <summary>That a save touched the scope's rows (no more is needed: every user's keys are dropped).</summary>
    public sealed record Saved;

    private static readonly Saved Touches = new();

    protected override Saved? Touched(DbContext context, Saved? earlier) =>
        earlier ?? (context.ChangeTracker.Entries()
            .Any(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
                && e.Entity is Case or ActivityPlanVersion or PlanMeasure or CaseFlag or Delegation or Pupil)
            ? Touches
            : null);

    protected override void Drop(Saved touched) => keys.Drop();
}
