using Aktivitetsplikt.Web.Tests.Features.Evidence;
using Microsoft.Playwright;

namespace Aktivitetsplikt.EndToEnd.Tests;

/// <summary>
/// Attachments and meetings on the interactive case page in Chromium: the principal attaches a PNG (streamed from the
/// InputFile over the circuit), sees it scaled on the page, then records a meeting with agreed points, which the
/// timeline offers to take into a new plan version. Screenshots at 1366 and 390 px go to artifacts/screenshots.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class EvidenceTests(AppServer app)
{
    private static readonly string Screenshots = Path.Combine(AppServer.RepoRoot, "artifacts", "screenshots");

    [Fact]
    public async Task Principal_AttachesAPngOnTheCasePage_AndRecordsAMeeting_WhoseAgreedPointsCanBecomeMeasures()
    {
        var page = await app.NewPageAsync("randi.rektor");
        await page.GotoAsync("/saker");
        var caseUrl = (await page.Locator("tr", new PageLocatorOptions { HasText = "Jakob" }).Locator("a[href^='/saker/']").First.GetAttributeAsync("href"))!;
        await page.GotoAsync(caseUrl);
        await page.Locator("#actions[data-interactive=true]").WaitForAsync();

        await page.SetInputFilesAsync("#attachment-file", new FilePayload { Name = "skjermbilde-chat.png", MimeType = "image/png", Buffer = TestPng.Make(240, 140) });
        await page.ClickAsync("[data-testid=attachment-upload] button[type=submit]");
        await page.Locator("[data-testid=attachment-status]").WaitForAsync();
        var image = page.Locator("[data-testid=attachments] img.attachment-image").First;
        await image.WaitForAsync();
        (await image.EvaluateAsync<int>("img => img.complete ? img.naturalWidth : new Promise(r => img.onload = () => r(img.naturalWidth))"))
            .Should().Be(240, "the image comes through the checked endpoint");
        (await page.Locator("[data-testid=timeline]").InnerTextAsync()).Should().Contain("Vedlegg: skjermbilde-chat.png (SHA-256 ");

        var group = page.Locator("details.step-group:has(#action-RecordMeeting)");
        if (await group.GetAttributeAsync("open") is null) await group.Locator("> summary").ClickAsync();
        var step = page.Locator("#action-RecordMeeting");
        if (await step.GetAttributeAsync("data-primary") is null && await step.GetAttributeAsync("open") is null)
            await page.ClickAsync("#action-RecordMeeting > summary");
        await page.CheckAsync("#a-RecordMeeting-Pupil");
        await page.CheckAsync("#a-RecordMeeting-Guardians");
        await page.FillAsync("#a-RecordMeeting-ParticipantNames", "Randi Rektor, Kari Lærer (kontaktlærer), mor");
        await page.FillAsync("#a-RecordMeeting-Discussed", "Jakob fortalte om meldingene i klassechatten. Mor ønsker tett kontakt.");
        await page.FillAsync("#a-RecordMeeting-AgreedPoints", "Kontaktlærer snakker med klassen om chatten\nUkentlig samtale med Jakob");
        await page.CheckAsync("#a-RecordMeeting-ForFamily");
        await page.ClickAsync("#action-RecordMeeting button[type=submit]");
        var meeting = page.Locator("[data-testid=timeline-meeting]").Last;
        await meeting.WaitForAsync();
        (await meeting.InnerTextAsync()).Should().Contain("Ukentlig samtale med Jakob").And.Contain("Eleven, Foresatte");

        foreach (var (width, height) in new[] { (1366, 900), (390, 844) })
        {
            await page.SetViewportSizeAsync(width, height);
            (await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth")).Should().BeLessThanOrEqualTo(width, $"no sideways scroll at {width} px");
            Directory.CreateDirectory(Screenshots);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, $"case-attachment-meeting-{width}.png"), FullPage = true });
        }
        await page.SetViewportSizeAsync(1280, 900);

        await meeting.Locator("[data-testid=meeting-to-plan]").ClickAsync();
        await page.Locator("[data-testid=plan-from-meeting]").WaitForAsync();
        await page.Locator("[data-testid=plan-submit]:not([disabled])").WaitForAsync();
        var descriptions = await page.Locator("[data-testid=measure-row] textarea").EvaluateAllAsync<string[]>("rows => rows.map(r => r.value)");
        descriptions.Should().Contain(["Kontaktlærer snakker med klassen om chatten", "Ukentlig samtale med Jakob"], "the agreed points wait as measures for the principal to complete and fix");
        app.CspViolations().Should().BeEmpty();
    }
}
