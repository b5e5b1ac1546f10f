namespace Aktivitetsplikt.Web.Features.Cases;

/// <summary>
/// The newest head of the audit chain that a view of the audit page in this instance walked and found intact, held in
/// memory only (ADR 025, second amendment): the next view walks from it to the head instead of from the newest checkpoint,
/// so a view's walk is what was written since the last view, not everything since the last full walk. It lives and dies
/// with the process, so nothing in the database can move it; it only moves forward. What it vouches for is what the walk
/// that reached it saw: entries up to <see cref="Head.Sequence"/> as they were at <see cref="Head.VerifiedAtUtc"/>. A
/// change to them after that is the full walk's to find (scheduled, or the § 9A team's button), as for entries before a
/// checkpoint.
/// </summary>
public sealed class VerifiedChainHead
{
    /// <param name="Sequence">The last entry the walk found intact, and <paramref name="Hash"/> its hash then.</param>
    /// <param name="CheckpointSequence">The keyed checkpoint the walks leading here started from (a full walk's head), and when that walk ran.</param>
    public sealed record Head(long Sequence, string Hash, DateTime VerifiedAtUtc, long CheckpointSequence, DateTime CheckpointVerifiedAtUtc);

    private readonly Lock _lock = new();
    private Head? _head;

    public Head? Current
    {
        get
        {
            lock (_lock) return _head;
        }
    }

    /// <summary>Remembers <paramref name="head"/> when it lies beyond the one remembered: two views finishing in either order leave the further one.</summary>
    public void Advance(Head head)
    {
        lock (_lock)
        {
            if (_head is null || head.Sequence > _head.Sequence) _head = head;
        }
    }
}
