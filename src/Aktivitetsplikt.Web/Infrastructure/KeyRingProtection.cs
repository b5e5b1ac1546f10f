using System.Security.Cryptography.X509Certificates;
using System.Xml.Linq;
using Aktivitetsplikt.Web.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Aktivitetsplikt.Web.Infrastructure;

/// <summary>
/// The data-protection key ring (it protects the sign-in cookie and the antiforgery tokens) is kept in the database, so
/// every app instance on it reads and writes the same keys and a cookie made by one is read by the next (ADR 014). When a
/// certificate is configured each key is encrypted at rest with it before it is stored:
/// <c>DataProtection:Certificate:Path</c> (a PKCS#12 file with its private key) and <c>DataProtection:Certificate:Password</c>;
/// certificates used before can still decrypt keys they encrypted when listed under
/// <c>DataProtection:PreviousCertificates:N:Path</c>/<c>:Password</c>. In Production a certificate is required unless
/// <c>DataProtection:AllowUnprotectedKeys</c> is true (for example when the database's storage is encrypted and that is judged enough).
/// </summary>
public static class KeyRingProtection
{
    public static IServiceCollection AddProtectedKeyRing(this IServiceCollection services, IConfiguration configuration,
        IHostEnvironment environment, string dataFolder)
    {
        services.AddSingleton(new FileKeyRing(Path.Combine(dataFolder, "keys")));
        var builder = services.AddDataProtection()
            .PersistKeysToDbContext<AppDbContext>()
            .SetApplicationName("Aktivitetsplikt");

        var section = configuration.GetSection("DataProtection");
        if (Load(section.GetSection("Certificate")) is { } certificate)
        {
            var previous = section.GetSection("PreviousCertificates").GetChildren().Select(Load).OfType<X509Certificate2>();
            builder.ProtectKeysWithCertificate(certificate)
                .UnprotectKeysWithAnyCertificate([certificate, .. previous]);
        }
        else if (environment.IsProduction() && !section.GetValue("AllowUnprotectedKeys", false))
        {
            throw new InvalidOperationException(
                "The data-protection key ring must be encrypted at rest in Production: set DataProtection:Certificate:Path (a .pfx with its " +
                "private key) and DataProtection:Certificate:Password, or DataProtection:AllowUnprotectedKeys=true if the database's storage " +
                "is encrypted. See docs/security.md.");
        }
        return services;
    }

    /// <summary>
    /// At start-up, after the migrations: copies the keys an earlier version kept in files (<c>App_Data/keys</c>) into the
    /// database once, as they are (still encrypted with the certificate if they were), so cookies issued before the upgrade
    /// stay valid; then makes sure a key exists, so instances started one after another all use the first one's key.
    /// </summary>
    public static async Task PrepareKeyRingAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        if (services.GetService<FileKeyRing>() is not { } files) return;
        var db = services.GetRequiredService<AppDbContext>();
        var imported = await ImportFileKeysAsync(db, files.Folder, cancellationToken);
        if (imported > 0)
            services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(KeyRingProtection))
                .LogInformation("Copied {Count} data-protection key files from {Folder} into the database; the files are no longer read", imported, files.Folder);
        services.GetRequiredService<IDataProtectionProvider>().CreateProtector("Aktivitetsplikt.StartUp").Protect([1]);
    }

    /// <summary>Copies the XML key files in <paramref name="folder"/> not yet in the database. Returns how many.</summary>
    internal static async Task<int> ImportFileKeysAsync(AppDbContext db, string folder, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(folder)) return 0;
        var known = (await db.DataProtectionKeys.Select(k => k.FriendlyName).ToListAsync(cancellationToken)).ToHashSet();
        var count = 0;
        foreach (var file in Directory.GetFiles(folder, "*.xml").Order(StringComparer.Ordinal))
        {
            // The name the file repository gave it, which is the friendly name the database repository uses too.
            var name = Path.GetFileNameWithoutExtension(file);
            if (known.Contains(name)) continue;
            var element = XElement.Load(file);
            db.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = name, Xml = element.ToString(SaveOptions.DisableFormatting) });
            count++;
        }
        await db.SaveChangesAsync(cancellationToken);
        return count;
    }

    private static X509Certificate2? Load(IConfigurationSection section)
    {
        var path = section["Path"];
        if (string.IsNullOrWhiteSpace(path)) return null;
        if (!File.Exists(path)) throw new InvalidOperationException($"The data-protection certificate {path} does not exist.");
        var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, section["Password"]);
        if (!certificate.HasPrivateKey) throw new InvalidOperationException($"The data-protection certificate {path} has no private key.");
        return certificate;
    }
}

/// <summary>Where versions before the shared key ring kept it, read once at start-up to import it.</summary>
public sealed record FileKeyRing(string Folder);
