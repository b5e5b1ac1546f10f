using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Aktivitetsplikt.EndToEnd.Tests;

/// <summary>
/// The interactive plan editor in Chromium, on the demo data: the principal opens it from Olivia's case
/// (being investigated), adds a measure row without a page load, is refused once with the row named, and
/// adopts the plan. Screenshots at 1366 and 390 px go to artifacts/screenshots (git-ignored).
/// </summary>
[Collection(AppCollection.Name)]
public sealed class PlanEditorTests(AppServer app)
{
    private const string Problem = "Olivia får stygge meldinger i klassechatten hver kveld og gruer seg til skolen.";
    private const string FirstMeasure = "Gjennomgang av chatten og reglene for den med hele klassen";
    private const string SecondMeasure = "Samtaler med helsesykepleier om hvordan Olivia har det";

    private static readonly string Screenshots = Path.Combine(AppServer.RepoRoot, "artifacts", "screenshots");

    [Fact]
    public async Task Principal_AddsAMeasureRowWithoutAPageLoad_IsRefusedWithTheRowNamed_ThenAdoptsThePlan()
    {
        var page = await app.NewPageAsync("randi.rektor");
        var caseUrl = await CaseOfAsync(page, "Olivia");
        await page.GotoAsync(caseUrl);
        // The link to the plan editor is the primary action when a plan is the next step, else in the folded groups.
        var link = page.Locator("#action-AdoptPlan [data-testid=plan-link]");
        if (!await link.IsVisibleAsync()) await page.ClickAsync("details.step-group:has(#action-AdoptPlan) > summary");
        if (!await link.IsVisibleAsync()) await page.ClickAsync("#action-AdoptPlan > summary");
        await link.ClickAsync();
        await page.WaitForURLAsync(new Regex("/plan/ny$"));
        await InteractiveAsync(page);

        var (reads, readsByTheLog) = await ReadsOfTheCaseAsync(page, caseUrl);
        await page.GotoAsync(caseUrl + "/plan/ny");
        await InteractiveAsync(page);
        await page.GotoAsync(caseUrl + "/logg");
        (await page.Locator("td[data-action=ViewCase]").CountAsync() - readsByTheLog).Should().Be(reads + 1, "prerendering and the circuit together read the case once");
        await page.GotoAsync(caseUrl + "/plan/ny");
        await InteractiveAsync(page);

        (await page.Locator("[data-testid=measure-row]").CountAsync()).Should().Be(1);
        await page.FillAsync("#plan-Problem", Problem);
        await page.FillAsync("#plan-Measures-0-Description", FirstMeasure);
        await page.FillAsync("#plan-Measures-0-When", "I klassens time på fredag");
        await page.SelectOptionAsync("#plan-Measures-0-Responsible", await OptionValueAsync(page, "#plan-Measures-0-Responsible", "Kari Lærer"));
        // The checklist follows the last choice over the circuit: waited for, not read at once (a busy machine answered it late).
        await Assertions.Expect(page.Locator("[data-testid=plan-checklist-status]")).ToHaveTextAsync("Alle fem delene er med.");

        await page.EvaluateAsync("() => { window.__marker = 1; }");
        var url = page.Url;
        await page.ClickAsync("[data-testid=add-measure]");
        await page.Locator("#plan-Measures-1-Description").WaitForAsync();
        (await page.EvaluateAsync<int?>("() => window.__marker")).Should().Be(1, "the row was added in place, without loading the page again");
        page.Url.Should().Be(url);
        (await page.EvaluateAsync<string>("() => document.activeElement.id")).Should().Be("plan-Measures-1-Description", "the new row takes the focus");
        (await page.InputValueAsync("#plan-Problem")).Should().Be(Problem);

        await page.FillAsync("#plan-Measures-1-Description", SecondMeasure);
        await page.FillAsync("#plan-Measures-1-When", "Hver tirsdag i fire uker");
        (await page.Locator("#plan-Measures-1-ExternalName").CountAsync()).Should().Be(0);
        await page.SelectOptionAsync("#plan-Measures-1-Responsible", "external");
        await page.Locator("#plan-Measures-1-ExternalName").WaitForAsync();
        (await page.Locator("[data-testid=plan-checklist] li[data-part=Responsible]").GetAttributeAsync("data-missing")).Should().Be("true");

        await page.ClickAsync("[data-testid=plan-submit]");
        var summary = page.Locator("[data-testid=error-summary]");
        await summary.WaitForAsync();
        (await summary.InnerTextAsync()).Should().Contain("Tiltak 2: mangler hvem som skal gjennomføre tiltaket.");
        (await page.Locator("#plan-Measures-1-ExternalName-error").InnerTextAsync()).Should().Contain("Tiltak 2");
        (await page.InputValueAsync("#plan-Measures-1-Description")).Should().Be(SecondMeasure, "nothing typed is lost");
        (await page.EvaluateAsync<int?>("() => window.__marker")).Should().Be(1);
        await ScreenshotsAsync(page, "plan-editor-refused");

        await page.FillAsync("#plan-Measures-1-ExternalName", "Helsesykepleier Hanne Dahl");
        await page.CheckAsync("#plan-EvaluationIn-28");
        await ScreenshotsAsync(page, "plan-editor");
        await page.ClickAsync("[data-testid=plan-submit]");

        await page.WaitForURLAsync(new Regex("utfort=AdoptPlan$"));
        await page.Locator("[data-testid=action-done]").WaitForAsync();
        var main = await page.Locator("main").InnerTextAsync();
        main.Should().Contain(FirstMeasure).And.Contain(SecondMeasure).And.Contain("Helsesykepleier Hanne Dahl");
        await page.Context.CloseAsync();
    }

    /// <summary>The plan page as the demo principal's two screens see it: a laptop and a phone.</summary>
    private static async Task ScreenshotsAsync(IPage page, string name)
    {
        Directory.CreateDirectory(Screenshots);
        foreach (var (width, height) in new[] { (1366, 900), (390, 844) })
        {
            await page.SetViewportSizeAsync(width, height);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, $"{name}-{width}.png"), FullPage = true });
        }
        await page.SetViewportSizeAsync(1280, 900);
    }

    /// <summary>The editor is sent from the circuit: its button is enabled once the circuit has rendered it.</summary>
    private static Task InteractiveAsync(IPage page) =>
        page.Locator("[data-testid=plan-submit]:not([disabled])").WaitForAsync();

    private static async Task<string> CaseOfAsync(IPage page, string pupil)
    {
        await page.GotoAsync("/saker");
        var href = await page.Locator("tr", new PageLocatorOptions { HasText = pupil }).Locator("a[href^='/saker/']").First.GetAttributeAsync("href");
        return href!;
    }

    /// <summary>How many "read the case" entries the audit log holds, and how many opening the log itself adds.</summary>
    private static async Task<(int Reads, int ReadsByTheLog)> ReadsOfTheCaseAsync(IPage page, string caseUrl)
    {
        await page.GotoAsync(caseUrl + "/logg");
        var first = await page.Locator("td[data-action=ViewCase]").CountAsync();
        await page.GotoAsync(caseUrl + "/logg");
        var second = await page.Locator("td[data-action=ViewCase]").CountAsync();
        return (second, second - first);
    }

    private static async Task<string> OptionValueAsync(IPage page, string select, string textStart) =>
        (await page.Locator($"{select} option", new PageLocatorOptions { HasText = textStart }).First.GetAttributeAsync("value"))!;
}
