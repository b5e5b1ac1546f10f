using Aktivitetsplikt.Web.Tests.Support;
using System.Net;
using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Aktivitetsplikt.Domain.Audit;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Pipeline;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.EntityFrameworkCore;

namespace Aktivitetsplikt.Web.Tests.Http;

/// <summary>
/// What lies on the disk: the data folder and the database owner-only, the key ring encrypted with a configured
/// certificate, the audit chain's key outside the database and its head anchored in an append-only file.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class DataAtRestTests
{
    private const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Fact]
    [Trait("Provider", TestDatabase.SqliteOnly)] // the permissions of the SQLite file and its -wal/-shm; PostgreSQL keeps no file here
    public async Task TheDataFolder_TheDatabase_ItsLogs_AndTheKeyRings_AreOwnerOnly()
    {
        await using var app = new AppFactory();
        var client = await app.SignedInAsync("randi.rektor");
        (await client.GetAsync("/saker")).StatusCode.Should().Be(HttpStatusCode.OK);

        File.GetUnixFileMode(app.DataFolder).Should().Be(OwnerOnlyFolder);
        foreach (var file in new[] { app.DatabasePath, app.DatabasePath + "-wal", app.DatabasePath + "-shm" })
        {
            File.Exists(file).Should().BeTrue($"{Path.GetFileName(file)} is there while the app runs");
            File.GetUnixFileMode(file).Should().Be(OwnerOnlyFile, Path.GetFileName(file));
        }
        File.GetUnixFileMode(Path.Combine(app.DataFolder, "audit-keys")).Should().Be(OwnerOnlyFolder);
        Directory.Exists(Path.Combine(app.DataFolder, "keys")).Should().BeFalse("the data-protection key ring is in the database (ADR 014)");
        Directory.GetFiles(Path.Combine(app.DataFolder, "audit-keys"), "*.key").Should().ContainSingle()
            .Which.Should().Match(f => File.GetUnixFileMode(f) == OwnerOnlyFile);
    }

    [Fact]
    [Trait("Provider", TestDatabase.SqliteOnly)] // the permissions of the SQLite file and its -wal/-shm; PostgreSQL keeps no file here
    public async Task ADatabaseFromAnEarlierVersion_ReadableByOthers_IsTightenedAtStartUp()
    {
        await using var app = new AppFactory();
        Directory.CreateDirectory(app.DataFolder);
        await File.WriteAllBytesAsync(app.DatabasePath, []);
        File.SetUnixFileMode(app.DatabasePath, OwnerOnlyFile | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        (await app.CreateClient().GetAsync("/logg-inn")).StatusCode.Should().Be(HttpStatusCode.OK);

        File.GetUnixFileMode(app.DatabasePath).Should().Be(OwnerOnlyFile);
    }

    [Fact]
    public async Task WithACertificateConfigured_TheKeyRingInTheDatabaseIsEncryptedAtRest_AndSignInWorks()
    {
        await using var app = new AppFactory();
        var certificate = Path.Combine(Path.GetTempPath(), $"aktivitetsplikt-dp-{Guid.NewGuid():N}.pfx");
        try
        {
            using (var rsa = RSA.Create(2048))
            {
                var request = new CertificateRequest("CN=Aktivitetsplikt key ring", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
                using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
                await File.WriteAllBytesAsync(certificate, created.Export(X509ContentType.Pfx, "test-password"));
            }
            app.Settings["DataProtection:Certificate:Path"] = certificate;
            app.Settings["DataProtection:Certificate:Password"] = "test-password";

            var client = await app.SignedInAsync("randi.rektor");
            (await client.GetAsync("/saker")).StatusCode.Should().Be(HttpStatusCode.OK, "the cookie is protected and read back with the encrypted ring");

            var keys = await app.QueryAsync(db => db.DataProtectionKeys.AsNoTracking().Select(k => k.Xml).ToListAsync());
            keys.Should().NotBeEmpty();
            foreach (var xml in keys)
            {
                xml.Should().Contain("encryptedSecret", "the master key is stored encrypted with the certificate");
                xml.Should().NotContain("<value>", "no master key lies there in plain text");
            }
        }
        finally
        {
            File.Delete(certificate);
        }
    }

    [Fact]
    public void InProduction_WithoutAKeyRingCertificate_TheAppRefusesToStart()
    {
        var services = new ServiceCollection();
        var act = () => services.AddProtectedKeyRing(Configuration([]), Environment(Environments.Production), TempFolder());

        act.Should().Throw<InvalidOperationException>().WithMessage("*DataProtection:Certificate:Path*");
    }

    [Fact]
    public void InProduction_WithoutAnAuditKeyOrAnchorFileOutsideTheDatabase_TheAppRefusesToStart()
    {
        var folder = TempFolder();
        var noKey = () => AuditChainSettings.FromConfiguration(Configuration([]), Environment(Environments.Production), folder);
        noKey.Should().Throw<InvalidOperationException>().WithMessage("*Audit:Keys*");

        var noAnchor = () => AuditChainSettings.FromConfiguration(
            Configuration(new() { ["Audit:Keys:k1"] = Convert.ToBase64String(new byte[32]) }), Environment(Environments.Production), folder);
        noAnchor.Should().Throw<InvalidOperationException>().WithMessage("*Audit:AnchorFile*");
    }

    [Fact]
    public void AnAuditKeyShorterThan32Bytes_IsRefused()
    {
        var act = () => AuditChainSettings.FromConfiguration(
            Configuration(new() { ["Audit:Keys:k1"] = Convert.ToBase64String(new byte[16]) }), Environment(Environments.Development), TempFolder());

        act.Should().Throw<InvalidOperationException>().WithMessage("*16 bytes*32*");
    }

    [Fact]
    public void RotatedKeys_NewEntriesUseTheCurrentKey_AndTheOldKeyStaysForVerifying()
    {
        var settings = AuditChainSettings.FromConfiguration(Configuration(new()
        {
            ["Audit:Keys:2026"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Audit:Keys:2027"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Audit:CurrentKeyId"] = "2027",
            ["Audit:AnchorFile"] = Path.Combine(TempFolder(), "anchors.log"),
        }), Environment(Environments.Production), TempFolder());

        settings.Keys.Current.Id.Should().Be("2027");
        settings.Keys.KeyIds.Should().BeEquivalentTo(["2026", "2027"]);
    }

    [Fact]
    public async Task TheHeadIsAnchoredAtStartUp_AndRemovingTheNewestEntriesAfterwardsIsReported()
    {
        await using var app = new AppFactory();
        var client = await app.SignedInAsync("siri.9a");
        var anchors = Path.Combine(app.DataFolder, "audit-anchors.log");
        File.Exists(anchors).Should().BeTrue("the head is written at start-up");
        File.GetUnixFileMode(anchors).Should().Be(OwnerOnlyFile);

        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Web.Data.AppDbContext>();
            (await scope.ServiceProvider.GetRequiredService<AuditAnchorFile>()
                .AnchorHeadAsync(db, TimeProvider.System, CancellationToken.None)).Should().BeTrue("the chain grew since start-up");
            var head = await db.AuditEntries.MaxAsync(a => a.Sequence);
            await db.AuditEntries.Where(a => a.Sequence > head - 2).ExecuteDeleteAsync();
        }

        using (var scope = app.Services.CreateScope())
        {
            var verification = await scope.ServiceProvider.GetRequiredService<AuditChainVerifier>().VerifyAsync(CancellationToken.None);
            verification.IsIntact.Should().BeFalse();
            verification.Kind.Should().Be(ChainProblem.Truncated);
        }
        var caseId = await app.CaseOfPupilAsync("Emma");
        var page = WebUtility.HtmlDecode(await client.GetStringAsync($"/saker/{caseId}/logg"));
        page.Should().Contain("de nyeste oppføringene er fjernet", "the audit-log page says so in Norwegian");
    }

    [Fact]
    public void OutsideProduction_ANewDatabase_MovesTheDeletedDatabasesAnchorsAside_SoADemoResetVerifies()
    {
        var folder = TempFolder();
        var anchors = Path.Combine(folder, "audit-anchors.log");
        File.WriteAllText(anchors, "42 abc key-1 2026-11-30T08:00:00Z\n");

        var settings = AuditChainSettings.FromConfiguration(Configuration([]), Environment(Environments.Development), folder, newDatabase: true);

        settings.AnchorFile.Should().Be(anchors);
        File.Exists(anchors).Should().BeFalse("the old chain's anchors are not held against the new one");
        Directory.GetFiles(folder, "audit-anchors.before-*.log").Should().ContainSingle("they are kept, moved aside");
    }

    [Fact]
    public void AConfiguredAnchorFile_IsNeverMovedAside_EvenForANewDatabase()
    {
        var folder = TempFolder();
        var anchors = Path.Combine(folder, "anchors.log");
        File.WriteAllText(anchors, "42 abc key-1 2026-11-30T08:00:00Z\n");

        AuditChainSettings.FromConfiguration(Configuration(new() { ["Audit:AnchorFile"] = anchors }), Environment(Environments.Development), folder, newDatabase: true);

        File.Exists(anchors).Should().BeTrue("a new database beside existing anchors is what verification must report");
    }

    private static IConfiguration Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();

    private static IHostEnvironment Environment(string name) => new HostingEnvironment { EnvironmentName = name };

    private static string TempFolder() => Directory.CreateTempSubdirectory("aktivitetsplikt-rest-").FullName;
}
