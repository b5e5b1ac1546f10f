using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Aktivitetsplikt.Domain.Cases;

namespace Aktivitetsplikt.Domain.Audit;

/// <summary>
/// One immutable line of the audit log. Each entry carries a SHA-256 hash of its own content and of
/// the previous entry's hash, so changing or removing any entry breaks the chain from there on.
/// </summary>
public sealed class AuditEntry
{
    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    private AuditEntry() { }

    public AuditEntry(long sequence, DateTime atUtc, Guid? userId, string userName, Role? role, string action,
        Guid? caseId, CaseState? stateBefore, CaseState? stateAfter, string details, string previousHash)
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
        Hash = ComputeHash();
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

    /// <summary>The hash of this entry's content chained to the previous hash, in a fixed, culture-free form.</summary>
    public string ComputeHash()
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
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(content))).ToLowerInvariant();
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
}

/// <summary>
/// The result of walking the chain. <see cref="HeadHash"/> is the hash of the last entry that checked out:
/// written into a filed document, it anchors the chain outside the database, so that removing the newest
/// entries later shows as a chain shorter than, or different from, what was filed.
/// </summary>
public sealed record ChainVerification(bool IsIntact, long EntriesChecked, long? FirstBrokenSequence, string? Problem, ChainProblem Kind = ChainProblem.None,
    string HeadHash = AuditEntry.GenesisHash)
{
    public static ChainVerification Intact(long count, string headHash) => new(true, count, null, null, ChainProblem.None, headHash);
}

public static class AuditChain
{
    /// <summary>Walks the entries in sequence order and reports the first one whose link or content does not hold.</summary>
    public static ChainVerification Verify(IEnumerable<AuditEntry> entriesInOrder)
    {
        var walker = new Walker();
        foreach (var entry in entriesInOrder)
            if (walker.Check(entry) is { } broken) return broken;
        return ChainVerification.Intact(walker.Count, walker.HeadHash);
    }

    /// <summary>The same walk over a stream, so a long chain is checked without holding it in memory.</summary>
    public static async Task<ChainVerification> VerifyAsync(IAsyncEnumerable<AuditEntry> entriesInOrder, CancellationToken cancellationToken = default)
    {
        var walker = new Walker();
        await foreach (var entry in entriesInOrder.WithCancellation(cancellationToken))
            if (walker.Check(entry) is { } broken) return broken;
        return ChainVerification.Intact(walker.Count, walker.HeadHash);
    }

    private sealed class Walker
    {
        private string _previousHash = AuditEntry.GenesisHash;

        public long Count { get; private set; }

        public string HeadHash => _previousHash;

        public ChainVerification? Check(AuditEntry entry)
        {
            var expectedSequence = Count + 1;
            if (entry.Sequence != expectedSequence)
                return new ChainVerification(false, Count, expectedSequence, $"Entry {expectedSequence} is missing (found {entry.Sequence}).", ChainProblem.MissingEntry, _previousHash);
            if (entry.PreviousHash != _previousHash)
                return new ChainVerification(false, Count, entry.Sequence, $"Entry {entry.Sequence} does not point to the hash of entry {entry.Sequence - 1}.", ChainProblem.BrokenLink, _previousHash);
            if (entry.ComputeHash() != entry.Hash)
                return new ChainVerification(false, Count, entry.Sequence, $"The content of entry {entry.Sequence} has been changed.", ChainProblem.ContentChanged, _previousHash);
            _previousHash = entry.Hash;
            Count++;
            return null;
        }
    }
}
