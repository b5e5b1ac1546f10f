using System.Security.Cryptography;
using Aktivitetsplikt.Domain.Audit;

namespace Aktivitetsplikt.Web.Infrastructure;

/// <summary>
/// Where the audit chain's HMAC keys come from and where its heads are written outside the database.
/// <list type="bullet">
/// <item><c>Audit:Keys:&lt;id&gt;</c> = a base64 secret of at least 32 bytes (from the environment or a secret store), and/or
/// <c>Audit:KeyDirectory</c> = a folder of <c>&lt;id&gt;.key</c> files holding such secrets. <c>Audit:CurrentKeyId</c> names the
/// key new entries are written with (needed when there are several); older keys stay so their entries keep verifying.</item>
/// <item><c>Audit:AnchorFile</c> = the append-only file the chain's head is written to on a schedule.</item>
/// </list>
/// Outside Production, with nothing configured, a key is generated into <c>audit-keys/</c> and heads go to
/// <c>audit-anchors.log</c>, both in the data folder (0700). In Production both must be configured, so the key is
/// never only beside the database it protects.
/// </summary>
public sealed record AuditChainSettings(AuditKeyRing Keys, string? AnchorFile, TimeSpan AnchorInterval)
{
    public const int MinimumSecretBytes = 32;

    /// <summary>How often the whole chain is walked and a keyed checkpoint left at its head (<c>Audit:FullVerificationIntervalMinutes</c>, 60).</summary>
    public TimeSpan FullVerificationInterval { get; init; } = TimeSpan.FromMinutes(60);

    private static readonly AuditKey ProcessKey = new("ephemeral", RandomNumberGenerator.GetBytes(MinimumSecretBytes));

    /// <summary>
    /// A ring with one random key that lives as long as the process (shared by every service provider in it), and no
    /// anchors: for tests and tools that make a throwaway database. The app always loads its keys with <see cref="FromConfiguration"/>.
    /// </summary>
    public static AuditChainSettings Ephemeral() => new(new AuditKeyRing(ProcessKey, []), null, TimeSpan.FromMinutes(15));

    /// <param name="newDatabase">
    /// The database is about to be created. Outside Production, where the anchor file defaults to the data folder, the
    /// anchors of a database that was deleted (a demo reset) are moved aside rather than held against the new chain.
    /// A configured anchor file is never touched: there a new database beside old anchors is what should be noticed.
    /// </param>
    public static AuditChainSettings FromConfiguration(IConfiguration configuration, IHostEnvironment environment, string dataFolder, bool newDatabase = false)
    {
        var section = configuration.GetSection("Audit");
        var production = environment.IsProduction();
        var keys = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var key in section.GetSection("Keys").GetChildren())
            keys[key.Key] = Secret(key.Value, $"Audit:Keys:{key.Key}");

        var configuredDirectory = section["KeyDirectory"];
        if (string.IsNullOrWhiteSpace(configuredDirectory) && keys.Count == 0 && production)
            throw new InvalidOperationException(
                "The audit chain needs a key held outside the database in Production: set Audit:Keys:<id> (base64, 32 bytes or more) " +
                "or Audit:KeyDirectory (a folder of <id>.key files). See docs/security.md.");
        var directory = string.IsNullOrWhiteSpace(configuredDirectory) ? Path.Combine(dataFolder, "audit-keys") : Path.GetFullPath(configuredDirectory);
        if (!string.IsNullOrWhiteSpace(configuredDirectory) || keys.Count == 0)
        {
            DataFolder.EnsurePrivateDirectory(directory);
            foreach (var file in Directory.EnumerateFiles(directory, "*.key"))
                keys.TryAdd(Path.GetFileNameWithoutExtension(file), Secret(File.ReadAllText(file).Trim(), file));
            if (keys.Count == 0)
            {
                var id = "key-" + DateTime.UtcNow.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
                var secret = RandomNumberGenerator.GetBytes(MinimumSecretBytes);
                DataFolder.WritePrivateFile(Path.Combine(directory, id + ".key"), Convert.ToBase64String(secret));
                keys[id] = secret;
            }
        }

        var currentId = section["CurrentKeyId"];
        if (string.IsNullOrWhiteSpace(currentId))
        {
            if (keys.Count > 1)
                throw new InvalidOperationException($"The audit chain has several keys ({string.Join(", ", keys.Keys.Order())}): set Audit:CurrentKeyId to the one new entries are written with.");
            currentId = keys.Keys.Single();
        }
        if (!keys.TryGetValue(currentId, out var currentSecret))
            throw new InvalidOperationException($"Audit:CurrentKeyId is '{currentId}', but no key has that id.");
        var ring = new AuditKeyRing(new AuditKey(currentId, currentSecret), keys.Where(k => k.Key != currentId).Select(k => new AuditKey(k.Key, k.Value)));

        var anchorFile = section["AnchorFile"];
        if (string.IsNullOrWhiteSpace(anchorFile))
        {
            if (production)
                throw new InvalidOperationException(
                    "The audit chain's head must be written outside the database in Production: set Audit:AnchorFile to an append-only file " +
                    "the database's user cannot rewrite. See docs/security.md.");
            anchorFile = Path.Combine(dataFolder, "audit-anchors.log");
            if (newDatabase && File.Exists(anchorFile))
                File.Move(anchorFile, Path.Combine(dataFolder,
                    $"audit-anchors.before-{DateTime.UtcNow.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture)}.log"));
        }
        var interval = TimeSpan.FromMinutes(section.GetValue("AnchorIntervalMinutes", 15.0));
        if (interval <= TimeSpan.Zero) throw new InvalidOperationException("Audit:AnchorIntervalMinutes must be more than 0.");
        var fullWalk = TimeSpan.FromMinutes(section.GetValue("FullVerificationIntervalMinutes", 60.0));
        if (fullWalk < TimeSpan.FromMinutes(1)) throw new InvalidOperationException("Audit:FullVerificationIntervalMinutes must be 1 or more.");
        return new AuditChainSettings(ring, Path.GetFullPath(anchorFile), interval) { FullVerificationInterval = fullWalk };
    }

    private static byte[] Secret(string? base64, string source)
    {
        byte[] secret;
        try { secret = Convert.FromBase64String(base64 ?? ""); }
        catch (FormatException) { throw new InvalidOperationException($"The audit key in {source} is not base64."); }
        if (secret.Length < MinimumSecretBytes)
            throw new InvalidOperationException($"The audit key in {source} has {secret.Length} bytes; it needs at least {MinimumSecretBytes}.");
        return secret;
    }
}
