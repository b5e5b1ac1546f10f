using Microsoft.Playwright;

namespace Aktivitetsplikt.EndToEnd.Tests;

/// <summary>
/// The family's whole flow in Chromium against the real OpenID provider (<see cref="OidcApp"/>): Marte Larsen, registered
/// as Jakob's mother in the demo data, signs in with ID-porten, reads Jakob's case (the plan as the family's masked copy,
/// no staff text), gives the family's view, asks for a meeting and says she disagrees with the plan; the principal, signed
/// in with Feide, finds all three in the inbox and under "Fra familien" on the case page. Another pupil's case is a 404.
/// </summary>
[Collection(OidcCollection.Name)]
public sealed class FamilyFlowTests(OidcApp oidc)
{
    private const string ParentsView = "Vi mener voksne må være i garderoben også etter svømming.";
    private const string PupilViewAsTold = "Jakob sier at han gruer seg til gym hver tirsdag.";
    private const string MeetingAbout = "Vi vil gjerne snakke om gymtimene og veien hjem.";
    private const string DisagreeWhy = "Dyttingen skjer også på vei hjem fra gym, og det står ikke noe om det i planen.";

    private AppServer App => oidc.App;

    [Fact]
    public async Task Parent_SignedInWithIdPorten_ReadsTheMaskedPlan_GivesTheirView_AsksForAMeeting_AndDisagrees_AndThePrincipalSeesAllThree()
    {
        var principal = await App.NewPageAsync(null);
        await oidc.SignInAsync(principal, "sign-in-feide", "randi.rektor");
        await oidc.ExpectAtAsync(principal, "/");
        var jakobsCase = await CaseUrlAsync(principal, "Jakob Larsen");
        var emmasCase = await CaseUrlAsync(principal, "Emma Hansen");
        var familyNotificationsBefore = await FamilyNotificationsAsync(principal, jakobsCase);

        var parent = await App.NewPageAsync(null);
        await parent.SetViewportSizeAsync(390, 844);
        await oidc.SignInAsync(parent, "sign-in-idporten", "marte.larsen");
        await oidc.ExpectAtAsync(parent, "/familie");
        await parent.Locator("[data-testid=family-case-link]").First.ClickAsync();
        await oidc.ExpectAtAsync(parent, "/familie/sak/" + CaseId(jakobsCase));

        await Assertions.Expect(parent.Locator("h1")).ToHaveTextAsync("Saken om Jakob");
        var plan = parent.Locator("[data-testid=family-plan]");
        await Assertions.Expect(plan).ToContainTextAsync("Voksen til stede i garderoben før og etter gym");
        await Assertions.Expect(plan).ToContainTextAsync("[navn skjult]");
        var shown = await parent.Locator("main").TextContentAsync();
        shown.Should().NotContain("Filip").And.NotContain("Sofie", "the plan names two other pupils, masked in the family's copy");
        shown.Should().NotContain("Observasjon bekrefter", "the finding is the staff's text")
            .And.NotContain("Gikk inn i garderoben og stoppet dyttingen", "so is the intervention's");

        await parent.FillAsync("#f-ParentsView", ParentsView);
        await parent.FillAsync("#f-PupilViewAsTold", PupilViewAsTold);
        await parent.Locator("#f-PupilFeels-NotSafe").CheckAsync();
        await parent.Locator("[data-testid=family-view-form] button[type=submit]").ClickAsync();
        await Assertions.Expect(parent.Locator("[data-testid=family-sent]")).ToContainTextAsync("Deres syn er lagret i saken");
        await Assertions.Expect(parent.Locator("[data-testid=family-timeline]")).ToContainTextAsync(ParentsView);

        await parent.FillAsync("#f-About", MeetingAbout);
        await parent.FillAsync("#f-WhenSuits", "Tirsdager etter kl. 15");
        await parent.Locator("[data-testid=family-meeting-form] button[type=submit]").ClickAsync();
        await Assertions.Expect(parent.Locator("[data-testid=family-sent]")).ToContainTextAsync("dere ønsker et møte");

        await parent.FillAsync("#f-WithWhat", "Voksen til stede i garderoben før og etter gym");
        await parent.FillAsync("#f-Why", DisagreeWhy);
        await parent.Locator("[data-testid=family-disagree-form] button[type=submit]").ClickAsync();
        await Assertions.Expect(parent.Locator("[data-testid=family-sent]")).ToContainTextAsync("Det dere er uenige i, er lagret i saken");

        // Another pupil's case, by its address: the same 404 as a case that does not exist, naming nobody.
        var other = await parent.GotoAsync(App.BaseUrl + "/familie/sak/" + CaseId(emmasCase));
        other!.Status.Should().Be(404);
        await Assertions.Expect(parent.Locator("h1")).ToHaveTextAsync("Fant ikke siden, eller du har ikke tilgang");
        (await parent.Locator("main").TextContentAsync()).Should().NotContain("Emma");
        await parent.GotoAsync(App.BaseUrl + jakobsCase);
        parent.Url.Should().Contain("/ingen-tilgang", "the staff's case page is not the family's");
        await parent.Context.CloseAsync();

        (await FamilyNotificationsAsync(principal, jakobsCase)).Should().Be(familyNotificationsBefore + 3,
            "the view, the meeting request and the disagreement each tell the principal");
        await principal.GotoAsync(App.BaseUrl + jakobsCase);
        var fromFamily = principal.Locator("[data-testid=from-family]");
        foreach (var text in new[] { ParentsView, PupilViewAsTold, MeetingAbout, DisagreeWhy })
            await Assertions.Expect(fromFamily).ToContainTextAsync(text);
        await Assertions.Expect(fromFamily).ToContainTextAsync("Foresattes syn");
        await Assertions.Expect(fromFamily).ToContainTextAsync("Foresatte ber om møte");
        await Assertions.Expect(fromFamily).ToContainTextAsync("Foresatte er uenige i planen");
        await Assertions.Expect(fromFamily).ToContainTextAsync("fortalt av foresatt på familiesiden");
        await Assertions.Expect(fromFamily).ToContainTextAsync("Marte Larsen");
        await principal.Context.CloseAsync();
    }

    /// <summary>The staff's address of the pupil's case, from the case list.</summary>
    private async Task<string> CaseUrlAsync(IPage page, string pupil)
    {
        await page.GotoAsync(App.BaseUrl + "/saker");
        var href = await page.Locator("tr", new PageLocatorOptions { HasText = pupil }).Locator("a").First.GetAttributeAsync("href");
        return href!.TrimEnd('/');
    }

    private static string CaseId(string caseUrl) => caseUrl[(caseUrl.LastIndexOf('/') + 1)..];

    /// <summary>The principal's inbox items that tell of the family's input on this case.</summary>
    private async Task<int> FamilyNotificationsAsync(IPage page, string caseUrl)
    {
        await page.GotoAsync(App.BaseUrl + "/varsler");
        return await page.Locator("[data-testid=notifications] li[data-notification]",
                new PageLocatorOptions { HasText = "har sagt sin mening, bedt om møte" })
            .Filter(new LocatorFilterOptions { Has = page.Locator($"a[href='{caseUrl}']") })
            .CountAsync();
    }
}
