using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Aktivitetsplikt.Web.Tests.Http;

/// <summary>
/// <c>/healthz</c> (the process is alive) and <c>/readyz</c> (the database answers, fully migrated), for load balancers:
/// anonymous, plain one-word bodies, never redirected to the sign-in page or to https, never recorded in the audit log.
/// </summary>
public sealed class HealthEndpointTests
{
    [Fact]
    public async Task BothAnswerAnonymously_WithAPlainBody_AndNothingIsRecorded()
    {
        await using var app = new AppFactory();
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var audit = await app.QueryAsync(db => db.AuditEntries.CountAsync());
        var sessions = await app.QueryAsync(db => db.UserSessions.CountAsync());

        foreach (var path in new[] { "/healthz", "/readyz" })
        {
            using var response = await client.GetAsync(path);
            response.StatusCode.Should().Be(HttpStatusCode.OK, path);
            response.Content.Headers.ContentType!.MediaType.Should().Be("text/plain", path);
            (await response.Content.ReadAsStringAsync()).Should().Be("Healthy", path);
            response.Headers.Contains("Set-Cookie").Should().BeFalse($"{path} starts no session");
            response.Headers.CacheControl!.NoStore.Should().BeTrue(path);
        }

        (await app.QueryAsync(db => db.AuditEntries.CountAsync())).Should().Be(audit, "a health check is no one reading a case");
        (await app.QueryAsync(db => db.UserSessions.CountAsync())).Should().Be(sessions);
    }

    [Fact]
    public async Task Readyz_IsUnhealthy_WhileTheDatabaseLacksAMigration_AndHealthzDoesNotAskTheDatabase()
    {
        await using var app = new AppFactory();
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        (await client.GetAsync("/readyz")).StatusCode.Should().Be(HttpStatusCode.OK);

        // As a database restored from before the newest migration looks to this version.
        await app.QueryAsync(db => db.Database.ExecuteSqlRawAsync(
            "DELETE FROM \"__EFMigrationsHistory\" WHERE \"MigrationId\" = (SELECT MAX(\"MigrationId\") FROM \"__EFMigrationsHistory\")"));

        using var ready = await client.GetAsync("/readyz");
        ready.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        (await ready.Content.ReadAsStringAsync()).Should().Be("Unhealthy", "no reason, table or exception text is given away");
        using var live = await client.GetAsync("/healthz");
        live.StatusCode.Should().Be(HttpStatusCode.OK, "the process is alive: restarting it would not migrate the database");
    }

    [Fact]
    public async Task InProduction_OverPlainHttpFromTheLoadBalancer_NeitherIsRedirected()
    {
        var directory = Directory.CreateTempSubdirectory("aktivitetsplikt-health-").FullName;
        try
        {
            await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
            {
                builder.UseEnvironment("Production");
                builder.UseSetting("Storage:DatabasePath", Path.Combine(directory, "aktivitetsplikt.db"));
                builder.UseSetting("https_port", "443");
                builder.UseSetting("Notifications:BackgroundServices", "false");
                // What Production requires besides (docs/security.md, "Data at rest").
                builder.UseSetting("Audit:Keys:health", Convert.ToBase64String(new byte[32]));
                builder.UseSetting("Audit:AnchorFile", Path.Combine(directory, "anchors.log"));
                builder.UseSetting("DataProtection:AllowUnprotectedKeys", "true");
            });
            using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

            (await client.GetAsync("/saker")).StatusCode.Should().Be(HttpStatusCode.TemporaryRedirect, "pages go to https");
            foreach (var path in new[] { "/healthz", "/readyz" })
                (await client.GetAsync(path)).StatusCode.Should().Be(HttpStatusCode.OK, $"{path} answers the load balancer's plain probe");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
                // A file still held open by a disposing host; the temp folder is cleaned by the OS.
            }
        }
    }
}
