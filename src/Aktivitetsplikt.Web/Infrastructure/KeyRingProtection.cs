using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;

namespace Aktivitetsplikt.Web.Infrastructure;

/// <summary>
/// The data-protection key ring (it protects the sign-in cookie and the antiforgery tokens) is kept in an owner-only
/// folder beside the database and, when a certificate is configured, encrypted at rest with it:
/// <c>DataProtection:Certificate:Path</c> (a PKCS#12 file with its private key) and <c>DataProtection:Certificate:Password</c>;
/// certificates used before can still decrypt keys they encrypted when listed under
/// <c>DataProtection:PreviousCertificates:N:Path</c>/<c>:Password</c>. In Production a certificate is required unless
/// <c>DataProtection:AllowUnprotectedKeys</c> is true (for example when the whole disk is encrypted and that is judged enough).
/// </summary>
public static class KeyRingProtection
{
    public static IServiceCollection AddProtectedKeyRing(this IServiceCollection services, IConfiguration configuration,
        IHostEnvironment environment, string dataFolder)
    {
        var folder = Path.Combine(dataFolder, "keys");
        DataFolder.EnsurePrivateDirectory(folder);
        var builder = services.AddDataProtection()
            .PersistKeysToFileSystem(new DirectoryInfo(folder))
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
                "private key) and DataProtection:Certificate:Password, or DataProtection:AllowUnprotectedKeys=true if the disk itself is " +
                "encrypted. See docs/security.md.");
        }
        return services;
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
