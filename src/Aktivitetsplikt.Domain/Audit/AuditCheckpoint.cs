using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Aktivitetsplikt.Domain.Audit;

/// <summary>
/// "A walk of the whole chain found entries 1..<see cref="Sequence"/> intact, and entry <see cref="Sequence"/> had
/// <see cref="EntryHash"/>", recorded by that walk and keyed (HMAC-SHA256 under the audit key <see cref="KeyId"/>, held
/// outside the database), so a later check need only walk from here to the head. A row someone wrote without the key
/// (<see cref="IsValid"/> false) is passed over: it cannot shorten a check.
/// </summary>
public sealed class AuditCheckpoint
{
    private AuditCheckpoint() { }

    public AuditCheckpoint(long sequence, string entryHash, DateTime verifiedAtUtc, AuditKey key)
    {
        Id = Guid.NewGuid();
        Sequence = sequence;
        EntryHash = entryHash;
        // Whole seconds: what every provider stores exactly, so the MAC verifies after a round trip.
        VerifiedAtUtc = new DateTime(verifiedAtUtc.Ticks - verifiedAtUtc.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);
        KeyId = key.Id;
        Mac = ComputeMac(key.Secret);
    }

    public Guid Id { get; private set; }
    public long Sequence { get; private set; }
    public string EntryHash { get; private set; } = "";
    public DateTime VerifiedAtUtc { get; private set; }
    public string KeyId { get; private set; } = "";
    public string Mac { get; private set; } = "";

    /// <summary>True when the ring holds the checkpoint's key and its MAC is the one that key makes of its content.</summary>
    public bool IsValid(AuditKeyRing keys) =>
        keys.SecretFor(KeyId) is { } secret
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(ComputeMac(secret)), Encoding.ASCII.GetBytes(Mac));

    /// <summary>As an anchor: the chain must still hold this entry with this hash, and reach at least this far.</summary>
    public AuditAnchor AsAnchor() => new(Sequence, EntryHash, VerifiedAtUtc);

    private string ComputeMac(byte[] secret)
    {
        // "checkpoint" first: no audit entry's content starts so (an entry's starts with its sequence number).
        var content = string.Join("\u001f", "checkpoint", Sequence.ToString(CultureInfo.InvariantCulture), EntryHash,
            DateTime.SpecifyKind(VerifiedAtUtc, DateTimeKind.Utc).Ticks.ToString(CultureInfo.InvariantCulture), KeyId);
        return Convert.ToHexStringLower(HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes(content)));
    }
}
