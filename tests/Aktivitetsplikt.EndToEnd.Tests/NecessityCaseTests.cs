using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Aktivitetsplikt.EndToEnd.Tests;

/// <summary>
/// From a necessity record to an aktivitetsplikt case in Chromium: a teacher writes the record, opens "Opprett sak fra
/// protokollen", finds the concern form filled in from it, chooses where it happened and sends it; the record then names
/// the new case. Screenshots at 1366 and 390 px go to artifacts/screenshots/ (git-ignored).
/// </summary>
[Collection(AppCollection.Name)]
public sealed class NecessityCaseTests(AppServer app)
{
    private static string Screenshot(string name)
    {
        var file = Path.Combine(AppServer.RepoRoot, "artifacts", "screenshots", name);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        return file;
    }

    [Theory]
    [InlineData(390, 844)]
    [InlineData(1366, 900)]
    public async Task ATeacher_MakesACaseFromTheirNecessityRecord_FilledInFromIt_AndTheRecordThenNamesTheCase(int width, int height)
    {
        // Not Jakob or Sofie: other browser tests on the same app find their demo cases by name in the case list, and a new
        // case of theirs would be listed first.
        var before = $"Lucas kastet en stol mot en medelev ({width} px).";
        const string done = "Holdt Lucas i armene i omtrent to minutter, til han roet seg.";
        var page = await app.NewPageAsync("kari.laerer");
        await page.SetViewportSizeAsync(width, height);
        await page.GotoAsync("/nodrett/ny");
        await page.SelectOptionAsync("#f-PupilId", new SelectOptionValue { Label = "6B – Lucas Pedersen" });
        await page.FillAsync("#f-Place", "Klasserom 6A");
        await page.FillAsync("#f-IntervenedBy", "Kari Lærer (kontaktlærer)");
        await page.FillAsync("#f-WhatHappenedBefore", before);
        await page.FillAsync("#f-WhatWasDone", done);
        await page.FillAsync("#f-DurationMinutes", "2");
        await page.FillAsync("#f-Injuries", "Ingen");
        await page.CheckAsync("#f-Account-Declined");
        await page.FillAsync("#f-PupilAccountHow", "Kontaktlærer spurte Lucas etter timen.");
        await page.FillAsync("#f-FollowUp", "Samtale med foreldrene.");
        await page.ClickAsync("button:has-text('Lagre protokollen')");
        await Assertions.Expect(page.Locator("[data-testid=saved]")).ToBeVisibleAsync();
        var recordUrl = new Uri(page.Url).AbsolutePath;
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshot($"nodrett-protokoll-{width}.png"), FullPage = true });

        await page.ClickAsync("[data-testid=create-case]");
        await page.WaitForSelectorAsync("form[data-interactive=true]");

        await Assertions.Expect(page.Locator("[data-testid=from-necessity]")).ToContainTextAsync("opprettes fra protokollen");
        (await page.Locator("#f-PupilId option:checked").InnerTextAsync()).Should().Be("Lucas Pedersen (6B)");
        (await page.InputValueAsync("#f-WhatHappened")).Should().Be(before);
        (await page.InputValueAsync("#f-Intervention")).Should().Be(done);
        (await page.EvaluateAsync<int>("document.documentElement.scrollWidth")).Should().BeLessThanOrEqualTo(width, "nothing may scroll sideways");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshot($"meld-fra-protokoll-{width}.png"), FullPage = true });
        await page.SelectOptionAsync("#f-Location", "Classroom");
        await page.ClickAsync("button:has-text('Send bekymringsmelding')");
        await page.WaitForURLAsync(new Regex("/meld/kvittering/"));
        var caseNumber = Regex.Match(await page.Locator("[role=status]").InnerTextAsync(), @"\d{4}-\d{4}").Value;

        await page.GotoAsync(recordUrl);
        await Assertions.Expect(page.Locator("[data-testid=necessity-record]")).ToContainTextAsync(caseNumber);
        (await page.Locator("[data-testid=create-case]").CountAsync()).Should().Be(0, "a linked record makes no second case");
        await page.Context.CloseAsync();
    }
}
