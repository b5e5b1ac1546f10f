using System.Net;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Features.Account;
using Aktivitetsplikt.Web.Features.Admin;
using Aktivitetsplikt.Web.Infrastructure;
using MediatR;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aktivitetsplikt.Web.Tests.Http;

/// <summary>
/// Signing out ends the session on the server: the review copied a signed-in cookie into another browser, signed
/// out, and the copy kept working. Each test signs in a browser whose cookie jar it can read and copy.
/// </summary>
public sealed class SignOutTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string AuthCookie = "aktivitetsplikt.auth";
    private static readonly Uri Site = new("http://localhost");

    [Fact]
    public async Task CopiedCookie_StopsWorking_AfterSignOut()
    {
        var (browser, jar) = await SignedInBrowserAsync("per.rektor");
        using var copy = BrowserWith(jar.GetCookies(Site)[AuthCookie]!);
        (await copy.GetAsync("/saker")).Status.Should().Be(HttpStatusCode.OK, "the copied cookie works while the session is open");

        var home = await browser.GetAsync("/");
        var signOut = await browser.SubmitAsync(home, home.FormPostingTo("/logg-ut"));

        signOut.Location.Should().Be("/logg-inn");
        (await copy.GetAsync("/saker")).LocationPath.Should().Be("/logg-inn", "the session ended on the server, not only in the browser that signed out");
        (await copy.GetAsync("/")).LocationPath.Should().Be("/logg-inn");
        browser.Dispose();
    }

    [Fact]
    public async Task SignOut_EndsOnlyThisSession_TheUsersOtherDevicesStaySignedIn()
    {
        var (laptop, _) = await SignedInBrowserAsync("siri.9a");
        var (phone, _) = await SignedInBrowserAsync("siri.9a");

        var home = await laptop.GetAsync("/");
        await laptop.SubmitAsync(home, home.FormPostingTo("/logg-ut"));

        (await laptop.GetAsync("/saker")).LocationPath.Should().Be("/logg-inn");
        (await phone.GetAsync("/saker")).Status.Should().Be(HttpStatusCode.OK);
        laptop.Dispose();
        phone.Dispose();
    }

    [Fact]
    public async Task SignOutEverywhere_EndsEverySessionOfTheUser_ButNoOneElses()
    {
        var (laptop, _) = await SignedInBrowserAsync("nina.laerer");
        var (phone, phoneJar) = await SignedInBrowserAsync("nina.laerer");
        var (colleague, _) = await SignedInBrowserAsync("kari.laerer");
        using var copyOfPhone = BrowserWith(phoneJar.GetCookies(Site)[AuthCookie]!);

        var home = await laptop.GetAsync("/");
        home.Get("[data-testid=sign-out-everywhere]").TextContent.Should().Be("Logg ut på alle enheter");
        var signOut = await laptop.SubmitAsync(home, home.FormPostingTo("/logg-ut"), ("everywhere", "1"));

        signOut.Location.Should().Be("/logg-inn");
        (await phone.GetAsync("/saker")).LocationPath.Should().Be("/logg-inn");
        (await copyOfPhone.GetAsync("/saker")).LocationPath.Should().Be("/logg-inn");
        (await colleague.GetAsync("/saker")).Status.Should().Be(HttpStatusCode.OK, "another user's sessions are untouched");
        var ninaId = await app.UserIdAsync("nina.laerer");
        var audit = await app.QueryAsync(db => db.AuditEntries.Where(a => a.Action == "SignOutEverywhere" && a.UserId == ninaId).Select(a => a.Details).ToListAsync());
        audit.Should().ContainSingle().Which.Should().Contain("\"ended\":2");
        foreach (var client in new[] { laptop, phone, colleague }) client.Dispose();
    }

    [Fact]
    public async Task PasswordResetByTheAdministrator_EndsEverySessionOfTheUser()
    {
        var (browser, _) = await SignedInBrowserAsync("ola.sfo");
        (await browser.GetAsync("/saker")).Status.Should().Be(HttpStatusCode.OK);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var admin = await db.Users.AsNoTracking().SingleAsync(u => u.UserName == "arne.admin");
            scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAs(admin);
            await scope.ServiceProvider.GetRequiredService<IMediator>().Send(
                new ResetPassword.Command(await app.UserIdAsync("ola.sfo"), "Tyttebær-og-multer-7"));
        }

        (await browser.GetAsync("/saker")).LocationPath.Should().Be("/logg-inn");
        browser.Dispose();
    }

    [Fact]
    public async Task TheCheckThatCircuitsRevalidateWith_RefusesAnEndedSession()
    {
        var (browser, jar) = await SignedInBrowserAsync("randi.rektor");
        var userId = await app.UserIdAsync("randi.rektor");
        var session = await app.QueryAsync(db => db.UserSessions.Where(s => s.UserId == userId && s.EndedUtc == null)
            .OrderByDescending(s => s.StartedUtc).Select(s => s.Id).FirstAsync());
        var user = await app.QueryAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == userId));
        var principal = AppClaims.For(user, session, "test");

        (await IsStillValidAsync(principal)).Should().BeTrue();
        var home = await browser.GetAsync("/");
        await browser.SubmitAsync(home, home.FormPostingTo("/logg-ut"));

        (await IsStillValidAsync(principal)).Should().BeFalse("an open circuit loses its user at the next revalidation");
        jar.GetCookies(Site)[AuthCookie].Should().BeNull("the browser that signed out forgets its cookie too");
        browser.Dispose();
    }

    private async Task<bool> IsStillValidAsync(System.Security.Claims.ClaimsPrincipal principal)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await SessionValidation.IsStillValidAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(),
            scope.ServiceProvider.GetRequiredService<TimeProvider>(), principal, CancellationToken.None);
    }

    private async Task<(AppClient Browser, CookieContainer Jar)> SignedInBrowserAsync(string userName)
    {
        var jar = new CookieContainer();
        var browser = new AppClient(app.FromAddress(app.CreateDefaultClient(Site, new CookieContainerHandler(jar))));
        await browser.SignInOrFailAsync(userName);
        return (browser, jar);
    }

    private AppClient BrowserWith(Cookie cookie)
    {
        var jar = new CookieContainer();
        jar.Add(Site, new Cookie(cookie.Name, cookie.Value, "/"));
        return new AppClient(app.FromAddress(app.CreateDefaultClient(Site, new CookieContainerHandler(jar))));
    }
}
