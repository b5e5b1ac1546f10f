using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Aktivitetsplikt.EndToEnd.Tests;

/// <summary>
/// One case through the browser, as the three roles meet it: the teacher reports, the principal
/// investigates, plans, evaluates and closes, and the § 9A team reads the whole history.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class CaseJourneyTests
{
    private const string WhatHappened = "Sofie ble kalt stygge ting og dyttet i garderoben etter gym.";
    private const string HowToInvestigate = "Samtale med Sofie, de involverte elevene og foreldrene.";
    private const string PupilVoice = "Sofie sier at hun gruer seg til hver gymtime.";
    private const string Problem = "Sofie blir kalt stygge ting og dyttet i garderoben, og er ikke trygg i gym.";
    private const string Measure = "Voksen til stede i garderoben før og etter gym";
    private const string PupilSaysSafe = "Sofie sier at hun er trygg i garderoben nå.";
    private const string Assessment = "Tiltaket har virket; ingen nye hendelser på tre uker.";
    private const string Conclusion = "Sofie har et trygt og godt skolemiljø; bekreftet av Sofie og foreldrene.";

    private readonly AppServer _app;

    public CaseJourneyTests(AppServer app) => _app = app;

    [Fact]
    public async Task Concern_IsInvestigatedPlannedEvaluatedAndClosed_AndTheTeamSeesItAll()
    {
        var caseUrl = await StaffLogsConcernAsync();
        await PrincipalHandlesTheCaseAsync(caseUrl);
        await SchoolOwnerTeamReadsTheHistoryAsync(caseUrl);
    }

    /// <summary>(a) kari.laerer reports on /meld, asks for the principal to be notified, and gets a receipt with the case number.</summary>
    private async Task<string> StaffLogsConcernAsync()
    {
        var page = await _app.NewPageAsync("kari.laerer");
        await page.GotoAsync("/meld");
        await page.SelectOptionAsync("#f-PupilId", new SelectOptionValue { Label = "Sofie Andersen (6A)" });
        await page.FillAsync("#f-WhatHappened", WhatHappened);
        await page.SelectOptionAsync("#f-Location", "Other");
        await page.CheckAsync("#f-NotifyPrincipalNow");
        await page.ClickAsync("button:has-text('Send bekymringsmelding')");

        await page.WaitForURLAsync(new Regex("/meld/kvittering/"));
        var receipt = await page.Locator("main").InnerTextAsync();
        receipt.Should().Contain("Bekymringen er registrert").And.MatchRegex(@"Saksnummer: \d{4}-\d{4}");
        receipt.Should().Contain("Rektor varslet");
        var href = await page.Locator("a:has-text('Åpne saken')").GetAttributeAsync("href");
        await page.Context.CloseAsync();
        return href!;
    }

    /// <summary>(b) randi.rektor takes the case from notified to closed, refused once on the way.</summary>
    private async Task PrincipalHandlesTheCaseAsync(string caseUrl)
    {
        var page = await _app.NewPageAsync("randi.rektor");
        await page.GotoAsync(caseUrl);

        await DoAsync(page, "StartInvestigation", () => page.FillAsync("#a-StartInvestigation-Text", HowToInvestigate));
        await DoAsync(page, "RecordPupilVoice", async () =>
        {
            await page.CheckAsync("#a-RecordPupilVoice-View");
            await page.FillAsync("#a-RecordPupilVoice-Text", PupilVoice);
        });
        (await page.Locator("#action-Close").CountAsync()).Should().Be(0, "the pupil is not safe, so closing is not offered");

        await OpenAsync(page, "AdoptPlan");
        await page.ClickAsync("#action-AdoptPlan [data-testid=plan-editor-link]");
        await page.WaitForURLAsync(new Regex("/plan/ny$"));
        await page.Locator("[data-testid=plan-submit]:not([disabled])").WaitForAsync();
        await page.FillAsync("#plan-Problem", Problem);
        await page.FillAsync("#plan-Measures-0-Description", Measure);
        await page.FillAsync("#plan-Measures-0-When", "Alle gymtimer fra mandag");
        await page.ClickAsync("[data-testid=plan-submit]");
        var refusal = await page.Locator("[data-testid=error-summary]").InnerTextAsync();
        refusal.Should().Contain("d) hvem som er ansvarlig for gjennomføringen").And.Contain("Tiltak 1: mangler hvem som skal gjennomføre tiltaket.");
        (await page.InputValueAsync("#plan-Problem")).Should().Be(Problem, "what the principal wrote is kept");
        (await page.InputValueAsync("#plan-Measures-0-Description")).Should().Be(Measure);

        await page.SelectOptionAsync("#plan-Measures-0-Responsible", "external");
        await page.FillAsync("#plan-Measures-0-ExternalName", "Kari Lærer, kontaktlærer");
        await page.ClickAsync("[data-testid=plan-submit]");
        await page.WaitForURLAsync(new Regex("utfort=AdoptPlan$"));
        await page.Locator("[data-testid=action-done]").WaitForAsync();
        await DoAsync(page, "StartEvaluation", () => Task.CompletedTask);
        await DoAsync(page, "RecordEvaluation", async () =>
        {
            await page.CheckAsync("#a-RecordEvaluation-View-safe");
            await page.FillAsync("#a-RecordEvaluation-Text2", PupilSaysSafe);
            await page.FillAsync("#a-RecordEvaluation-Text", Assessment);
        });
        await DoAsync(page, "Close", () => page.FillAsync("#a-Close-Text", Conclusion));

        (await page.Locator("main").InnerTextAsync()).Should().Contain("Avsluttet");
        await page.Context.CloseAsync();
    }

    /// <summary>(c) siri.9a sees every step in order, and the audit log with its chain verified intact.</summary>
    private async Task SchoolOwnerTeamReadsTheHistoryAsync(string caseUrl)
    {
        var page = await _app.NewPageAsync("siri.9a");
        await page.GotoAsync(caseUrl);

        var timeline = await page.Locator("[data-testid=timeline]").InnerTextAsync();
        timeline.Should().ContainAll("Bekymring meldt", "Rektor varslet", "Undersøkelse startet", "Elevens stemme", "Aktivitetsplan vedtatt",
            "Evaluering startet", "Evaluering", "Saken avsluttet");
        InOrder(timeline, "Bekymring meldt", WhatHappened, "Rektor varslet", "Undersøkelse startet", HowToInvestigate, "Elevens stemme", PupilVoice,
            "Aktivitetsplan vedtatt", "Evaluering startet", Assessment, PupilSaysSafe, "Saken avsluttet", Conclusion);
        (await page.Locator("main").InnerTextAsync()).Should().Contain(Measure, "the adopted plan is shown");

        await page.GotoAsync(caseUrl + "/logg");
        var verification = page.Locator("[data-testid=chain-verification]");
        (await verification.InnerTextAsync()).Should().Contain("intakt");
        (await verification.GetAttributeAsync("data-intact")).Should().Be("true");
        await page.Context.CloseAsync();
    }

    private static async Task OpenAsync(IPage page, string trigger)
    {
        var details = page.Locator($"#action-{trigger}");
        (await details.CountAsync()).Should().Be(1, $"{trigger} should be offered");
        if (await details.GetAttributeAsync("open") is null) await page.ClickAsync($"#action-{trigger} > summary");
    }

    /// <summary>Opens the step's form, fills it, sends it and waits for the page to say it was saved.</summary>
    private static async Task DoAsync(IPage page, string trigger, Func<Task> fill)
    {
        await OpenAsync(page, trigger);
        await fill();
        await page.ClickAsync($"#action-{trigger} button[type=submit]");
        await page.WaitForURLAsync(new Regex($"utfort={trigger}$"));
        (await page.Locator("[data-testid=action-done]").CountAsync()).Should().Be(1, $"{trigger} should be saved");
    }

    private static void InOrder(string text, params string[] parts)
    {
        var at = 0;
        foreach (var part in parts)
        {
            var found = text.IndexOf(part, at, StringComparison.Ordinal);
            found.Should().BeGreaterThanOrEqualTo(0, $"'{part}' should come after what went before it in the timeline:\n{text}");
            at = found + part.Length;
        }
    }
}
