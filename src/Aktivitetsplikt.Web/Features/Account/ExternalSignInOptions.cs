namespace Aktivitetsplikt.Web.Features.Account;

/// <summary>One OpenID provider, from <c>Authentication:Feide</c> or <c>Authentication:IdPorten</c>.</summary>
public sealed class OpenIdProviderOptions
{
    public bool Enabled { get; set; }
    /// <summary>The issuer, e.g. https://auth.dataporten.no or https://idporten.no; its discovery document is read from there.</summary>
    public string? Authority { get; set; }
    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }
    /// <summary>The claim that identifies the person (Feide: "sub", or an eduPersonPrincipalName claim); ID-porten always "pid".</summary>
    public string IdentifierClaim { get; set; } = "sub";
    /// <summary>Scopes beyond "openid".</summary>
    public string[] Scopes { get; set; } = [];
    /// <summary>Read claims from the provider's userinfo endpoint too (Feide sends eduPersonPrincipalName there).</summary>
    public bool UseUserInfo { get; set; } = true;
    /// <summary>Plain http to the provider: only for a provider on loopback in development and tests.</summary>
    public bool AllowHttp { get; set; }
}

/// <summary>What <c>Authentication</c> configures about signing in with a provider or a password.</summary>
public sealed class ExternalSignInSettings
{
    public const string FeideScheme = "feide";
    public const string IdPortenScheme = "idporten";

    public OpenIdProviderOptions Feide { get; set; } = new() { Scopes = ["profile"] };
    public OpenIdProviderOptions IdPorten { get; set; } = new() { IdentifierClaim = "pid", Scopes = ["profile"], UseUserInfo = false };
    /// <summary>
    /// <c>Authentication:LocalPasswords:Staff</c>: whether staff, principals and the § 9A team may sign in with a password.
    /// Turned off only with Feide on; the administrator keeps a local password either way (break-glass).
    /// </summary>
    public bool StaffPasswords { get; set; } = true;
    /// <summary>How long a sign-in at the provider may take before the app refuses its answer (the state and nonce expire).</summary>
    public TimeSpan SignInTimeout { get; set; } = TimeSpan.FromMinutes(15);

    public static ExternalSignInSettings From(IConfiguration configuration)
    {
        var settings = new ExternalSignInSettings();
        configuration.GetSection("Authentication:Feide").Bind(settings.Feide);
        configuration.GetSection("Authentication:IdPorten").Bind(settings.IdPorten);
        settings.IdPorten.IdentifierClaim = "pid";
        settings.StaffPasswords = configuration.GetValue("Authentication:LocalPasswords:Staff", true);
        var minutes = configuration.GetValue("Authentication:SignInTimeoutMinutes", 15.0);
        if (minutes <= 0) throw new InvalidOperationException("Authentication:SignInTimeoutMinutes must be more than 0.");
        settings.SignInTimeout = TimeSpan.FromMinutes(minutes);
        if (!settings.StaffPasswords && !settings.Feide.Enabled)
            throw new InvalidOperationException(
                "Authentication:LocalPasswords:Staff is false, but Feide is off: staff would have no way to sign in. Turn Feide on (Authentication:Feide) first.");
        Check(settings.Feide, "Feide");
        Check(settings.IdPorten, "IdPorten");
        return settings;
    }

    /// <summary>The origins (scheme, host, port) of the providers that are on, for the Content-Security-Policy.</summary>
    public static IReadOnlyList<string> ProviderOrigins(IConfiguration configuration) =>
        new[] { "Feide", "IdPorten" }
            .Where(name => configuration.GetValue($"Authentication:{name}:Enabled", false))
            .Select(name => Uri.TryCreate(configuration[$"Authentication:{name}:Authority"], UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Authority) : null)
            .OfType<string>().Distinct().ToList();

    public OpenIdProviderOptions For(ExternalProvider provider) => provider == ExternalProvider.Feide ? Feide : IdPorten;

    public static string SchemeOf(ExternalProvider provider) => provider == ExternalProvider.Feide ? FeideScheme : IdPortenScheme;

    public static ExternalProvider? ProviderOf(string? scheme) => scheme switch
    {
        FeideScheme => ExternalProvider.Feide,
        IdPortenScheme => ExternalProvider.IdPorten,
        _ => null,
    };

    private static void Check(OpenIdProviderOptions provider, string name)
    {
        if (!provider.Enabled) return;
        if (!Uri.TryCreate(provider.Authority, UriKind.Absolute, out var authority))
            throw new InvalidOperationException($"Authentication:{name}:Authority must be the provider's address (https://…).");
        if (authority.Scheme != Uri.UriSchemeHttps && !(provider.AllowHttp && authority.IsLoopback))
            throw new InvalidOperationException($"Authentication:{name}:Authority must use https (plain http only to a provider on loopback, with AllowHttp).");
        if (string.IsNullOrWhiteSpace(provider.ClientId) || string.IsNullOrWhiteSpace(provider.ClientSecret))
            throw new InvalidOperationException($"Authentication:{name}:ClientId and ClientSecret are required when {name} is on.");
        if (string.IsNullOrWhiteSpace(provider.IdentifierClaim))
            throw new InvalidOperationException($"Authentication:{name}:IdentifierClaim must name a claim.");
    }
}
