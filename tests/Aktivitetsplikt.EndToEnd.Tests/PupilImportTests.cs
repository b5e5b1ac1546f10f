using System.Text;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Aktivitetsplikt.EndToEnd.Tests;

/// <summary>
/// The administrator imports the school system's pupil export through the browser: upload a Windows-1252 file, read the
/// preview (new pupils, rows with problems in Norwegian), apply it, find the pupils in the list. Screenshots of the
/// preview at 1366 and 390 px go to artifacts/screenshots/ (git-ignored).
/// </summary>
[Collection(AppCollection.Name)]
public sealed class PupilImportTests(AppServer app, ITestOutputHelper output)
{
    private static string Screenshot(string name)
    {
        var file = Path.Combine(AppServer.RepoRoot, "artifacts", "screenshots", name);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        return file;
    }

    /// <summary>250 pupils named so that no demo pupil is matched by a search, with Norwegian letters, three with Feide, and two bad rows.</summary>
    private static byte[] ExportFile()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var text = new StringBuilder("Elevnummer;Fornavn;Etternavn;Fødselsdato;Klasse;Skole;Feide\r\n");
        string[] first = ["Åsmund", "Ørjan", "Æsa", "Bjørg", "Håvard"];
        for (var i = 0; i < 250; i++)
            text.Append($"IMP{i:0000};{first[i % first.Length]};Importsæther;01.0{1 + i % 9}.2014;{1 + i % 7}{(char)('A' + i % 2)};{(i % 2 == 0 ? "Nordvik skole" : "Sjøkanten ungdomsskole")};{(i < 3 ? $"imp{i}@nordvik.example.org" : "")}\r\n");
        text.Append("IMP9998;;Utennavn;01.01.2014;3A;Nordvik skole\r\n");
        text.Append("IMP9999;Per;Feilskole;01.01.2014;3A;Skolen som ikke finnes\r\n");
        return Encoding.GetEncoding(1252).GetBytes(text.ToString());
    }

    [Fact]
    public async Task TheAdministrator_UploadsAWindows1252Export_ReadsThePreview_AppliesIt_AndFindsThePupils()
    {
        var page = await app.NewPageAsync("arne.admin");
        await page.SetViewportSizeAsync(1366, 900);
        await page.GotoAsync("/admin/elever");
        await page.GetByRole(AriaRole.Link, new() { Name = "Importer elever" }).ClickAsync();
        await page.SetInputFilesAsync("#f-File", new FilePayload { Name = "elever-2026.csv", MimeType = "text/csv", Buffer = ExportFile() });
        await page.GetByRole(AriaRole.Button, new() { Name = "Forhåndsvis" }).ClickAsync();

        await Assertions.Expect(page.Locator("[data-testid=import-file]")).ToContainTextAsync("252 rader, lest som Windows-1252");
        await Assertions.Expect(page.Locator("[data-testid=count-added]")).ToHaveTextAsync("250");
        await Assertions.Expect(page.Locator("[data-testid=count-skipped]")).ToHaveTextAsync("2");
        var skipped = page.Locator("[data-testid=skipped-rows]");
        await Assertions.Expect(skipped).ToContainTextAsync("Mangler fornavn.");
        await Assertions.Expect(skipped).ToContainTextAsync("Ukjent skole «Skolen som ikke finnes».");
        await Assertions.Expect(page.Locator("[data-testid=added-rows]")).ToContainTextAsync("Åsmund Importsæther");
        await Assertions.Expect(page.Locator("[data-testid=count-feide]")).ToHaveTextAsync("3");
        await Assertions.Expect(page.Locator("[data-testid=feide-rows]")).ToContainTextAsync("imp2@nordvik.example.org");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshot("admin-elevimport-forhandsvisning-1366.png"), FullPage = true });
        await ExpectAxeCleanAsync(page, "import preview at 1366");
        await page.SetViewportSizeAsync(390, 844);
        (await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth")).Should().BeTrue("nothing scrolls sideways");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshot("admin-elevimport-forhandsvisning-390.png"), FullPage = true });
        await ExpectAxeCleanAsync(page, "import preview at 390");

        await page.GetByRole(AriaRole.Button, new() { Name = "Ta importen i bruk" }).ClickAsync();

        await Assertions.Expect(page.Locator("[data-testid=import-applied]")).ToContainTextAsync("250 nye, 0 endret, 0 deaktivert");
        await page.FillAsync("#q", "importsæther");
        await page.GetByRole(AriaRole.Button, new() { Name = "Søk", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=pupil-count]")).ToHaveTextAsync("250 elever");
        await Assertions.Expect(page.Locator("[data-testid=page-of]")).ToHaveTextAsync("Side 1 av 5");
        await page.Context.CloseAsync();
    }

    private async Task ExpectAxeCleanAsync(IPage page, string what)
    {
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        foreach (var violation in serious)
            output.WriteLine($"{what}: {violation.Impact}: {violation.Id} – {string.Join(", ", violation.Nodes.Select(n => n.Html).Take(3))}");
        serious.Should().BeEmpty($"{what} should have no serious or critical accessibility violations");
    }
}
