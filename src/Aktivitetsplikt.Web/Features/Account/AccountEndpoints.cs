using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Infrastructure;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Aktivitetsplikt.Web.Features.Account;

/// <summary>Sign-out (here or everywhere) and the language choice: plain POST endpoints with antiforgery, no page of their own.</summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // No form field is bound here, so the antiforgery check is not automatic: without it any site could sign a user out.
        // The session ends on the server, not only in this browser: a copy of the cookie stops working with it.
        // "everywhere" ends every session of the user (a phone left signed in at school, a shared computer).
        endpoints.MapPost("/logg-ut", async (HttpContext http, IAntiforgery antiforgery, SignInService signIn, ExternalSignInSettings external) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http)) return Results.BadRequest();
            var form = await http.Request.ReadFormAsync();
            // Read before the session ends: a session opened through Feide or ID-porten is ended at the provider too.
            var idToken = await http.GetTokenAsync(Microsoft.IdentityModel.Protocols.OpenIdConnect.OpenIdConnectParameterNames.IdToken);
            var user = http.User;
            await signIn.SignOutAsync(user, everywhere: form["everywhere"] == "1", http.RequestAborted);
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return ExternalSignIn.SignOutAtProvider(user, idToken, external) ?? Results.Redirect("/logg-inn");
        });

        endpoints.MapPost("/sprak", async (HttpContext http, [FromForm] string culture, [FromForm] string? returnUrl, AppDbContext db, ICurrentUser user) =>
        {
            var chosen = culture == "nn-NO" ? "nn-NO" : "nb-NO";
            SetCultureCookie(http, chosen);
            if (user.IsAuthenticated)
            {
                var account = await db.Users.SingleOrDefaultAsync(u => u.Id == user.UserId);
                if (account is not null)
                {
                    account.SetCulture(chosen);
                    await db.SaveChangesAsync();
                }
            }
            return Results.LocalRedirect(IsLocal(returnUrl) ? returnUrl! : "/");
        });
        return endpoints;
    }

    public static void SetCultureCookie(HttpContext http, string culture) =>
        http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true, MaxAge = TimeSpan.FromDays(365) });

    public static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//") && !url.StartsWith("/\\");
}
