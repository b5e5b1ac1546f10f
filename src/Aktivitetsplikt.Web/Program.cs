using System.Globalization;
using Aktivitetsplikt.Web.Components;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Features.Account;
using Aktivitetsplikt.Web.Features.Archive;
using Aktivitetsplikt.Web.Features.Documents;
using Aktivitetsplikt.Web.Features.Evidence;
using Aktivitetsplikt.Web.Features.Statistics;
using Aktivitetsplikt.Web.Features.Family;
using Aktivitetsplikt.Web.Features.Notifications;
using Aktivitetsplikt.Web.Features.Privacy;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Pipeline;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Localization;

// `copy-to-postgresql <sqlite-file>`: moves a school owner's data to PostgreSQL, then exits (Data/StorageCopy.cs).
if (await StorageCopy.RunFromCommandLineAsync(args)) return;

var builder = WebApplication.CreateBuilder(args);

var storage = StorageSettings.FromConfiguration(builder.Configuration, builder.Environment);
var dataFolder = storage.DataFolder;
builder.Services.AddSingleton(AttachmentSettings.FromConfiguration(builder.Configuration, dataFolder));
builder.Services.AddAktivitetsplikt(storage,
    AuditChainSettings.FromConfiguration(builder.Configuration, builder.Environment, dataFolder, newDatabase: storage.NewDatabase));
builder.Services.AddHostedService<AuditAnchorService>();
builder.Services.AddHostedService<AuditVerificationService>();
builder.Services.AddSingleton(ReadAuditOptions.FromConfiguration(builder.Configuration));
builder.Services.AddHostedService<ReadAuditFlushService>();
builder.Services.AddNotificationBackgroundServices(builder.Configuration);
builder.Services.AddProtectedKeyRing(builder.Configuration, builder.Environment, dataFolder);

builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
    .AddCookie(options =>
    {
        options.LoginPath = "/logg-inn";
        options.LogoutPath = "/logg-ut";
        options.AccessDeniedPath = "/ingen-tilgang";
        options.ExpireTimeSpan = TimeSpan.FromHours(8);
        options.SlidingExpiration = true;
        options.Events.OnValidatePrincipal = SessionValidation.ValidateAsync;
        options.Cookie.Name = "aktivitetsplikt.auth";
        options.Cookie.HttpOnly = true;
        options.Cookie.SameSite = SameSiteMode.Strict;
        options.Cookie.SecurePolicy = WebSecurity.SecureCookies(builder.Environment) ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
    });
builder.Services.AddAuthorization();
builder.AddExternalSignIn(dataFolder);
builder.Services.AddCascadingAuthenticationState();
builder.Services.AddAntiforgery(options =>
{
    options.Cookie.Name = "aktivitetsplikt.af";
    options.Cookie.HttpOnly = true;
    options.Cookie.SameSite = SameSiteMode.Strict;
    options.Cookie.SecurePolicy = WebSecurity.SecureCookies(builder.Environment) ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
});
builder.Services.AddRazorComponents().AddInteractiveServerComponents(options =>
{
    // A phone locked in a pocket or in a tunnel is usually back within minutes; until then its circuit (and what
    // was typed into it) waits. Longer outages end in a reload, where /meld's draft in the tab brings the text back.
    options.DisconnectedCircuitRetentionPeriod = TimeSpan.FromMinutes(5);
    // Measured (docs/performance.md, "Interactive circuits"): about 1.1 MiB a circuit, so 1,000 waiting circuits
    // take about 1.1 GiB of the 24 GiB: room for a thousand phones losing the connection at once.
    options.DisconnectedCircuitMaxRetained = 1_000;
});
builder.Services.AddInteractiveCircuits();
builder.AddWebSecurity();
builder.Services.AddHealthEndpoints();
builder.Services.AddBranding(builder.Configuration);
builder.Services.ConfigureArchive(builder.Configuration, dataFolder);

var app = builder.Build();
app.UseForwardedHeadersAndSecurityHeaders();
app.UseHealthEndpoints();

await StartUp.InitialiseAsync(app);

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/feil", createScopeForErrors: true);
    app.UseHsts();
    app.UseHttpsRedirection();
}
// Its own scope: a page that sets 404 itself (a case outside the user's scope) has already rendered in the
// request's scope, and Blazor cannot render a second page there.
app.UseStatusCodePagesWithReExecute("/ikke-funnet", createScopeForStatusCodePages: true);
app.UseRequestLocalization(new RequestLocalizationOptions
{
    DefaultRequestCulture = new RequestCulture(UiCultures.Supported[0]),
    SupportedCultures = UiCultures.Supported,
    SupportedUICultures = UiCultures.Supported,
    RequestCultureProviders = { new CookieRequestCultureProvider() },
    ApplyCurrentCultureToResponseHeaders = true,
});
app.UseStorageBusyAnswer();
app.MapStaticAssets().WithSecurityHeadersPolicy(WebSecurity.StaticAssetsHeaderPolicy);
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();
app.UseAntiforgery();
app.UseNorwegianFormRefusal();

app.MapAccountEndpoints();
app.MapExternalSignIn();
app.MapDocumentEndpoints();
app.MapAttachmentEndpoints();
app.MapStatisticsEndpoints();
app.MapFamilyEndpoints();
app.MapPrivacyEndpoints();
app.MapArchiveEndpoints();
app.MapBranding();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

app.Run();

/// <summary>Entry point, visible to the HTTP tests' WebApplicationFactory.</summary>
public partial class Program;

internal static class UiCultures
{
    /// <summary>
    /// Read-only and shared by every request. The localization middleware gives a request the culture its cookie names as
    /// <c>CultureInfo.ReadOnly(culture)</c>, which is the same instance only when it is read-only already; a writable one is
    /// cloned for each request, and each clone builds its number format anew from ICU on the first number it formats
    /// (~0.5 ms, every signed-in page with a number: docs/performance.md, branch <c>floor</c>).
    /// </summary>
    public static readonly IList<CultureInfo> Supported = [CultureInfo.GetCultureInfo("nb-NO"), CultureInfo.GetCultureInfo("nn-NO")];
}
