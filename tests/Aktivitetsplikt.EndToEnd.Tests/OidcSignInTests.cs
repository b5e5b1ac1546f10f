using System.Diagnostics;
using Microsoft.Playwright;

namespace Aktivitetsplikt.EndToEnd.Tests;

/// <summary>
/// Sign-in with Feide and ID-porten through the full browser flow against a real OpenID provider (npm's oidc-provider on
/// loopback, <see cref="OidcApp"/>): authorization code with PKCE, state and nonce, the ID token validated, sign-out at the
/// provider. Every refusal ends on a Norwegian page with status 200, never a 500 and never signed in.
/// </summary>
[Collection(OidcCollection.Name)]
public sealed class OidcSignInTests(OidcApp oidc)
{
    private AppServer App => oidc.App;

    [Fact]
    public async Task Staff_SignInWithFeide_LandOnTheirStartPage_AndSignOutEndsTheProviderSessionToo()
    {
        var page = await App.NewPageAsync(null);

        await SignInAtProviderAsync(page, "sign-in-feide", "kari.laerer");

        await ExpectAtAsync(page, "/");
        (await page.Locator("[data-testid=signed-in-user]").TextContentAsync()).Should().Contain("Kari Lærer").And.Contain("Ansatt");
        (await page.Locator("h1").TextContentAsync()).Should().Contain("Kari Lærer");

        await page.Locator("form[action='/logg-ut'] button[type=submit]:not([name])").ClickAsync();
        await page.WaitForURLAsync(url => url.StartsWith(oidc.Issuer, StringComparison.Ordinal));
        await page.Locator("button[name=logout]").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/logg-inn?utlogget=1"));
        (await page.Locator("[data-testid=signed-out]").TextContentAsync()).Should().Contain("Du er logget ut");

        // The provider's session ended too: signing in with Feide again asks for the login, instead of passing straight through.
        await page.Locator("[data-testid=sign-in-feide]").ClickAsync();
        await page.Locator("input[name=login]").WaitForAsync();
        (await page.GotoAsync(App.BaseUrl + "/saker"))!.Url.Should().Contain("/logg-inn");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Parent_SignInWithIdPorten_LandsOnTheirChildsPage_AndNeverReachesAStaffPage()
    {
        var page = await App.NewPageAsync(null);

        await SignInAtProviderAsync(page, "sign-in-idporten", "marte.larsen");

        await ExpectAtAsync(page, "/familie");
        (await page.Locator("[data-testid=family-child] h2").TextContentAsync()).Should().Contain("Jakob");
        (await page.Locator("[data-testid=family-case]").CountAsync()).Should().BeGreaterThan(0);
        (await page.Locator("main").TextContentAsync()).Should().NotContain("Larsen", "the family page shows the child's first name only, and nothing of the case's content")
            .And.NotContain("garderoben").And.NotContain("Emma");

        foreach (var staffPage in new[] { "/", "/saker", "/meld", "/admin", "/oversikt" })
        {
            await page.GotoAsync(App.BaseUrl + staffPage);
            page.Url.Should().Contain("/ingen-tilgang", $"a guardian must never reach {staffPage}");
        }
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task UnknownFeideUser_GetsTheNorwegianPage_AndNoAccess()
    {
        var page = await App.NewPageAsync(null);

        await SignInAtProviderAsync(page, "sign-in-feide", "ola.ukjent");

        await page.WaitForURLAsync(url => url.Contains("/logg-inn/ukjent"));
        (await page.Locator("h1").TextContentAsync()).Should().Be("Vi fant deg ikke i Aktivitetsplikt");
        (await page.Locator("[data-testid=external-unknown]").TextContentAsync()).Should().Contain("ikke koblet til en bruker");
        await Screenshot(page, "feide-ukjent.png");
        await ExpectSignedOutAsync(page);
    }

    [Fact]
    public async Task TamperedIdToken_IsRefusedWithANorwegianPage()
    {
        var page = await App.NewPageAsync(null);
        await oidc.TamperWithNextIdTokenAsync();

        await SignInAtProviderAsync(page, "sign-in-feide", "kari.laerer");

        await ExpectRefusedAsync(page);
    }

    [Fact]
    public async Task ReplayedStateAndCode_AreRefusedWithANorwegianPage()
    {
        var page = await App.NewPageAsync(null);
        string? callback = null;
        page.Request += (_, request) =>
        {
            if (request.Url.StartsWith(App.BaseUrl + "/signin-feide?", StringComparison.Ordinal)) callback ??= request.Url;
        };
        await SignInAtProviderAsync(page, "sign-in-feide", "kari.laerer");
        await ExpectAtAsync(page, "/");
        callback.Should().NotBeNull();

        // Someone who saw the address (a proxy log, a shared screen) replays it in another browser.
        var other = await App.NewPageAsync(null);
        var response = await other.GotoAsync(callback!);
        await ExpectRefusedAsync(other, response);

        // And the same browser once more: the state was used up.
        response = await page.GotoAsync(callback!);
        response!.Status.Should().BeLessThan(500);
        page.Url.Should().Contain("/logg-inn/avvist");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ExpiredSession_SendsTheUserToSignIn_WithANorwegianNotice()
    {
        var page = await App.NewPageAsync(null);
        await SignInAtProviderAsync(page, "sign-in-feide", "randi.rektor");
        await ExpectAtAsync(page, "/");

        // Thirteen hours pass (a session lasts at most twelve), written straight into the app's database.
        await Sqlite(App.DatabasePath,
            "UPDATE UserSessions SET StartedUtc = datetime('now', '-13 hours') WHERE UserId IN (SELECT Id FROM Users WHERE UserName = 'randi.rektor');");
        // A change made outside the app (as by another instance) reaches the per-request check when the app's cached reading
        // of the session is at most SessionCache.Lifetime (15 s) old: the bound docs/security.md states.
        await Task.Delay(TimeSpan.FromSeconds(16));

        var response = await page.GotoAsync(App.BaseUrl + "/saker");

        response!.Status.Should().Be(200);
        page.Url.Should().Contain("/logg-inn?ReturnUrl=%2Fsaker");
        (await page.Locator("h1").TextContentAsync()).Should().Be("Logg inn");
        (await page.Locator("[data-testid=signed-in-user]").CountAsync()).Should().Be(0);
        await page.Context.CloseAsync();
    }

    private Task SignInAtProviderAsync(IPage page, string button, string login) => oidc.SignInAsync(page, button, login);

    private Task ExpectAtAsync(IPage page, string path) => oidc.ExpectAtAsync(page, path);

    private async Task ExpectRefusedAsync(IPage page, IResponse? response = null)
    {
        await page.WaitForURLAsync(url => url.Contains("/logg-inn/avvist"));
        if (response is not null) response.Status.Should().Be(200);
        (await page.Locator("h1").TextContentAsync()).Should().Be("Innloggingen ble avvist");
        (await page.Locator("[data-testid=external-refused]").TextContentAsync()).Should().Contain("kunne ikke godkjennes");
        await ExpectSignedOutAsync(page);
    }

    private async Task ExpectSignedOutAsync(IPage page)
    {
        await page.GotoAsync(App.BaseUrl + "/");
        page.Url.Should().Contain("/logg-inn", "no session was opened");
        await page.Context.CloseAsync();
    }

    private static async Task Screenshot(IPage page, string name)
    {
        // For review only (git-ignored): the committed screenshots of these pages come from FamilyMainPageTests and MainPageTests,
        // the run scripts/screenshots.sh makes after deleting every PNG in docs/screenshots.
        var folder = Path.Combine(AppServer.RepoRoot, "artifacts", "screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name), FullPage = true });
        await page.SetViewportSizeAsync(390, 844);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name.Replace(".png", "-mobil.png")), FullPage = true });
        await page.SetViewportSizeAsync(1366, 900);
    }

    private static async Task Sqlite(string database, string sql)
    {
        var start = new ProcessStartInfo("sqlite3") { UseShellExecute = false, RedirectStandardError = true };
        start.ArgumentList.Add(database);
        start.ArgumentList.Add(sql);
        using var process = Process.Start(start)!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        process.ExitCode.Should().Be(0, error);
    }
}
