using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Aktivitetsplikt.EndToEnd.Tests;

/// <summary>
/// "Si fra" on a phone, as a pupil without an account uses it: fill the form, get the receipt, open the status link,
/// add more; the principal then sees where the case came from. axe on every public page at phone and desktop width;
/// screenshots to artifacts/screenshots/ (git-ignored).
/// </summary>
[Collection(AppCollection.Name)]
public sealed class SiFraTests(AppServer app, ITestOutputHelper output)
{
    private const string WhatHappened = "Noen i klassen min sender stygge meldinger til meg hver kveld, og jeg får ikke være med i friminuttene.";

    private static string Screenshot(string name)
    {
        var file = Path.Combine(AppServer.RepoRoot, "artifacts", "screenshots", name);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        return file;
    }

    [Fact]
    public async Task OnAPhone_APupilSaysFrom_GetsAReceipt_FollowsTheStatusLink_AndAddsMore_AndThePrincipalSeesIt()
    {
        var page = await app.NewPageAsync(null);
        await page.SetViewportSizeAsync(390, 844);
        await page.GotoAsync("/si-fra/nordvik-skole");
        await ExpectNoSidewaysScrollAsync(page);

        await page.GetByLabel("Jeg er elev").CheckAsync();
        await page.FillAsync("#f-WhatHappened", WhatHappened);
        await page.SelectOptionAsync("#f-Location", "Digital");
        await page.Locator("#f-FeelsSafe-No").CheckAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshot("si-fra-390-utfylt.png"), FullPage = true });
        await page.GetByRole(AriaRole.Button, new() { Name = "Send til skolen" }).ClickAsync();

        var code = page.Locator("[data-testid=receipt-code]");
        await Assertions.Expect(code).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$"));
        await ExpectNoSidewaysScrollAsync(page);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshot("si-fra-390-kvittering.png"), FullPage = true });
        await ExpectAxeCleanAsync(page, "receipt at 390");

        await page.Locator("[data-testid=receipt-link]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=si-fra-progress]")).ToHaveTextAsync("Skolen har mottatt meldingen");
        (await page.ContentAsync()).Should().NotContain("stygge meldinger", "the status page never shows the case's content");
        await page.FillAsync("#f-Text", "I dag skjedde det igjen i garderoben.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=si-fra-added]")).ToBeVisibleAsync();
        await ExpectNoSidewaysScrollAsync(page);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshot("si-fra-390-status.png"), FullPage = true });
        await ExpectAxeCleanAsync(page, "status at 390");
        await page.Context.CloseAsync();

        var principal = await app.NewPageAsync("randi.rektor");
        await principal.SetViewportSizeAsync(1366, 900);
        await principal.GotoAsync("/saker");
        await principal.Locator("tr", new PageLocatorOptions { HasText = "Eleven er ikke identifisert ennå" }).Locator("a").First.ClickAsync();
        await Assertions.Expect(principal.Locator("[data-testid=si-fra-origin]")).ToContainTextAsync("Elev");
        await Assertions.Expect(principal.Locator("[data-testid=timeline]")).ToContainTextAsync("selvrapportert via Si fra");
        await Assertions.Expect(principal.Locator("[data-testid=timeline]")).ToContainTextAsync("I dag skjedde det igjen i garderoben.");
        await principal.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshot("si-fra-sak-1366.png"), FullPage = true });
        await principal.Context.CloseAsync();
    }

    [Theory]
    [InlineData("/si-fra", 390, 844)]
    [InlineData("/si-fra", 1366, 900)]
    [InlineData("/si-fra/kvittering/ABCD-EFGH-JKLM", 390, 844)]
    [InlineData("/si-fra/kvittering/ABCD-EFGH-JKLM", 1366, 900)]
    public async Task ThePublicPages_HaveNoSeriousAxeViolations_AndDoNotScrollSideways(string path, int width, int height)
    {
        var page = await app.NewPageAsync(null);
        await page.SetViewportSizeAsync(width, height);
        await page.GotoAsync(path);
        if (path == "/si-fra")
        {
            // With the errors shown too: every field's message must be reachable and labelled.
            await page.GetByRole(AriaRole.Button, new() { Name = "Send til skolen" }).ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=error-summary]")).ToBeVisibleAsync();
        }
        await ExpectNoSidewaysScrollAsync(page);
        var name = path == "/si-fra" ? "si-fra-feil" : "si-fra-ukjent-kode";
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshot($"{name}-{width}.png"), FullPage = true });
        await ExpectAxeCleanAsync(page, $"{path} at {width}");
        await page.Context.CloseAsync();
    }

    private static async Task ExpectNoSidewaysScrollAsync(IPage page) =>
        (await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth")).Should().BeTrue("nothing scrolls sideways");

    private async Task ExpectAxeCleanAsync(IPage page, string what)
    {
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        foreach (var violation in serious)
            output.WriteLine($"{what}: {violation.Impact}: {violation.Id} – {string.Join(", ", violation.Nodes.Select(n => n.Html).Take(3))}");
        serious.Should().BeEmpty($"{what} should have no serious or critical accessibility violations");
    }
}
