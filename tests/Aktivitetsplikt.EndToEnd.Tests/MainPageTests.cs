using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Aktivitetsplikt.EndToEnd.Tests;

/// <summary>
/// Every page, opened by the role it is for, on a desktop (1366 px), a phone (390 px) and the narrowest phone in common use
/// (360 px): axe-core finds no serious or critical accessibility violation, nothing scrolls sideways, and a full-page
/// screenshot is saved to artifacts/screenshots/ for review (docs/screenshots/ with AKTIVITETSPLIKT_UPDATE_SCREENSHOTS=1,
/// which scripts/screenshots.sh sets; the committed set is 1366 and 390 px).
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

    private static readonly (string Path, string? User, string Name)[] AllPages =
    [
        ("/logg-inn", null, "login"),
        ("/", "randi.rektor", "start-principal"),
        ("/", "kari.laerer", "start-staff"),
        ("/", "siri.9a", "start-school-owner"),
        ("/meld", "kari.laerer", "meld"),
        ("/saker", "randi.rektor", "saker"),
        ("{sak}", "randi.rektor", "sak"),
        ("{sak}/plan/ny", "randi.rektor", "plan-editor"),
        ("{sak}/plan/endringer", "randi.rektor", "plan-changes"),
        ("{sak}/plan/1/utskrift", "randi.rektor", "plan-print"),
        ("{sak}/logg", "siri.9a", "revisjonslogg"),
        ("/varsler", "randi.rektor", "varsler"),
        ("/delegering", "randi.rektor", "delegering"),
        ("/statistikk", "siri.9a", "statistikk"),
        ("/oversikt", "siri.9a", "oversikt"),
        ("/personvern?sok=Jakob", "siri.9a", "personvern"),
        ("/arkiv", "siri.9a", "arkiv"),
        ("/admin", "arne.admin", "admin"),
        ("/admin/frister", "arne.admin", "admin-frister"),
        ("/admin/statsforvalter", "arne.admin", "admin-statsforvalter"),
        ("/admin/brukere/ny", "arne.admin", "admin-ny-bruker"),
        ("/admin/elever/ny", "arne.admin", "admin-ny-elev"),
        ("/admin/skoler/ny", "arne.admin", "admin-ny-skole"),
        ("/admin/foresatte", "arne.admin", "admin-foresatte"),
        ("/admin/elever", "arne.admin", "admin-elever"),
        ("/admin/elever/import", "arne.admin", "admin-elevimport"),
        ("/nodrett", "randi.rektor", "nodrett"),
        ("/nodrett/ny", "kari.laerer", "nodrett-ny"),
        ("/si-fra", null, "si-fra"),
        ("/si-fra/nordvik-skole", null, "si-fra-skole"),
        ("{kvittering}", null, "si-fra-status"),
        ("/logg-inn/ukjent", null, "logg-inn-ukjent"),
        ("/logg-inn/avvist", null, "logg-inn-avvist"),
        ("/finnes-ikke", null, "ikke-funnet"),
    ];

    /// <summary>The widths every page is checked at: a desktop, a common phone and the narrowest phone in common use.</summary>
    internal static readonly int[] Widths = [1366, 390, 360];

    public static TheoryData<string, string?, string, int> Pages()
    {
        var data = new TheoryData<string, string?, string, int>();
        foreach (var (path, user, name) in AllPages)
            foreach (var width in Widths)
                data.Add(path, user, name, width);
        return data;
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Page_HasNoSeriousOrCriticalAxeViolations_DoesNotScrollSideways_AndIsScreenshotted(string path, string? user, string name, int width)
    {
        var page = await _app.NewPageAsync(user);
        await page.SetViewportSizeAsync(width, width > 1000 ? 900 : 844);
        if (path.Contains("{sak}")) path = path.Replace("{sak}", await DemoCaseUrlAsync(page));
        if (path == "{kvittering}") path = await SiFraReceiptUrlAsync(page);

        await CheckAsync(page, path, name, width, name == "ikke-funnet" ? 404 : 200, $"{user ?? "anyone"} may open {path}", _output);
        await page.Context.CloseAsync();
    }

    /// <summary>
    /// Opens <paramref name="path"/> at the page's width and checks what every page must do (the status, no sideways scroll,
    /// tables of figures that fit, no serious or critical axe violation), saving a full-page screenshot named
    /// <paramref name="name"/>-<paramref name="width"/>.png. Shared with <see cref="FamilyMainPageTests"/>, whose users sign in
    /// through the OpenID provider.
    /// </summary>
    internal static async Task CheckAsync(IPage page, string path, string name, int width, int status, string because, ITestOutputHelper output)
    {
        var response = await page.GotoAsync(path);
        response!.Status.Should().Be(status, because);
        // An interactive page is checked and shown as its user works with it: once its circuit has taken over.
        if (name is "meld" or "sak")
            await page.Locator("[data-interactive=true]").First.WaitForAsync();
        if (name is "plan-editor")
            await page.Locator("[data-testid=plan-submit]:not([disabled])").WaitForAsync();
        // A normal run writes to the git-ignored artifacts/; the committed ones in docs/screenshots/ are
        // refreshed on request: scripts/screenshots.sh (AKTIVITETSPLIKT_UPDATE_SCREENSHOTS=1).
        // The 360 px check guards against sideways scrolling; its screenshots stay in artifacts/ (they look like 390 px's).
        var folder = Environment.GetEnvironmentVariable("AKTIVITETSPLIKT_UPDATE_SCREENSHOTS") == "1" && width != 360
            ? Path.Combine(AppServer.RepoRoot, "docs", "screenshots")
            : Path.Combine(AppServer.RepoRoot, "artifacts", "screenshots");
        var file = Path.Combine(folder, $"{name}-{width}.png");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });

        (await page.EvaluateAsync<int>("document.documentElement.scrollWidth")).Should().BeLessThanOrEqualTo(width, $"{path} must not scroll sideways at {width} px");
        // A table of figures stacks on a phone: nothing of it hides to the right inside its scroll box.
        var cutTables = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('table.figure-table')]
                .filter(t => { const box = t.closest('.table-scroll') ?? t; return box.scrollWidth > box.clientWidth + 1; })
                .map(t => t.dataset.testid || t.caption?.textContent || 'table')
            """);
        cutTables.Should().BeEmpty($"every table of figures on {path} must fit {width} px without scrolling inside its box");

        var result = await page.RunAxe();

        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        foreach (var violation in serious)
        {
            output.WriteLine($"{violation.Impact}: {violation.Id} – {violation.Help} ({violation.HelpUrl})");
            foreach (var node in violation.Nodes) output.WriteLine($"    {string.Join(" ", node.Target)}: {node.Html}");
        }
        serious.Should().BeEmpty($"{path} at {width} px should have no serious or critical accessibility violations: " +
            string.Join("; ", serious.Select(v => $"{v.Id} ({v.Nodes.Count()}×: {string.Join(", ", v.Nodes.Select(n => n.Html).Take(3))})")));
    }

    /// <summary>
    /// The status page of a fresh anonymous "si fra" message, reached as its sender does: the form on a phone, then the
    /// receipt's private link.
    /// </summary>
    private static async Task<string> SiFraReceiptUrlAsync(IPage page)
    {
        await page.GotoAsync("/si-fra/nordvik-skole");
        await page.Locator("input[name='Form.Sender'][value=Anonymous]").CheckAsync();
        await page.FillAsync("#f-WhatHappened", "Noen tar ballen fra meg i hvert friminutt og ler når jeg sier fra.");
        await page.Locator("input[name='Form.FeelsSafe'][value=Unsure]").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Send til skolen" }).ClickAsync();
        return (await page.Locator("[data-testid=receipt-link]").GetAttributeAsync("href"))!;
    }

    /// <summary>Jakob's demo case at Nordvik: a plan with measures, so the case page shows most of what it can.</summary>
    private static async Task<string> DemoCaseUrlAsync(IPage page)
    {
        await page.GotoAsync("/saker");
        var href = await page.Locator("tr", new PageLocatorOptions { HasText = "Jakob Larsen" }).Locator("a").First.GetAttributeAsync("href");
        return href!.TrimEnd('/');
    }
}
