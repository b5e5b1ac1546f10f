using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Aktivitetsplikt.EndToEnd.Tests;

/// <summary>
/// The Content-Security-Policy in a real browser: the interactive pages (their circuit's WebSocket, enhanced
/// navigation, the concern draft's script module, the buttons wired by page-actions.js) work under it, and Chromium
/// reports no violation. Sign-out, here and on every device, works from the top bar.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class SecurityTests(AppServer app)
{
    [Fact]
    public async Task TheInteractivePages_WorkUnderTheContentSecurityPolicy_WithoutAViolation()
    {
        var page = await app.NewPageAsync("randi.rektor");
        var before = app.CspViolations().Count;

        var jakob = await CaseOfAsync(page, "Jakob Larsen");
        await page.Locator("[data-interactive=true]").First.WaitForAsync();
        var olivia = await CaseOfAsync(page, "Olivia");
        await page.GotoAsync(olivia + "/plan/ny");
        await page.Locator("[data-testid=plan-submit]:not([disabled])").WaitForAsync();
        await page.ClickAsync("[data-testid=add-measure]");
        await page.Locator("#plan-Measures-1-Description").WaitForAsync();
        await page.GotoAsync("/meld");
        await page.WaitForSelectorAsync("form[data-interactive=true]");
        await page.FillAsync("#f-WhatHappened", "Skrevet under innholdssikkerhetsreglene.");
        await page.GotoAsync(jakob + "/plan/1/utskrift");
        await page.GotoAsync("/varsler");
        await page.GotoAsync("/statistikk");

        app.CspViolations().Skip(before).Should().BeEmpty();
        var screenshot = Path.Combine(AppServer.RepoRoot, "artifacts", "screenshots", "csp-meld.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
        await page.Context.CloseAsync();
    }

    /// <summary>Opens the case of the pupil from the case list; its path.</summary>
    private static async Task<string> CaseOfAsync(IPage page, string pupil)
    {
        await page.GotoAsync("/saker");
        await page.Locator("tr", new PageLocatorOptions { HasText = pupil }).Locator("a").First.ClickAsync();
        await page.WaitForURLAsync(new Regex("/saker/[0-9a-f-]{36}$"));
        return new Uri(page.Url).AbsolutePath;
    }

    [Fact]
    public async Task AnInlineScript_IsBlockedByThePolicy_AndReported()
    {
        var page = await app.NewPageAsync(null);
        await page.GotoAsync("/logg-inn");
        var reported = new TaskCompletionSource<string>();
        page.Console += (_, message) => { if (message.Text.Contains("Content Security Policy")) reported.TrySetResult(message.Text); };

        // What an injected inline handler would do: it must not run.
        await page.EvaluateAsync("""
            () => {
                const button = document.createElement('button');
                button.setAttribute('onclick', 'document.title = "injected"');
                document.body.appendChild(button);
                button.click();
            }
            """);

        (await reported.Task.WaitAsync(TimeSpan.FromSeconds(10))).Should().Contain("script-src");
        (await page.TitleAsync()).Should().NotBe("injected");
        app.ForgetCspViolationsOf(page);
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData(1366)]
    [InlineData(390)]
    public async Task SignOutEverywhere_FromTheTopBar_EndsTheOtherBrowsersSession(int width)
    {
        var phone = await app.NewPageAsync("per.rektor");
        var laptop = await app.NewPageAsync("per.rektor");
        await laptop.SetViewportSizeAsync(width, 900);
        await laptop.GotoAsync("/saker");
        var screenshot = Path.Combine(AppServer.RepoRoot, "artifacts", "screenshots", $"logg-ut-{width}.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        await laptop.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot });

        // On a phone the top bar's tools are behind "Meny".
        if (width < 1000) await laptop.ClickAsync(".app-menu > summary");
        await laptop.ClickAsync("[data-testid=sign-out-everywhere]");
        await laptop.WaitForURLAsync(new Regex("/logg-inn"));

        await phone.GotoAsync("/saker");
        phone.Url.Should().Contain("/logg-inn", "the phone's session ended on the server");
        await phone.Context.CloseAsync();
        await laptop.Context.CloseAsync();
    }
}
