using System.Security.Cryptography;
using System.Text;
using Aktivitetsplikt.Web.Infrastructure;

namespace Aktivitetsplikt.Web.Features.Account;

/// <summary>
/// The Norwegian national identity number (fødselsnummer, or a D-number): eleven digits whose last two are control digits
/// (modulus 11 with the official weights). Only its shape is checked; the number itself is never stored.
/// </summary>
public static class NationalIdentityNumber
{
    private static readonly int[] FirstWeights = [3, 7, 6, 1, 8, 9, 4, 5, 2];
    private static readonly int[] SecondWeights = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];

    /// <summary>Spaces (as people type "010203 12345") are left out; anything else must be a digit.</summary>
    public static string Normalise(string? value) => (value ?? "").Replace(" ", "", StringComparison.Ordinal).Trim();

    public static bool HasElevenDigits(string? value)
    {
        var number = Normalise(value);
        return number.Length == 11 && number.All(char.IsAsciiDigit);
    }

    public static bool HasValidControlDigits(string? value)
    {
        var number = Normalise(value);
        if (!HasElevenDigits(number)) return false;
        var digits = number.Select(c => c - '0').ToArray();
        return Control(digits, FirstWeights) == digits[9] && Control(digits, SecondWeights) == digits[10];
    }

    private static int Control(int[] digits, int[] weights)
    {
        var sum = weights.Select((weight, i) => weight * digits[i]).Sum();
        var control = 11 - sum % 11;
        return control == 11 ? 0 : control; // 10 is no valid control digit: it never equals a digit
    }
}

/// <summary>
/// Keyed hash (HMAC-SHA256) of a national identity number, the only form in which the number is kept: enough to match a
/// parent signing in with ID-porten to the guardians the school registered, useless without the key (which lives outside
/// the database, like the audit chain's). Eleven digits are too few to protect with a plain hash: without a key, all
/// 10^10 candidates can be tried in minutes.
/// </summary>
public sealed class IdentityNumberHasher
{
    public const int MinimumKeyBytes = 32;
    private readonly byte[]? _key;

    private IdentityNumberHasher(byte[]? key) => _key = key;

    /// <summary>False in Production without <c>Guardians:IdentityHashKey</c> (and ID-porten off): guardians cannot be registered.</summary>
    public bool IsConfigured => _key is not null;

    public string Hash(string number)
    {
        if (_key is null) throw new InvalidOperationException("Guardians:IdentityHashKey is not configured.");
        return Convert.ToBase64String(HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(NationalIdentityNumber.Normalise(number))));
    }

    /// <summary>A key for this process only (tests and tools that make no guardians that must outlive them).</summary>
    public static IdentityNumberHasher Ephemeral() => new(RandomNumberGenerator.GetBytes(MinimumKeyBytes));

    /// <summary>
    /// <c>Guardians:IdentityHashKey</c> (base64, at least 32 bytes). Outside Production, without it, a key is generated once
    /// into <c>guardian-keys/identity.key</c> in the data folder (0600). In Production the app refuses to start without it
    /// when ID-porten is on; with ID-porten off, guardians cannot be registered until it is set.
    /// </summary>
    public static IdentityNumberHasher FromConfiguration(IConfiguration configuration, IHostEnvironment environment, string dataFolder, bool idPortenEnabled)
    {
        var configured = configuration["Guardians:IdentityHashKey"];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            byte[] key;
            try { key = Convert.FromBase64String(configured); }
            catch (FormatException) { throw new InvalidOperationException("Guardians:IdentityHashKey is not base64."); }
            if (key.Length < MinimumKeyBytes)
                throw new InvalidOperationException($"Guardians:IdentityHashKey has {key.Length} bytes; it needs at least {MinimumKeyBytes}.");
            return new IdentityNumberHasher(key);
        }
        if (environment.IsProduction())
        {
            if (idPortenEnabled)
                throw new InvalidOperationException(
                    "ID-porten sign-in matches parents by a keyed hash of their national identity number: set Guardians:IdentityHashKey " +
                    "(base64, 32 bytes or more, held outside the database). See docs/security.md.");
            return new IdentityNumberHasher(null);
        }
        var directory = Path.Combine(dataFolder, "guardian-keys");
        DataFolder.EnsurePrivateDirectory(directory);
        var file = Path.Combine(directory, "identity.key");
        if (!File.Exists(file)) DataFolder.WritePrivateFile(file, Convert.ToBase64String(RandomNumberGenerator.GetBytes(MinimumKeyBytes)));
        return new IdentityNumberHasher(Convert.FromBase64String(File.ReadAllText(file).Trim()));
    }
}
