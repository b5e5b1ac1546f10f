using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Aktivitetsplikt.EndToEnd.Tests;

/// <summary>
/// Every main page, opened by the role it is for: axe-core finds no serious or critical
/// accessibility violation, and a full-page screenshot is saved to artifacts/screenshots/ for review
/// (docs/screenshots/ with AKTIVITETSPLIKT_UPDATE_SCREENSHOTS=1).
/// </summary>
[Collection(AppCollection.Name)]
public sealed class MainPageTests
{
    private readonly AppServer _app;
    private readonly ITestOutputHelper _output;

    public MainPageTests(AppServer app, ITestOutputHelper output)
    {
        _app = app;
        _output = output;
    }

    public static TheoryData<string, string?, string> Pages() => new()
    {
        { "/logg-inn", null, "login.png" },
        { "/", "randi.rektor", "start-principal.png" },
        { "/meld", "kari.laerer", "meld.png" },
        { "/saker", "randi.rektor", "saker.png" },
        { "{sak}", "randi.rektor", "sak.png" },
        { "/oversikt", "siri.9a", "oversikt.png" },
        { "/admin", "arne.admin", "admin.png" },
        { "{sak}/logg", "siri.9a", "revisjonslogg.png" },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task MainPage_HasNoSeriousOrCriticalAxeViolations_AndIsScreenshotted(string path, string? user, string screenshot)
    {
        var page = await _app.NewPageAsync(user);
        if (path.Contains("{sak}")) path = path.Replace("{sak}", await DemoCaseUrlAsync(page));

        var response = await page.GotoAsync(path);
        response!.Status.Should().Be(200, $"{user ?? "anyone"} may open {path}");
        // An interactive page is checked and shown as its user works with it: once its circuit has taken over.
        if (screenshot is "meld.png" or "sak.png")
            await page.Locator("[data-interactive=true]").First.WaitForAsync();
        // A normal run writes to the git-ignored artifacts/; the committed ones in docs/screenshots/ are
        // refreshed on request: AKTIVITETSPLIKT_UPDATE_SCREENSHOTS=1 bash tests/run.sh
        var folder = Environment.GetEnvironmentVariable("AKTIVITETSPLIKT_UPDATE_SCREENSHOTS") == "1"
            ? Path.Combine(AppServer.RepoRoot, "docs", "screenshots")
            : Path.Combine(AppServer.RepoRoot, "artifacts", "screenshots");
        var file = Path.Combine(folder, screenshot);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });

        var result = await page.RunAxe();

        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        foreach (var violation in serious)
        {
            _output.WriteLine($"{violation.Impact}: {violation.Id} – {violation.Help} ({violation.HelpUrl})");
            foreach (var node in violation.Nodes) _output.WriteLine($"    {string.Join(" ", node.Target)}: {node.Html}");
        }
        serious.Should().BeEmpty($"{path} should have no serious or critical accessibility violations: " +
            string.Join("; ", serious.Select(v => $"{v.Id} ({v.Nodes.Count()}×: {string.Join(", ", v.Nodes.Select(n => n.Html).Take(3))})")));
        await page.Context.CloseAsync();
    }

    /// <summary>Jakob's demo case at Nordvik: a plan with measures, so the case page shows most of what it can.</summary>
    private static async Task<string> DemoCaseUrlAsync(IPage page)
    {
        await page.GotoAsync("/saker");
        var href = await page.Locator("tr", new PageLocatorOptions { HasText = "Jakob Larsen" }).Locator("a").First.GetAttributeAsync("href");
        return href!.TrimEnd('/');
    }
}
