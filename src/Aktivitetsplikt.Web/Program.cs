using System.Globalization;
using Aktivitetsplikt.Web.Components;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Features.Account;
using Aktivitetsplikt.Web.Features.Cases;
using Aktivitetsplikt.Web.Features.Demo;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Pipeline;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

var builder = WebApplication.CreateBuilder(args);

var databasePath = DatabaseSetup.DatabasePath(builder.Configuration, builder.Environment);
builder.Services.AddDbContext<AppDbContext>(options => options.UseSqlite(DatabaseSetup.ConnectionString(databasePath)));
builder.Services.AddSingleton<TimeProvider, AppTimeProvider>();
builder.Services.AddHttpContextAccessor();
builder.Services.AddScoped<CurrentUser>();
builder.Services.AddScoped<ICurrentUser>(provider => provider.GetRequiredService<CurrentUser>());
builder.Services.AddScoped<AuditLog>();
builder.Services.AddSingleton<Passwords>();
builder.Services.AddScoped<SignInService>();
builder.Services.AddSingleton(CaseReadModelProfile.CreateConfiguration().CreateMapper());
builder.Services.AddCaseHandling();

builder.Services.AddSingleton<IStringLocalizerFactory, JsonStringLocalizerFactory>();
builder.Services.AddSingleton(typeof(IStringLocalizer<>), typeof(StringLocalizer<>));
builder.Services.AddScoped<UiText>();

builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
    .AddCookie(options =>
    {
        options.LoginPath = "/logg-inn";
        options.LogoutPath = "/logg-ut";
        options.AccessDeniedPath = "/ingen-tilgang";
        options.ExpireTimeSpan = TimeSpan.FromHours(8);
        options.SlidingExpiration = true;
        options.Cookie.Name = "aktivitetsplikt.auth";
        options.Cookie.HttpOnly = true;
        options.Cookie.SameSite = SameSiteMode.Strict;
        options.Cookie.SecurePolicy = builder.Environment.IsDevelopment() || builder.Environment.IsEnvironment("Testing")
            ? CookieSecurePolicy.SameAsRequest
            : CookieSecurePolicy.Always;
    });
builder.Services.AddAuthorization();
builder.Services.AddCascadingAuthenticationState();
builder.Services.AddAntiforgery(options =>
{
    options.Cookie.Name = "aktivitetsplikt.af";
    options.Cookie.HttpOnly = true;
    options.Cookie.SameSite = SameSiteMode.Strict;
});
builder.Services.AddRazorComponents();

var app = builder.Build();

await StartUp.InitialiseAsync(app);

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/feil", createScopeForErrors: true);
    app.UseHsts();
}
app.UseStatusCodePagesWithReExecute("/ikke-funnet");
app.UseRequestLocalization(new RequestLocalizationOptions
{
    DefaultRequestCulture = new RequestCulture("nb-NO"),
    SupportedCultures = UiCultures.Supported,
    SupportedUICultures = UiCultures.Supported,
    RequestCultureProviders = { new CookieRequestCultureProvider() },
    ApplyCurrentCultureToResponseHeaders = true,
});
app.UseStaticFiles();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();

app.MapAccountEndpoints();
app.MapRazorComponents<App>();

app.Run();

/// <summary>Entry point, visible to the HTTP tests' WebApplicationFactory.</summary>
public partial class Program;

internal static class UiCultures
{
    public static readonly IList<CultureInfo> Supported = new[] { new CultureInfo("nb-NO"), new CultureInfo("nn-NO") };
}
