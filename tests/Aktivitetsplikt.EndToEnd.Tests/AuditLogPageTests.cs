using Microsoft.Playwright;

namespace Aktivitetsplikt.EndToEnd.Tests;

/// <summary>
/// A case's audit log (/saker/{id}/logg) in Chromium on a phone and a desktop: every action in Norwegian, the
/// reads hidden by a filter, and nothing scrolling sideways. Screenshots go to artifacts/screenshots/ (git-ignored).
/// </summary>
[Collection(AppCollection.Name)]
public sealed class AuditLogPageTests(AppServer app)
{
    [Theory]
    [InlineData(390, 844)]
    [InlineData(1366, 900)]
    public async Task TheAuditLog_NamesEveryActionInNorwegian_CanHideTheReads_AndDoesNotScrollSideways(int width, int height)
    {
        var page = await app.NewPageAsync("randi.rektor");
        await page.SetViewportSizeAsync(width, height);
        await page.GotoAsync("/saker");
        var olivia = (await page.Locator("tr:has-text('Olivia') a").First.GetAttributeAsync("href"))!;
        await page.GotoAsync(olivia);
        await page.GotoAsync(olivia + "/logg");

        (await page.Locator("td[data-action]").CountAsync()).Should().BeGreaterThan(0);
        (await page.EvaluateAsync<int>("[...document.querySelectorAll('td[data-action]')].filter(td => td.innerText.trim() === td.dataset.action).length"))
            .Should().Be(0, "no action is shown by its code name");
        (await page.Locator("td[data-action=ViewCase]").CountAsync()).Should().BeGreaterThan(0);
        (await page.EvaluateAsync<int>("document.documentElement.scrollWidth")).Should().BeLessThanOrEqualTo(width, "nothing may scroll sideways");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshot($"logg-{width}.png"), FullPage = true });

        await page.ClickAsync("[data-testid=audit-filter] a[href$='vis=endringer']");
        await page.WaitForURLAsync("**/logg?vis=endringer");

        // The link is followed by enhanced navigation, which patches the page after the address changes: wait for it.
        await Assertions.Expect(page.Locator("[data-testid=reads-hidden]")).ToContainTextAsync("oppslag");
        await Assertions.Expect(page.Locator("td[data-action=ViewCase]")).ToHaveCountAsync(0);
        (await page.EvaluateAsync<int>("document.documentElement.scrollWidth")).Should().BeLessThanOrEqualTo(width, "nothing may scroll sideways");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshot($"logg-{width}-endringer.png"), FullPage = true });
        await page.Context.CloseAsync();
    }

    private static string Screenshot(string name)
    {
        var file = Path.Combine(AppServer.RepoRoot, "artifacts", "screenshots", name);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        return file;
    }
}
