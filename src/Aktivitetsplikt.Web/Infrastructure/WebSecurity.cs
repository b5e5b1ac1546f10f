using System.Net;
using Aktivitetsplikt.Web.Features.Account;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.RateLimiting;

namespace Aktivitetsplikt.Web.Infrastructure;

/// <summary>
/// What the web host adds around every request for security (docs/security.md, "Sign-in" and "Headers"):
/// the trusted proxies' forwarded headers, the security headers and Content-Security-Policy, <c>Secure</c> cookies
/// outside Development, and the rate limit on the sign-in form.
/// </summary>
public static class WebSecurity
{
    public const string StaticAssetsHeaderPolicy = "static-assets";

    /// <summary>Cookies without <c>Secure</c> only where the app is served over plain http on purpose: Development and the tests.</summary>
    public static bool SecureCookies(IHostEnvironment environment) =>
        !environment.IsDevelopment() && !environment.IsEnvironment("Testing");

    public static WebApplicationBuilder AddWebSecurity(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;

        services.Configure<SignInThrottleOptions>(configuration.GetSection(SignInThrottleOptions.Section));
        var throttle = configuration.GetSection(SignInThrottleOptions.Section).Get<SignInThrottleOptions>() ?? new SignInThrottleOptions();
        services.AddRateLimiter(limiter => SignInThrottle.AddRateLimiting(limiter, throttle));
        var siFra = configuration.GetSection(Features.SiFra.SiFraLimits.Section).Get<Features.SiFra.SiFraLimits>() ?? new Features.SiFra.SiFraLimits();
        services.AddRateLimiter(limiter => siFra.AddRateLimiting(limiter));

        services.Configure<ForwardedHeadersOptions>(options => ConfigureForwardedHeaders(options, configuration.GetSection("ForwardedHeaders")));

        if (SecureCookies(builder.Environment))
            services.Configure<CookiePolicyOptions>(options => options.Secure = CookieSecurePolicy.Always);

        var development = builder.Environment.IsDevelopment();
        var providers = ExternalSignInSettings.ProviderOrigins(configuration);
        services.AddSecurityHeaderPolicies(policies => policies
            .SetDefaultPolicy(headers => Common(headers, development, providers).AddCustomHeader("Cache-Control", "no-store"))
            .AddPolicy(StaticAssetsHeaderPolicy, headers => Common(headers, development, providers)));
        return builder;
    }

    /// <summary>
    /// Every response: a CSP that allows only the app's own scripts (Blazor's, and the app's files; no inline script),
    /// styles from the app plus inline style attributes (Blazor writes <c>style</c> attributes when it renders
    /// interactive components), the circuit's WebSocket and enhanced navigation's fetches to the app itself, and no
    /// framing. The default policy adds <c>Cache-Control: no-store</c>: pages and downloads carry personal data.
    /// </summary>
    /// <param name="providers">
    /// The origins of the OpenID providers that are on: signing out posts to /logg-ut, which redirects to the provider's
    /// end-session endpoint, and the browser holds a form's redirects to form-action.
    /// </param>
    private static HeaderPolicyCollection Common(HeaderPolicyCollection headers, bool development, IReadOnlyList<string> providers) => headers
        .AddContentTypeOptionsNoSniff()
        .AddFrameOptionsDeny()
        .AddReferrerPolicyNoReferrer()
        .AddCrossOriginOpenerPolicy(coop => coop.SameOrigin())
        .AddPermissionsPolicy(permissions =>
        {
            permissions.AddAccelerometer().None();
            permissions.AddCamera().None();
            permissions.AddGeolocation().None();
            permissions.AddGyroscope().None();
            permissions.AddMagnetometer().None();
            permissions.AddMicrophone().None();
            permissions.AddPayment().None();
            permissions.AddUsb().None();
            permissions.AddDisplayCapture().None();
        })
        .AddContentSecurityPolicy(csp =>
        {
            csp.AddDefaultSrc().Self();
            csp.AddScriptSrc().Self();
            csp.AddStyleSrc().Self().UnsafeInline();
            // Bootstrap draws its form-control icons as data: SVG images.
            csp.AddImgSrc().Self().Data();
            csp.AddFontSrc().Self();
            csp.AddConnectSrc().Self();
            var formAction = csp.AddFormAction().Self();
            foreach (var origin in providers) formAction.From(origin);
            csp.AddFrameAncestors().None();
            csp.AddFrameSrc().None();
            csp.AddObjectSrc().None();
            csp.AddBaseUri().Self();
            if (!development) csp.AddUpgradeInsecureRequests();
        })
        .RemoveServerHeader();

    /// <summary>
    /// <c>ForwardedHeaders:KnownProxies</c> (addresses) and <c>ForwardedHeaders:KnownNetworks</c> (CIDR) name the
    /// TLS-terminating proxies whose <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> are believed. Without them
    /// only a proxy on the same machine (loopback) is. Nothing else may set the client's address or scheme.
    /// </summary>
    internal static void ConfigureForwardedHeaders(ForwardedHeadersOptions options, IConfiguration section)
    {
        options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        options.ForwardLimit = section.GetValue("ForwardLimit", 1);
        var proxies = section.GetSection("KnownProxies").Get<string[]>() ?? [];
        var networks = section.GetSection("KnownNetworks").Get<string[]>() ?? [];
        foreach (var proxy in proxies)
            options.KnownProxies.Add(IPAddress.TryParse(proxy, out var address)
                ? address
                : throw new InvalidOperationException($"ForwardedHeaders:KnownProxies: '{proxy}' is not an IP address."));
        foreach (var network in networks)
            options.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(network, out var parsed)
                ? parsed
                : throw new InvalidOperationException($"ForwardedHeaders:KnownNetworks: '{network}' is not a network in CIDR notation (e.g. 10.0.0.0/8)."));
    }

    /// <summary>Forwarded headers first (the client's address and scheme for everything after), then the headers and cookies policy.</summary>
    public static WebApplication UseForwardedHeadersAndSecurityHeaders(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseSecurityHeaders();
        app.UseCookiePolicy();
        return app;
    }
}
