using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Aktivitetsplikt.Domain.Audit;

/// <summary>
/// One stored audit row as read for verification, with the enum columns already in their names (<c>Role.ToString()</c>),
/// so a walk can check it without materialising an <see cref="AuditEntry"/>.
/// </summary>
public readonly record struct AuditRecord(long Sequence, long AtTicks, Guid? UserId, string UserName, string? Role, string Action, Guid? CaseId,
    string? StateBefore, string? StateAfter, string Details, string PreviousHash, string Hash, string? KeyId)
{
    public static AuditRecord Of(AuditEntry entry) => new(entry.Sequence, entry.AtUtc.Ticks, entry.UserId, entry.UserName, entry.Role?.ToString(),
        entry.Action, entry.CaseId, entry.StateBefore?.ToString(), entry.StateAfter?.ToString(), entry.Details, entry.PreviousHash, entry.Hash, entry.KeyId);
}

/// <summary>
/// Checks a row's stored hash against its content exactly as <see cref="AuditEntry.ComputeHash(byte[])"/> makes it, without the
/// strings, arrays and hex text that method allocates per entry: the content is written as UTF-8 into one reused buffer, the
/// SHA-256 or HMAC (one <see cref="IncrementalHash"/> per key, reused) goes to the stack and is compared as lowercase hex.
/// Not thread-safe: one per walk.
/// </summary>
public sealed class AuditContentHasher : IDisposable
{
    private const byte Separator = 0x1f;
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
    private readonly IncrementalHash _sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly Dictionary<byte[], IncrementalHash> _hmacs = new(ReferenceEqualityComparer.Instance);

    /// <summary>Whether <paramref name="record"/>'s stored hash is that of its content: an HMAC under <paramref name="secret"/>, or SHA-256 without one.</summary>
    public bool Matches(in AuditRecord record, byte[]? secret)
    {
        var length = Write(record, keyed: secret is not null);
        var algorithm = secret is null ? _sha256 : Hmac(secret);
        algorithm.AppendData(_buffer, 0, length);
        Span<byte> hash = stackalloc byte[32];
        algorithm.GetHashAndReset(hash);
        Span<char> hex = stackalloc char[64];
        Convert.TryToHexStringLower(hash, hex, out _);
        return hex.SequenceEqual(record.Hash);
    }

    private IncrementalHash Hmac(byte[] secret)
    {
        if (!_hmacs.TryGetValue(secret, out var hmac))
            _hmacs[secret] = hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, secret);
        return hmac;
    }

    /// <summary>The fields joined by U+001F (and the key id when keyed), as UTF-8: the bytes ComputeHash hashes.</summary>
    private int Write(in AuditRecord r, bool keyed)
    {
        var utf8 = Encoding.UTF8;
        var most = 2 * 20 + 2 * 32 + 12
            + utf8.GetMaxByteCount(r.UserName.Length) + utf8.GetMaxByteCount(r.Role?.Length ?? 0) + utf8.GetMaxByteCount(r.Action.Length)
            + utf8.GetMaxByteCount(r.StateBefore?.Length ?? 0) + utf8.GetMaxByteCount(r.StateAfter?.Length ?? 0) + utf8.GetMaxByteCount(r.Details.Length)
            + utf8.GetMaxByteCount(r.PreviousHash.Length) + utf8.GetMaxByteCount(r.KeyId?.Length ?? 0);
        if (most > _buffer.Length)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = ArrayPool<byte>.Shared.Rent(most);
        }
        var span = _buffer.AsSpan();
        var at = 0;
        r.Sequence.TryFormat(span[at..], out var n, default, CultureInfo.InvariantCulture);
        at += n;
        span[at++] = Separator;
        r.AtTicks.TryFormat(span[at..], out n, default, CultureInfo.InvariantCulture);
        at += n;
        span[at++] = Separator;
        at += Guid(r.UserId, span[at..]);
        span[at++] = Separator;
        at += utf8.GetBytes(r.UserName, span[at..]);
        span[at++] = Separator;
        at += utf8.GetBytes(r.Role ?? "", span[at..]);
        span[at++] = Separator;
        at += utf8.GetBytes(r.Action, span[at..]);
        span[at++] = Separator;
        at += Guid(r.CaseId, span[at..]);
        span[at++] = Separator;
        at += utf8.GetBytes(r.StateBefore ?? "", span[at..]);
        span[at++] = Separator;
        at += utf8.GetBytes(r.StateAfter ?? "", span[at..]);
        span[at++] = Separator;
        at += utf8.GetBytes(r.Details, span[at..]);
        span[at++] = Separator;
        at += utf8.GetBytes(r.PreviousHash, span[at..]);
        if (keyed)
        {
            span[at++] = Separator;
            at += utf8.GetBytes(r.KeyId ?? "", span[at..]);
        }
        return at;
    }

    private static int Guid(Guid? id, Span<byte> into)
    {
        if (id is not { } value) return 0;
        value.TryFormat(into, out var written, "N");
        return written;
    }

    public void Dispose()
    {
        _sha256.Dispose();
        foreach (var hmac in _hmacs.Values) hmac.Dispose();
        ArrayPool<byte>.Shared.Return(_buffer);
    }
}
