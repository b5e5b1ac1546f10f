using Aktivitetsplikt.Web.Tests.Support;
using System.Net;
using Aktivitetsplikt.Web.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Aktivitetsplikt.Web.Tests.Http;

/// <summary>
/// Production behind a TLS-terminating proxy: the app sees plain http from the proxy, and must believe the proxy's
/// X-Forwarded-Proto (and only a configured proxy's) for HSTS, the https redirect and Secure cookies to apply.
/// The connection comes from 192.0.2.10 (set before the app's pipeline, as Kestrel would).
/// </summary>
public sealed class ProxyTests : IDisposable
{
    private const string Proxy = "192.0.2.10";
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "aktivitetsplikt-proxy-" + Guid.NewGuid().ToString("N"));
    private TestDatabase? _database;

    [Fact]
    public async Task BehindATrustedProxy_TheForwardedHttpsScheme_GivesHstsAndSecureCookies_WithoutARedirect()
    {
        await using var factory = Production(knownProxy: Proxy);
        using var client = Client(factory);

        using var response = await client.SendAsync(Request("/logg-inn", forwardedProto: "https"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.GetValues("Strict-Transport-Security").Single().Should().Contain("max-age=");
        var cookies = response.Headers.GetValues("Set-Cookie").ToList();
        cookies.Should().Contain(c => c.StartsWith("aktivitetsplikt.af=", StringComparison.Ordinal), "the sign-in form sets the antiforgery cookie");
        cookies.Should().OnlyContain(c => c.Contains("; secure", StringComparison.OrdinalIgnoreCase), "every cookie is Secure outside Development");
    }

    [Fact]
    public async Task PlainHttp_IsRedirectedToHttps()
    {
        await using var factory = Production(knownProxy: Proxy);
        using var client = Client(factory);

        using var response = await client.SendAsync(Request("/logg-inn", forwardedProto: null));

        response.StatusCode.Should().Be(HttpStatusCode.TemporaryRedirect);
        response.Headers.Location!.ToString().Should().StartWith("https://skole.example.no/logg-inn");
    }

    [Fact]
    public async Task AnUntrustedSender_CannotClaimHttps_OrAnotherClientAddress()
    {
        await using var factory = Production(knownProxy: "192.0.2.99");
        using var client = Client(factory);

        using var response = await client.SendAsync(Request("/logg-inn", forwardedProto: "https"));

        response.StatusCode.Should().Be(HttpStatusCode.TemporaryRedirect, "X-Forwarded-Proto from an unknown sender is ignored");
    }

    [Fact]
    public void KnownProxiesAndNetworks_AreReadFromConfiguration_AndAWrongValueStopsStartUp()
    {
        var options = new ForwardedHeadersOptions();
        WebSecurity.ConfigureForwardedHeaders(options, Section(("KnownProxies:0", "10.1.2.3"), ("KnownNetworks:0", "172.16.0.0/12")));

        options.KnownProxies.Should().Contain(IPAddress.Parse("10.1.2.3"));
        options.KnownIPNetworks.Should().Contain(System.Net.IPNetwork.Parse("172.16.0.0/12"));
        options.ForwardedHeaders.Should().Be(ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto);

        var wrong = () => WebSecurity.ConfigureForwardedHeaders(new ForwardedHeadersOptions(), Section(("KnownNetworks:0", "skolenett")));
        wrong.Should().Throw<InvalidOperationException>().WithMessage("*ForwardedHeaders:KnownNetworks*skolenett*");
    }

    private static IConfiguration Section(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    private WebApplicationFactory<Program> Production(string knownProxy)
    {
        var database = _database ??= TestDatabase.Create("proxy", Path.Combine(_directory, "aktivitetsplikt.db"));
        return new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Production");
            foreach (var (key, value) in database.HostSettings(_directory)) builder.UseSetting(key, value);
            builder.UseSetting("ForwardedHeaders:KnownProxies:0", knownProxy);
            builder.UseSetting("https_port", "443");
            builder.UseSetting("Notifications:BackgroundServices", "false");
            // What Production requires besides (docs/security.md, "Data at rest").
            builder.UseSetting("Audit:Keys:proxy", Convert.ToBase64String(new byte[32]));
            builder.UseSetting("Audit:AnchorFile", Path.Combine(_directory, "anchors.log"));
            builder.UseSetting("DataProtection:AllowUnprotectedKeys", "true");
            builder.ConfigureServices(services => services.AddTransient<IStartupFilter, ConnectionFromProxy>());
        });
    }

    private static HttpClient Client(WebApplicationFactory<Program> factory) =>
        factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("http://skole.example.no") });

    private static HttpRequestMessage Request(string url, string? forwardedProto)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("X-Forwarded-For", "203.0.113.40");
        if (forwardedProto is not null) request.Headers.Add("X-Forwarded-Proto", forwardedProto);
        return request;
    }

    /// <summary>The in-memory server has no connection address; this gives every request the proxy's, as Kestrel would.</summary>
    private sealed class ConnectionFromProxy : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((HttpContext http, RequestDelegate nextMiddleware) =>
            {
                http.Connection.RemoteIpAddress = IPAddress.Parse(Proxy);
                return nextMiddleware(http);
            });
            next(app);
        };
    }

    public void Dispose()
    {
        _database?.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a disposing host; the temp folder is cleaned by the OS.
        }
    }
}
