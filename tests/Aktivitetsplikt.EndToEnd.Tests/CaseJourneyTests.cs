using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Aktivitetsplikt.EndToEnd.Tests;

/// <summary>
/// One case through the browser, as the three roles meet it: the teacher reports, the principal
/// investigates and writes the plan in the plan editor, a case with a plan is evaluated and closed, and the § 9A team reads the whole history.
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
    private const string ParentsView = "Foreldrene sier at hun gleder seg til skolen igjen.";
    private const string MeasureAssessment = "Voksen i garderoben hver dag har gitt ro der.";
    private const string Conclusion = "Sofie har et trygt og godt skolemiljø; bekreftet av Sofie og foreldrene.";

    private readonly AppServer _app;

    public CaseJourneyTests(AppServer app) => _app = app;

    [Fact]
    public async Task Concern_IsInvestigatedOnTheInteractivePage_ACaseWithAPlanIsEvaluatedAndClosed_AndTheTeamSeesItAll()
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
        await page.WaitForSelectorAsync("form[data-interactive=true]");
        await page.SelectOptionAsync("#f-PupilId", new SelectOptionValue { Label = "Sofie Andersen (6A)" });
        await page.FillAsync("#f-WhatHappened", WhatHappened);
        await page.SelectOptionAsync("#f-Location", "Other");
        await page.CheckAsync("#f-NotifyPrincipalNow");
        await page.ClickAsync("button:has-text('Send bekymringsmelding')");

        await page.WaitForURLAsync(new Regex("/meld/kvittering/"));
        await page.WaitForSelectorAsync("h1:has-text('Bekymringen er registrert')");
        var receipt = await page.Locator("main").InnerTextAsync();
        receipt.Should().Contain("Bekymringen er registrert").And.MatchRegex(@"Saksnummer: \d{4}-\d{4}");
        receipt.Should().Contain("Rektor varslet");
        var href = await page.Locator("a:has-text('Åpne saken')").GetAttributeAsync("href");
        await page.Context.CloseAsync();
        return href!;
    }

    /// <summary>
    /// (b) randi.rektor works on the interactive case page: each step is the primary action in turn, is sent through
    /// the circuit and the page updates in place; a refusal keeps the text. The plan is made in the plan editor, a page
    /// of its own (/saker/{id}/plan/ny); until it lands here the journey evaluates and closes Jakob's demo case, whose plan exists.
    /// </summary>
    private async Task PrincipalHandlesTheCaseAsync(string caseUrl)
    {
        var page = await _app.NewPageAsync("randi.rektor");
        await OpenInteractiveAsync(page, caseUrl);

        (await PrimaryAsync(page)).Should().Be("StartInvestigation");
        await DoAsync(page, "StartInvestigation", () => page.FillAsync("#a-StartInvestigation-HowToInvestigate", HowToInvestigate));
        (await PrimaryAsync(page)).Should().Be("RecordPupilVoice", "the pupil must be heard");

        await page.FillAsync("#a-RecordPupilVoice-WhatWasSaid", PupilVoice);
        await page.ClickAsync("#action-RecordPupilVoice button[type=submit]");
        (await page.Locator("#action-RecordPupilVoice [data-testid=action-error]").InnerTextAsync()).Should().Contain("Velg hva eleven sier: er skolemiljøet trygt og godt eller ikke?");
        (await page.InputValueAsync("#a-RecordPupilVoice-WhatWasSaid")).Should().Be(PupilVoice, "what the principal wrote is kept");
        await DoAsync(page, "RecordPupilVoice", () => page.CheckAsync("#a-RecordPupilVoice-View"));

        (await page.Locator("#action-Close").CountAsync()).Should().Be(0, "the pupil is not safe, so closing is not offered");
        (await PrimaryAsync(page)).Should().Be("AdoptPlan");
        (await page.Locator("[data-primary=true] a").GetAttributeAsync("href")).Should().Be(caseUrl + "/plan/ny");
        (await page.Locator("[data-testid=timeline]").InnerTextAsync()).Should().Contain(PupilVoice, "the page updated in place");

        // The plan is written on its own page: refused with the row named, nothing typed lost, then adopted.
        await page.ClickAsync("[data-primary=true] a");
        await page.WaitForURLAsync(new Regex("/plan/ny$"));
        await page.Locator("[data-testid=plan-submit]:not([disabled])").WaitForAsync();
        await page.FillAsync("#plan-Problem", Problem);
        await page.FillAsync("#plan-Measures-0-Description", Measure);
        await page.FillAsync("#plan-Measures-0-When", "Alle gymtimer fra mandag");
        await page.ClickAsync("[data-testid=plan-submit]");
        var refusal = await page.Locator("[data-testid=error-summary]").InnerTextAsync();
        refusal.Should().Contain("d) hvem som skal gjennomføre tiltakene").And.Contain("Tiltak 1: mangler hvem som skal gjennomføre tiltaket.");
        (await page.InputValueAsync("#plan-Problem")).Should().Be(Problem, "what the principal wrote is kept");
        (await page.InputValueAsync("#plan-Measures-0-Description")).Should().Be(Measure);

        await page.SelectOptionAsync("#plan-Measures-0-Responsible", "external");
        await page.FillAsync("#plan-Measures-0-ExternalName", "Kari Lærer, kontaktlærer");
        await page.ClickAsync("[data-testid=plan-submit]");
        await page.WaitForURLAsync(new Regex("utfort=AdoptPlan$"));
        await page.Locator("#actions[data-interactive=true]").WaitForAsync();
        (await page.Locator("section#plan").InnerTextAsync()).Should().Contain(Measure, "the adopted plan is shown on the case page");
        await page.Context.CloseAsync();

        await EvaluatesAndClosesJakobsCaseAsync();
    }

    private async Task EvaluatesAndClosesJakobsCaseAsync()
    {
        var page = await _app.NewPageAsync("randi.rektor");
        await page.GotoAsync("/saker");
        var jakob = await page.Locator("tr:has-text('Jakob') a").First.GetAttributeAsync("href");
        await OpenInteractiveAsync(page, jakob!);

        (await PrimaryAsync(page)).Should().Be("StartEvaluation");
        await DoAsync(page, "StartEvaluation", () => Task.CompletedTask);
        await DoAsync(page, "RecordEvaluation", async () =>
        {
            await page.CheckAsync("#a-RecordEvaluation-PupilView-safe");
            await page.FillAsync("#a-RecordEvaluation-PupilViewText", PupilSaysSafe);
            await page.FillAsync("#a-RecordEvaluation-ParentsView", ParentsView);
            // The evaluation assesses each measure of the plan, not only the whole.
            foreach (var measure in await page.Locator("textarea[id^='a-RecordEvaluation-Measure-']").AllAsync())
                await measure.FillAsync(MeasureAssessment);
            await page.FillAsync("#a-RecordEvaluation-Assessment", Assessment);
        });
        // Closing asks for every measure's final status first: each open measure is recorded as carried out.
        var open = page.Locator("#a-RecordMeasureProgress-MeasureKey option:not([value=''])");
        for (var remaining = await open.CountAsync(); remaining > 0; remaining = await open.CountAsync())
        {
            var key = await open.First.GetAttributeAsync("value");
            await DoAsync(page, "RecordMeasureProgress", async () =>
            {
                await page.SelectOptionAsync("#a-RecordMeasureProgress-MeasureKey", key!);
                await page.SelectOptionAsync("#a-RecordMeasureProgress-Status", "Done");
            });
            // The list is re-rendered once the step is saved: a measure carried out is no longer offered.
            await page.Locator($"#a-RecordMeasureProgress-MeasureKey option[value='{key}']")
                .WaitForAsync(new() { State = WaitForSelectorState.Detached });
        }
        (await PrimaryAsync(page)).Should().Be("Close", "the evaluation says the pupil is safe and every measure is carried out");
        await DoAsync(page, "Close", () => page.FillAsync("#a-Close-Conclusion", Conclusion));

        (await page.Locator("main").InnerTextAsync()).Should().Contain("Avsluttet");
        var timeline = await page.Locator("[data-testid=timeline]").InnerTextAsync();
        InOrder(timeline, "Evaluering startet", Assessment, PupilSaysSafe, "Saken avsluttet", Conclusion);
        timeline.Should().Contain(ParentsView).And.Contain(MeasureAssessment, "the parents' view and each measure's assessment are on the record");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task OneViewOfTheInteractiveCasePage_IsOneReadInTheAuditLog()
    {
        var page = await _app.NewPageAsync("randi.rektor");
        await page.GotoAsync("/saker");
        var olivia = (await page.Locator("tr:has-text('Olivia') a").First.GetAttributeAsync("href"))!;
        var before = await ReadsAsync(page, olivia);

        await OpenInteractiveAsync(page, olivia);
        await page.WaitForTimeoutAsync(500);

        (await ReadsAsync(page, olivia)).Should().Be(before + 1, "the circuit takes the case read while prerendering instead of reading it again");
        await page.Context.CloseAsync();
    }

    private static async Task<int> ReadsAsync(IPage page, string caseUrl)
    {
        await page.GotoAsync(caseUrl + "/logg");
        return await page.Locator("td[data-action=ViewCase]").CountAsync();
    }

    /// <summary>(c) siri.9a sees every step in order, and the audit log with its chain verified intact.</summary>
    private async Task SchoolOwnerTeamReadsTheHistoryAsync(string caseUrl)
    {
        var page = await _app.NewPageAsync("siri.9a");
        await page.GotoAsync(caseUrl);

        var timeline = await page.Locator("[data-testid=timeline]").InnerTextAsync();
        timeline.Should().ContainAll("Bekymring meldt", "Rektor varslet", "Undersøkelse startet", "Elevens stemme");
        InOrder(timeline, "Bekymring meldt", WhatHappened, "Rektor varslet", "Undersøkelse startet", HowToInvestigate, "Elevens stemme", PupilVoice);

        await page.GotoAsync(caseUrl + "/logg");
        var verification = page.Locator("[data-testid=chain-verification]");
        (await verification.InnerTextAsync()).Should().Contain("intakt");
        (await verification.GetAttributeAsync("data-intact")).Should().Be("true");
        await page.Context.CloseAsync();
    }

    /// <summary>Opens the case page and waits until its circuit runs it (the panel says so once interactive).</summary>
    private static async Task OpenInteractiveAsync(IPage page, string caseUrl)
    {
        await page.GotoAsync(caseUrl);
        await page.Locator("#actions[data-interactive=true]").WaitForAsync();
    }

    private static Task<string?> PrimaryAsync(IPage page) => page.Locator("[data-primary=true]").GetAttributeAsync("data-trigger");

    /// <summary>Opens the step's form unless it is the primary one, fills it, sends it, and waits for the page to say it was saved.</summary>
    private static async Task DoAsync(IPage page, string trigger, Func<Task> fill)
    {
        var step = page.Locator($"#action-{trigger}");
        (await step.CountAsync()).Should().Be(1, $"{trigger} should be offered");
        if (await step.GetAttributeAsync("data-primary") is null)
        {
            var group = page.Locator($"details.step-group:has(#action-{trigger})");
            if (await group.GetAttributeAsync("open") is null) await group.Locator("> summary").ClickAsync();
            if (await step.GetAttributeAsync("open") is null) await page.ClickAsync($"#action-{trigger} > summary");
        }
        await fill();
        // Named before the click: a step that moves the case on is no longer offered once it is done.
        var name = await StepNameAsync(page, trigger);
        await page.ClickAsync($"#action-{trigger} button[type=submit]");
        await page.Locator("[data-testid=action-done]").Filter(new() { HasText = name }).WaitForAsync();
    }

    private static async Task<string> StepNameAsync(IPage page, string trigger) =>
        (await page.Locator($"#action-{trigger} button[type=submit]").InnerTextAsync()).Trim();

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
