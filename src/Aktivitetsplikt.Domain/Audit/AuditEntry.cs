using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Aktivitetsplikt.Domain.Cases;

namespace Aktivitetsplikt.Domain.Audit;

/// <summary>
/// One immutable line of the audit log. Each entry carries a hash of its own content and of the previous
/// entry's hash, so changing or removing any entry breaks the chain from there on. Entries written with an
/// <see cref="AuditKey"/> carry an HMAC-SHA256 under that key (and the key's id), so only someone holding the
/// key — kept outside the database — can write a link that verifies. Entries from before keying
/// (<see cref="KeyId"/> null) keep their plain SHA-256 and go on verifying as they were written.
/// </summary>
public sealed class AuditEntry
{
    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    private AuditEntry() { }

    public AuditEntry(long sequence, DateTime atUtc, Guid? userId, string userName, Role? role, string action,
        Guid? caseId, CaseState? stateBefore, CaseState? stateAfter, string details, string previousHash, AuditKey? key = null)
    {
        Sequence = sequence;
        AtUtc = DateTime.SpecifyKind(atUtc, DateTimeKind.Utc);
        UserId = userId;
        UserName = userName;
        Role = role;
        Action = action;
        CaseId = caseId;
        StateBefore = stateBefore;
        StateAfter = stateAfter;
        Details = details;
        PreviousHash = previousHash;
        KeyId = key?.Id;
        Hash = ComputeHash(key?.Secret);
    }

    public long Sequence { get; private set; }
    public DateTime AtUtc { get; private set; }
    public Guid? UserId { get; private set; }
    public string UserName { get; private set; } = "";
    public Role? Role { get; private set; }
    public string Action { get; private set; } = "";
    public Guid? CaseId { get; private set; }
    public CaseState? StateBefore { get; private set; }
    public CaseState? StateAfter { get; private set; }
    public string Details { get; private set; } = "";
    public string PreviousHash { get; private set; } = "";
    public string Hash { get; private set; } = "";

    /// <summary>The id of the key the entry's HMAC was made with; null for an entry from before the chain was keyed (plain SHA-256).</summary>
    public string? KeyId { get; private set; }

    /// <summary>The plain SHA-256 of this entry's content chained to the previous hash: how unkeyed entries were written.</summary>
    public string ComputeHash() => ComputeHash(null);

    /// <summary>
    /// The hash of this entry's content chained to the previous hash, in a fixed, culture-free form: an HMAC-SHA256
    /// under <paramref name="secret"/> (the key id is part of the content), or the plain SHA-256 without a key.
    /// </summary>
    public string ComputeHash(byte[]? secret)
    {
        var content = string.Join("\u001f",
            Sequence.ToString(CultureInfo.InvariantCulture),
            DateTime.SpecifyKind(AtUtc, DateTimeKind.Utc).Ticks.ToString(CultureInfo.InvariantCulture),
            UserId?.ToString("N") ?? "",
            UserName,
            Role?.ToString() ?? "",
            Action,
            CaseId?.ToString("N") ?? "",
            StateBefore?.ToString() ?? "",
            StateAfter?.ToString() ?? "",
            Details,
            PreviousHash);
        if (secret is null) return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(content))).ToLowerInvariant();
        var keyed = content + "\u001f" + KeyId;
        return Convert.ToHexString(HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes(keyed))).ToLowerInvariant();
    }
}

public enum ChainProblem
{
    None,
    /// <summary>An entry is missing: the sequence has a gap (or the chain does not start at 1).</summary>
    MissingEntry,
    /// <summary>An entry does not point to the hash of the entry before it.</summary>
    BrokenLink,
    /// <summary>An entry's content no longer matches its own hash.</summary>
    ContentChanged,
    /// <summary>An entry names a key that the key ring does not hold, so it cannot be checked.</summary>
    UnknownKey,
    /// <summary>An unkeyed entry after the chain was keyed: someone without the key wrote it.</summary>
    Unkeyed,
    /// <summary>An entry's hash differs from the head recorded for it outside the database (an anchor).</summary>
    AnchorMismatch,
    /// <summary>The chain ends before a head recorded outside the database: the newest entries were removed.</summary>
    Truncated,
}

/// <summary>A secret for the audit chain's HMAC, with the id recorded on every entry made with it.</summary>
public sealed record AuditKey(string Id, byte[] Secret);

/// <summary>
/// The keys the chain can be verified with, and the one new entries are written with. A rotated key stays in the
/// ring so entries made with it keep verifying.
/// </summary>
public sealed class AuditKeyRing
{
    private readonly Dictionary<string, byte[]> _secrets;

    public AuditKeyRing(AuditKey current, IEnumerable<AuditKey> older)
    {
        Current = current;
        _secrets = older.Append(current).ToDictionary(k => k.Id, k => k.Secret, StringComparer.Ordinal);
    }

    public AuditKey Current { get; }

    public IReadOnlyCollection<string> KeyIds => _secrets.Keys;

    public byte[]? SecretFor(string keyId) => _secrets.GetValueOrDefault(keyId);
}

/// <summary>A head of the chain written outside the database at some time: entry <see cref="Sequence"/> had <see cref="Hash"/>.</summary>
public sealed record AuditAnchor(long Sequence, string Hash, DateTime AtUtc);

/// <summary>
/// The result of walking the chain. <see cref="HeadHash"/> is the hash of the last entry that checked out:
/// written into a filed document, it anchors the chain outside the database, so that removing the newest
/// entries later shows as a chain shorter than, or different from, what was filed.
/// </summary>
/// <param name="FromCheckpoint">Set when the walk started at a keyed checkpoint (<see cref="AuditCheckpoint"/>) rather than at entry 1: the
/// entries up to it were checked by the full walk that wrote it, at <paramref name="CheckpointVerifiedAtUtc"/>.</param>
public sealed record ChainVerification(bool IsIntact, long EntriesChecked, long? FirstBrokenSequence, string? Problem, ChainProblem Kind = ChainProblem.None,
    string HeadHash = AuditEntry.GenesisHash, long? FromCheckpoint = null, DateTime? CheckpointVerifiedAtUtc = null)
{
    public static ChainVerification Intact(long count, string headHash) => new(true, count, null, null, ChainProblem.None, headHash);
}

public static class AuditChain
{
    /// <summary>Walks the entries in sequence order and reports the first one whose link or content does not hold.</summary>
    public static ChainVerification Verify(IEnumerable<AuditEntry> entriesInOrder, AuditKeyRing? keys = null, IEnumerable<AuditAnchor>? anchors = null)
    {
        var walk = new ChainWalk(keys, anchors);
        foreach (var entry in entriesInOrder)
            if (walk.Check(entry) is { } broken) return broken;
        return walk.Finish();
    }

    /// <summary>The same walk over a stream, so a long chain is checked without holding it in memory.</summary>
    public static async Task<ChainVerification> VerifyAsync(IAsyncEnumerable<AuditEntry> entriesInOrder, AuditKeyRing? keys = null,
        IEnumerable<AuditAnchor>? anchors = null, CancellationToken cancellationToken = default)
    {
        var walk = new ChainWalk(keys, anchors);
        await foreach (var entry in entriesInOrder.WithCancellation(cancellationToken))
            if (walk.Check(entry) is { } broken) return broken;
        return walk.Finish();
    }
}

/// <summary>
/// One walk along the chain in sequence order. Checks each entry's link and content; keyed entries under their key from
/// the ring; once the chain is keyed, an unkeyed entry is refused (a downgrade by someone without the key); and every head
/// recorded outside the database must still be there with the same hash. Started from a valid <see cref="AuditCheckpoint"/>,
/// it begins at the checkpoint's entry, which must still carry the checkpoint's hash: what lies before was walked by the
/// walk that wrote the checkpoint.
/// </summary>
public sealed class ChainWalk
{
    private readonly AuditKeyRing? _keys;
    private readonly Dictionary<long, AuditAnchor> _anchors;
    private readonly AuditCheckpoint? _from;
    /// <summary>The last checked entry's hash as its stored text's UTF-8 bytes; a walk over raw rows never makes it a string.</summary>
    private byte[] _head = Encoding.UTF8.GetBytes(AuditEntry.GenesisHash);
    private int _headLength = AuditEntry.GenesisHash.Length;
    private string? _headText = AuditEntry.GenesisHash;
    private bool _keyed;

    public ChainWalk(AuditKeyRing? keys, IEnumerable<AuditAnchor>? anchors, AuditCheckpoint? from = null)
    {
        _keys = keys;
        _from = from;
        var relevant = (anchors ?? []).Where(a => from is null || a.Sequence >= from.Sequence);
        if (from is not null) relevant = relevant.Append(from.AsAnchor());
        _anchors = relevant.GroupBy(a => a.Sequence).ToDictionary(g => g.Key, g => g.Last());
        Count = from is null ? 0 : from.Sequence - 1;
    }

    /// <summary>The sequence of the last entry that checked out.</summary>
    public long Count { get; private set; }

    public string HeadHash => _headText ??= Encoding.UTF8.GetString(_head, 0, _headLength);

    /// <summary>The secret an entry with <paramref name="keyId"/> is checked under: null for an unkeyed entry, and for a key the ring lacks.</summary>
    public byte[]? SecretFor(string? keyId) => keyId is null ? null : _keys?.SecretFor(keyId);

    public ChainVerification? Check(AuditEntry entry) =>
        Tagged(Check(entry.Sequence, entry.PreviousHash, entry.Hash, entry.KeyId, entry, contentMatches: false));

    /// <param name="contentMatches">Whether the row's hash is that of its content under <see cref="SecretFor"/> its key (<see cref="AuditContentHasher"/>).</param>
    public ChainVerification? Check(in AuditRecord record, bool contentMatches) =>
        Tagged(Check(record.Sequence, record.PreviousHash, record.Hash, record.KeyId, null, contentMatches));

    /// <summary>
    /// The same check for a row read as bytes: <paramref name="previousHash"/> and <paramref name="hash"/> are the stored texts' UTF-8
    /// bytes (as the database holds them), compared byte for byte as the strings would be compared char for char.
    /// </summary>
    /// <param name="contentMatches">Whether the row's hash is that of its content under <see cref="SecretFor"/> its key.</param>
    public ChainVerification? Check(long sequence, ReadOnlySpan<byte> previousHash, ReadOnlySpan<byte> hash, string? keyId, bool contentMatches) =>
        Tagged(Check(sequence, previousHash, hash, keyId, null, contentMatches));

    private ChainVerification? Check(long sequence, string previousHash, string hash, string? keyId, AuditEntry? entry, bool contentMatches)
    {
        var utf8 = Encoding.UTF8;
        var most = utf8.GetMaxByteCount(previousHash.Length) + utf8.GetMaxByteCount(hash.Length);
        byte[]? rented = null;
        var buffer = most <= 512 ? stackalloc byte[512] : (rented = ArrayPool<byte>.Shared.Rent(most));
        try
        {
            var previousLength = utf8.GetBytes(previousHash, buffer);
            var hashLength = utf8.GetBytes(hash, buffer[previousLength..]);
            return Check(sequence, buffer[..previousLength], buffer.Slice(previousLength, hashLength), keyId, entry, contentMatches);
        }
        finally
        {
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private ChainVerification? Tagged(ChainVerification? result) =>
        result is null || _from is null ? result : result with { FromCheckpoint = _from.Sequence, CheckpointVerifiedAtUtc = _from.VerifiedAtUtc };

    private ChainVerification? Check(long sequence, ReadOnlySpan<byte> previousHash, ReadOnlySpan<byte> hash, string? keyId, AuditEntry? entry, bool contentMatches)
    {
        var expectedSequence = Count + 1;
        if (sequence != expectedSequence)
            return new ChainVerification(false, Count, expectedSequence, $"Entry {expectedSequence} is missing (found {sequence}).", ChainProblem.MissingEntry, HeadHash);
        var resuming = _from is not null && sequence == _from.Sequence;
        if (!resuming && !previousHash.SequenceEqual(_head.AsSpan(0, _headLength)))
            return new ChainVerification(false, Count, sequence, $"Entry {sequence} does not point to the hash of entry {sequence - 1}.", ChainProblem.BrokenLink, HeadHash);
        byte[]? secret = null;
        if (keyId is not null)
        {
            secret = SecretFor(keyId);
            if (secret is null)
                return new ChainVerification(false, Count, sequence, $"Entry {sequence} was made with key '{keyId}', which the key ring does not hold.", ChainProblem.UnknownKey, HeadHash);
            _keyed = true;
        }
        else if (_keyed)
            return new ChainVerification(false, Count, sequence, $"Entry {sequence} is unkeyed, after the chain was keyed.", ChainProblem.Unkeyed, HeadHash);
        if (!(entry is null ? contentMatches : entry.ComputeHash(secret) == entry.Hash))
            return new ChainVerification(false, Count, sequence, $"The content of entry {sequence} has been changed.", ChainProblem.ContentChanged, HeadHash);
        if (_anchors.TryGetValue(sequence, out var anchor) && !string.Equals(anchor.Hash, Encoding.UTF8.GetString(hash), StringComparison.OrdinalIgnoreCase))
            return new ChainVerification(false, Count, sequence, $"Entry {sequence} differs from the head recorded for it at {anchor.AtUtc:u}.", ChainProblem.AnchorMismatch, HeadHash);
        if (hash.Length > _head.Length) _head = new byte[hash.Length];
        hash.CopyTo(_head);
        _headLength = hash.Length;
        _headText = null;
        Count++;
        return null;
    }

    /// <summary>The walk's end: intact, unless a head recorded outside the database (or the checkpoint) lies beyond it.</summary>
    public ChainVerification Finish()
    {
        var beyond = _anchors.Values.Where(a => a.Sequence > Count).MaxBy(a => a.Sequence);
        var result = beyond is null
            ? ChainVerification.Intact(Count, HeadHash)
            : new ChainVerification(false, Count, Count + 1, $"The chain ends at entry {Count}, but entry {beyond.Sequence} was recorded as its head at {beyond.AtUtc:u}.", ChainProblem.Truncated, HeadHash);
        return Tagged(result)!;
    }
}
