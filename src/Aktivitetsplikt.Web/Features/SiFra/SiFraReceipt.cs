using System.Security.Cryptography;
using System.Text;

namespace Aktivitetsplikt.Web.Features.SiFra;

/// <summary>
/// The receipt of one "si fra" message: the SHA-256 of its code (never the code), the case it made, and the one-time key
/// of the form that sent it, so a second post of the same form gives back the same receipt instead of a second case.
/// Kept with the case; never deleted.
/// </summary>
public sealed class SiFraReceipt(string codeHash, Guid caseId, Guid submissionKey, string fingerprint, DateTime issuedAtUtc)
{
    public string CodeHash { get; private set; } = codeHash;
    public Guid CaseId { get; private set; } = caseId;
    public Guid SubmissionKey { get; private set; } = submissionKey;
    /// <summary>SHA-256 (hex) of the school and the text, to tell a retry from another message sent with a copied form key.</summary>
    public string Fingerprint { get; private set; } = fingerprint;
    public DateTime IssuedAtUtc { get; private set; } = issuedAtUtc;
}

/// <summary>
/// Receipt codes: 12 characters from an alphabet without look-alikes (no 0/O, 1/I), 60 bits, shown as XXXX-XXXX-XXXX.
/// A code is derived from the form's one-time key under a server secret (HMAC), so a retry of the same form shows the
/// same code although only its hash is stored; without the secret a code cannot be derived or guessed (ADR 016).
/// </summary>
public sealed class ReceiptCodes(byte[] secret)
{
    public const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    public const int Length = 12;
    /// <summary>The longest text a code can be typed or linked as (with dashes and spaces); anything longer is not a code.</summary>
    public const int MaxTypedLength = 40;

    /// <summary>A key for receipt codes only, derived from the audit chain's current key (held outside the database).</summary>
    public static ReceiptCodes FromAuditKey(byte[] auditSecret) =>
        new(HKDF.DeriveKey(HashAlgorithmName.SHA256, auditSecret, 32, info: Encoding.UTF8.GetBytes("aktivitetsplikt si-fra receipt v1")));

    public string For(Guid submissionKey)
    {
        var mac = HMACSHA256.HashData(secret, submissionKey.ToByteArray());
        var code = new char[Length];
        for (var i = 0; i < Length; i++) code[i] = Alphabet[mac[i] & 31];
        return new string(code);
    }

    public static string Display(string code) => string.Join('-', code.Chunk(4).Select(c => new string(c)));

    /// <summary>The code as typed or linked, without dashes and spaces and in capitals; null when it cannot be a code.</summary>
    public static string? Normalise(string? typed)
    {
        if (string.IsNullOrWhiteSpace(typed) || typed.Length > MaxTypedLength) return null;
        var code = new string([.. typed.Where(c => c is not ('-' or ' ')).Select(char.ToUpperInvariant)]);
        return code.Length == Length && code.All(Alphabet.Contains) ? code : null;
    }

    public static string Hash(string code) => Convert.ToHexString(SHA256.HashData(Encoding.ASCII.GetBytes(code)));
}
