using System.IO.Compression;
using Microsoft.Playwright;

namespace Aktivitetsplikt.EndToEnd.Tests;

/// <summary>
/// The two exports run from the UI in Chromium, as the § 9A team uses them: everything about one pupil (found with the
/// search) and the archive package of the closed cases. The downloads are kept in artifacts/exports/ (git-ignored) for review.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class ExportsTests(AppServer app)
{
    private static readonly string Folder = Path.Combine(AppServer.RepoRoot, "artifacts", "exports");

    [Fact]
    public async Task ThePupilExport_IsFoundWithTheSearch_AndDownloadsAZipWithTheDocumentAndTheJson()
    {
        var page = await app.NewPageAsync("siri.9a");
        await page.GotoAsync("/");
        await page.Locator("nav a[href='/personvern']").First.ClickAsync();
        await page.FillAsync("#pupil-search", "Jakob");
        await page.ClickAsync("form[role=search] button[type=submit]");
        await Assertions.Expect(page.Locator("[data-testid=export-pupil]")).ToHaveCountAsync(1);

        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("[data-testid=export-pupil]").ClickAsync());

        download.SuggestedFilename.Should().StartWith("innsyn-jakob-larsen-").And.EndWith(".zip");
        var file = await Save(download);
        using var zip = ZipFile.OpenRead(file);
        zip.Entries.Select(e => e.FullName).Should().BeEquivalentTo(["innsyn.docx", "innsyn.json"]);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task TheArchiveExport_RunsFromItsButton_AndDownloadsTheNoark5Package()
    {
        var page = await app.NewPageAsync("siri.9a");
        await page.GotoAsync("/arkiv");

        await page.ClickAsync("[data-testid=archive-export]");
        await Assertions.Expect(page.Locator(".ds-alert[data-color=success]")).ToContainTextAsync("Arkivuttrekket er laget", new() { Timeout = 120_000 });
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator(".ds-alert[data-color=success] a").ClickAsync());

        var file = await Save(download);
        using var zip = ZipFile.OpenRead(file);
        var names = zip.Entries.Select(e => e.FullName).ToList();
        names.Should().Contain(["arkivstruktur.xml", "arkivuttrekk.xml", "manifest-sha256.txt"]);
        names.Should().Contain(n => n.StartsWith("DOKUMENT/", StringComparison.Ordinal) && n.EndsWith(".pdf", StringComparison.Ordinal));
        (await page.Locator("[data-testid=archive-download]").CountAsync()).Should().BeGreaterThan(0, "the run is listed");
        // The page with a run listed, as a desktop and a phone show it (artifacts/screenshots/, for review).
        foreach (var width in new[] { 1366, 390 })
        {
            await page.SetViewportSizeAsync(width, 900);
            (await page.EvaluateAsync<int>("document.documentElement.scrollWidth")).Should().BeLessThanOrEqualTo(width);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppServer.RepoRoot, "artifacts", "screenshots", $"arkiv-med-uttrekk-{width}.png"), FullPage = true });
        }
        await page.Context.CloseAsync();
    }

    private static async Task<string> Save(IDownload download)
    {
        Directory.CreateDirectory(Folder);
        var file = Path.Combine(Folder, download.SuggestedFilename);
        await download.SaveAsAsync(file);
        return file;
    }
}
