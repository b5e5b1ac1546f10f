using System.Security.Claims;
using System.Text.Json;
using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Pipeline;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Aktivitetsplikt.Web.Features.Account;

/// <summary>
/// Sign-in with Feide (staff) and ID-porten (guardians) through ASP.NET Core's OpenID Connect handler: authorization code
/// flow with PKCE, state and nonce checked by the handler, the ID token's signature, issuer, audience and lifetime validated
/// against the provider's discovery document. The handler's own sign-in is never used: once the provider's answer is
/// valid, <see cref="ExternalSignInService"/> matches the person to a user of the app and opens the app's own session,
/// the same <see cref="UserSession"/> row and cookie as a password sign-in. docs/decisions/015-sign-in-with-openid-connect.md.
/// </summary>
public static class ExternalSignIn
{
    /// <summary>Which provider the session was opened through, so that signing out also signs out there.</summary>
    public const string ProviderClaim = "aktivitetsplikt:provider";
    private const string IdTokenHint = "id_token_hint";

    /// <summary>Every role but the guardian and the pupil: what a page's plain <c>[Authorize]</c> means. Family pages name their roles.</summary>
    public static readonly string[] StaffRoles =
        [nameof(Role.Staff), nameof(Role.Principal), nameof(Role.SchoolOwnerTeam), nameof(Role.Administrator)];

    public static WebApplicationBuilder AddExternalSignIn(this WebApplicationBuilder builder, string dataFolder)
    {
        var settings = ExternalSignInSettings.From(builder.Configuration);
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(IdentityNumberHasher.FromConfiguration(builder.Configuration, builder.Environment, dataFolder, settings.IdPorten.Enabled));
        // Deny by default for guardians: a page with a plain [Authorize] is a staff page.
        builder.Services.Configure<AuthorizationOptions>(options =>
            options.DefaultPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().RequireRole(StaffRoles).Build());

        var secure = WebSecurity.SecureCookies(builder.Environment);
        var authentication = builder.Services.AddAuthentication();
        foreach (var provider in Enum.GetValues<ExternalProvider>())
        {
            var options = settings.For(provider);
            if (!options.Enabled) continue;
            var scheme = ExternalSignInSettings.SchemeOf(provider);
            authentication.AddOpenIdConnect(scheme, provider.ToString(), oidc => Configure(oidc, provider, options, settings, secure));
        }
        return builder;
    }

    private static void Configure(OpenIdConnectOptions oidc, ExternalProvider provider, OpenIdProviderOptions options,
        ExternalSignInSettings settings, bool secure)
    {
        var scheme = ExternalSignInSettings.SchemeOf(provider);
        oidc.Authority = options.Authority;
        oidc.ClientId = options.ClientId;
        oidc.ClientSecret = options.ClientSecret;
        oidc.RequireHttpsMetadata = !options.AllowHttp;
        oidc.ResponseType = OpenIdConnectResponseType.Code;
        // The answer comes back as a top-level GET, so the state and nonce cookies can be SameSite=Lax (a form_post from
        // the provider's site would need SameSite=None).
        oidc.ResponseMode = OpenIdConnectResponseMode.Query;
        oidc.UsePkce = true;
        oidc.Scope.Clear();
        oidc.Scope.Add("openid");
        foreach (var scope in options.Scopes) oidc.Scope.Add(scope);
        oidc.CallbackPath = "/signin-" + scheme;
        oidc.SignedOutCallbackPath = "/signout-callback-" + scheme;
        oidc.SignInScheme = CookieAuthenticationDefaults.AuthenticationScheme;
        oidc.SignOutScheme = CookieAuthenticationDefaults.AuthenticationScheme;
        oidc.SaveTokens = true;
        oidc.MapInboundClaims = false;
        oidc.GetClaimsFromUserInfoEndpoint = options.UseUserInfo;
        oidc.ClaimActions.MapUniqueJsonKey(options.IdentifierClaim, options.IdentifierClaim);
        oidc.RemoteAuthenticationTimeout = settings.SignInTimeout;
        // The handler checks the state itself (its protected properties, bound to this browser by the correlation cookie);
        // the validator's own state check is for a state the handler does not pass it, so it stays off.
        oidc.ProtocolValidator.RequireNonce = true;
        foreach (var cookie in new[] { oidc.CorrelationCookie, oidc.NonceCookie })
        {
            cookie.SameSite = SameSiteMode.Lax;
            cookie.HttpOnly = true;
            cookie.SecurePolicy = secure ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        }
        oidc.Events = new OpenIdConnectEvents
        {
            OnTicketReceived = context => context.HttpContext.RequestServices.GetRequiredService<ExternalSignInService>().CompleteAsync(context, provider),
            OnRemoteFailure = context =>
            {
                context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ExternalSignIn))
                    .LogWarning(context.Failure, "Sign-in with {Provider} refused: {Reason}", provider, context.Failure?.Message);
                context.HandleResponse();
                context.Response.Redirect($"/logg-inn/avvist?tilbyder={scheme}");
                return Task.CompletedTask;
            },
            OnAccessDenied = context =>
            {
                context.HandleResponse();
                context.Response.Redirect($"/logg-inn/avvist?tilbyder={scheme}&grunn=avbrutt");
                return Task.CompletedTask;
            },
            // The session's ID token, carried by the sign-out endpoint, tells the provider whose session to end.
            OnRedirectToIdentityProviderForSignOut = context =>
            {
                if (context.Properties.Items.TryGetValue(IdTokenHint, out var hint) && !string.IsNullOrEmpty(hint))
                    context.ProtocolMessage.IdTokenHint = hint;
                context.Properties.Items.Remove(IdTokenHint);
                return Task.CompletedTask;
            },
        };
    }

    public static IEndpointRouteBuilder MapExternalSignIn(this IEndpointRouteBuilder endpoints)
    {
        foreach (var (path, provider) in new[] { ("/logg-inn/feide", ExternalProvider.Feide), ("/logg-inn/id-porten", ExternalProvider.IdPorten) })
        {
            endpoints.MapGet(path, (string? returnUrl, ExternalSignInSettings settings) => settings.For(provider).Enabled
                ? Results.Challenge(new AuthenticationProperties { RedirectUri = AccountEndpoints.IsLocal(returnUrl) ? returnUrl : "/" },
                    [ExternalSignInSettings.SchemeOf(provider)])
                : Results.NotFound());
        }
        return endpoints;
    }

    /// <summary>
    /// After the app's own session is ended: the result that also ends the session at the provider the user signed in
    /// with (its end-session endpoint, with the ID token as hint), or null for a password session.
    /// </summary>
    public static IResult? SignOutAtProvider(ClaimsPrincipal user, string? idToken, ExternalSignInSettings settings)
    {
        if (ExternalSignInSettings.ProviderOf(user.FindFirst(ProviderClaim)?.Value) is not { } provider || !settings.For(provider).Enabled
            || string.IsNullOrEmpty(idToken))
            return null;
        var properties = new AuthenticationProperties { RedirectUri = "/logg-inn?utlogget=1" };
        properties.Items[IdTokenHint] = idToken;
        return Results.SignOut(properties, [ExternalSignInSettings.SchemeOf(provider)]);
    }
}

/// <summary>
/// Matches the person the provider vouched for to a user of the app — a Feide identifier the administrator linked, or the
/// keyed hash of an ID-porten pid that the school registered for a guardian — and opens the app's own session. Role and
/// school come only from the app's user; an unknown person gets no session and a Norwegian page.
/// </summary>
public sealed class ExternalSignInService(AppDbContext db, TimeProvider time, AuditLog audit, CurrentUser currentUser,
    ExternalSignInSettings settings, IdentityNumberHasher hasher)
{
    public async Task CompleteAsync(TicketReceivedContext context, ExternalProvider provider)
    {
        context.HandleResponse();
        var http = context.HttpContext;
        var cancellationToken = http.RequestAborted;
        var identifier = context.Principal?.FindFirst(settings.For(provider).IdentifierClaim)?.Value;
        var key = KeyFor(provider, identifier);
        var user = key is null
            ? null
            : await (from l in db.ExternalLogins
                     where l.Provider == provider && l.Key == key && l.UnlinkedUtc == null
                     join u in db.Users on l.UserId equals u.Id
                     select u).SingleOrDefaultAsync(cancellationToken);
        var scheme = ExternalSignInSettings.SchemeOf(provider);
        if (user is null || !user.IsActive || (provider == ExternalProvider.IdPorten) != (user.Role == Role.Guardian))
        {
            // Feide's identifier is the school's own; a national identity number is never written down, not even here.
            await audit.AppendAndSaveAsync("ExternalSignInRefused", null, JsonSerializer.Serialize(new
            {
                provider = scheme,
                identifier = provider == ExternalProvider.Feide ? identifier : null,
                address = SignInThrottle.ClientAddress(http),
            }), cancellationToken);
            context.Response.Redirect($"/logg-inn/ukjent?tilbyder={scheme}");
            return;
        }
        if (user.Role == Role.Pupil && await PupilRefusalAsync(user, cancellationToken) is { } reason)
        {
            // A pupil the school does not (or no longer) let sign in: no session, recorded like every refused sign-in.
            await audit.AppendAndSaveAsync("ExternalSignInRefused", null, JsonSerializer.Serialize(new
            {
                provider = scheme,
                identifier,
                pupil = user.PupilId,
                reason,
                address = SignInThrottle.ClientAddress(http),
            }), cancellationToken);
            context.Response.Redirect("/logg-inn/elev");
            return;
        }

        var now = time.UtcNow();
        var session = new UserSession(user.Id, now);
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            db.UserSessions.Add(session);
            currentUser.ActAs(user);
            await audit.AppendAsync("SignIn", null, null, null,
                JsonSerializer.Serialize(new { provider = scheme, address = SignInThrottle.ClientAddress(http), session = session.Id }), cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        var principal = AppClaims.For(user, session.Id, CookieAuthenticationDefaults.AuthenticationScheme);
        ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(ExternalSignIn.ProviderClaim, scheme));
        var properties = new AuthenticationProperties();
        if (context.Properties?.GetTokenValue(OpenIdConnectParameterNames.IdToken) is { } idToken)
            properties.StoreTokens([new AuthenticationToken { Name = OpenIdConnectParameterNames.IdToken, Value = idToken }]);
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal, properties);
        AccountEndpoints.SetCultureCookie(http, user.Culture);

        var target = user.Role is Role.Guardian or Role.Pupil ? "/familie" : AccountEndpoints.IsLocal(context.ReturnUri) ? context.ReturnUri! : "/";
        // Through a page of our own: the provider's redirect makes this a cross-site navigation, on which the browser
        // withholds the SameSite=Strict sign-in cookie; the page's own navigation onwards is same-site and carries it.
        context.Response.Redirect("/logg-inn/fortsett?til=" + Uri.EscapeDataString(target));
    }

    /// <summary>
    /// Why a pupil's account may not sign in now, or null when it may: the pupil is an active pupil of a school that lets
    /// pupils sign in, and their class group's grade is at least the school's lowest (ADR 021).
    /// </summary>
    private async Task<string?> PupilRefusalAsync(Domain.Organisation.UserAccount account, CancellationToken cancellationToken)
    {
        var pupil = await (from p in db.Pupils.AsNoTracking()
                           where p.Id == account.PupilId
                           join s in db.Schools.AsNoTracking() on p.SchoolId equals s.Id
                           select new { p.IsActive, p.Group, School = s }).SingleOrDefaultAsync(cancellationToken);
        if (pupil is null || !pupil.IsActive) return "pupil-inactive";
        if (pupil.School.PupilSignInFromGrade is null) return "school-does-not-allow";
        return pupil.School.AllowsPupilSignIn(pupil.Group) ? null : "grade-too-low";
    }

    /// <summary>What the identifier is stored as: Feide's as sent (lower-cased), ID-porten's pid only as its keyed hash.</summary>
    public string? KeyFor(ExternalProvider provider, string? identifier)
    {
        if (string.IsNullOrWhiteSpace(identifier) || identifier.Length > ExternalLogin.MaxKeyLength) return null;
        if (provider == ExternalProvider.Feide) return NormaliseFeide(identifier);
        return hasher.IsConfigured && NationalIdentityNumber.HasValidControlDigits(identifier) ? hasher.Hash(identifier) : null;
    }

    public static string NormaliseFeide(string identifier) => identifier.Trim().ToLowerInvariant();
}
