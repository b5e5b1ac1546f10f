using Microsoft.Playwright;

namespace Aktivitetsplikt.EndToEnd.Tests;

/// <summary>
/// A pupil with Feide (ADR 021) in Chromium against the real OpenID provider (<see cref="OidcApp"/>): in the demo data Nordvik
/// skole lets pupils from grade 6 sign in. Jakob (6A) signs in with Feide, lands on his own cases, reads the plan as the
/// family's masked copy (no other pupil's name, no staff text, nothing his mother wrote, no letters), and gives his own view;
/// the principal, signed in with Feide, sees it on the case as the pupil's own. Emma (5A), linked to Feide too, is refused
/// with the Norwegian page and no session.
/// </summary>
[Collection(OidcCollection.Name)]
public sealed class PupilFlowTests(OidcApp oidc)
{
    private const string PupilsOwnView = "De gjemmer skoene mine etter gym, og ingen voksne ser det.";

    private AppServer App => oidc.App;

    [Fact]
    public async Task Pupil_SignedInWithFeide_ReadsTheirMaskedPlan_GivesTheirOwnView_AndThePrincipalSeesItAsThePupils()
    {
        var principal = await App.NewPageAsync(null);
        await oidc.SignInAsync(principal, "sign-in-feide", "randi.rektor");
        await oidc.ExpectAtAsync(principal, "/");
        await principal.GotoAsync(App.BaseUrl + "/saker");
        var jakobsCase = (await principal.Locator("tr", new PageLocatorOptions { HasText = "Jakob Larsen" }).Locator("a").First.GetAttributeAsync("href"))!.TrimEnd('/');

        var pupil = await App.NewPageAsync(null);
        await pupil.SetViewportSizeAsync(390, 844);
        await oidc.SignInAsync(pupil, "sign-in-feide", "jakob.larsen");
        await oidc.ExpectAtAsync(pupil, "/familie");
        await Assertions.Expect(pupil.Locator("h1")).ToHaveTextAsync("Mine saker");
        await Assertions.Expect(pupil.Locator("[data-testid=family-case-link]")).ToHaveCountAsync(1);
        await pupil.Locator("[data-testid=family-case-link]").ClickAsync();
        await oidc.ExpectAtAsync(pupil, "/familie/sak/" + jakobsCase[(jakobsCase.LastIndexOf('/') + 1)..]);

        await Assertions.Expect(pupil.Locator("h1")).ToHaveTextAsync("Saken din, Jakob");
        var plan = pupil.Locator("[data-testid=family-plan]");
        await Assertions.Expect(plan).ToContainTextAsync("Voksen til stede i garderoben før og etter gym");
        await Assertions.Expect(plan).ToContainTextAsync("[navn skjult]");
        var shown = await pupil.Locator("main").TextContentAsync();
        shown.Should().NotContain("Filip").And.NotContain("Sofie", "the plan names two other pupils, masked in the family's copy");
        shown.Should().NotContain("Observasjon bekrefter", "the finding is the staff's text");
        shown.Should().NotContain("Vi mener voksne må være i garderoben", "what the guardians wrote is theirs");
        await Assertions.Expect(pupil.Locator("[data-testid=family-letters]")).ToHaveCountAsync(0);
        await Assertions.Expect(pupil.Locator("[data-testid=family-disagree-form]")).ToHaveCountAsync(0);

        await pupil.FillAsync("#f-View", PupilsOwnView);
        await pupil.Locator("#f-Feels-NotSafe").CheckAsync();
        await pupil.Locator("[data-testid=pupil-view-form] button[type=submit]").ClickAsync();
        await Assertions.Expect(pupil.Locator("[data-testid=family-sent]")).ToContainTextAsync("Det du skrev, er lagret i saken");
        await Assertions.Expect(pupil.Locator("[data-testid=family-timeline]")).ToContainTextAsync(PupilsOwnView);
        await Assertions.Expect(pupil.Locator("[data-testid=family-timeline]")).ToContainTextAsync("Du sa: jeg har det ikke trygt og godt");

        // The staff's pages are not the pupil's.
        await pupil.GotoAsync(App.BaseUrl + jakobsCase);
        pupil.Url.Should().Contain("/ingen-tilgang");
        await pupil.Context.CloseAsync();

        await principal.GotoAsync(App.BaseUrl + jakobsCase);
        var fromFamily = principal.Locator("[data-testid=from-family]");
        await Assertions.Expect(fromFamily).ToContainTextAsync(PupilsOwnView);
        await Assertions.Expect(fromFamily).ToContainTextAsync("eleven selv, innlogget med Feide");
        await Assertions.Expect(fromFamily).ToContainTextAsync("Jakob Larsen");
        var voice = principal.Locator("[data-testid=timeline] li", new PageLocatorOptions { HasText = PupilsOwnView });
        await Assertions.Expect(voice.Locator("[data-testid=voice-source]")).ToContainTextAsync("eleven selv, innlogget med Feide");
        await principal.Context.CloseAsync();
    }

    [Fact]
    public async Task Pupil_BelowTheSchoolsLowestGrade_IsRefusedWithTheNorwegianPage_AndGetsNoSession()
    {
        var pupil = await App.NewPageAsync(null);

        await oidc.SignInAsync(pupil, "sign-in-feide", "emma.hansen");

        await oidc.ExpectAtAsync(pupil, "/logg-inn/elev");
        await Assertions.Expect(pupil.Locator("h1")).ToHaveTextAsync("Du kan ikke logge inn som elev ennå");
        await Assertions.Expect(pupil.Locator("[data-testid=external-pupil-refused]")).ToContainTextAsync("skolen din lar ikke elever på ditt trinn logge inn");
        await pupil.GotoAsync(App.BaseUrl + "/familie");
        pupil.Url.Should().Contain("/logg-inn", "no session was opened");
        await pupil.Context.CloseAsync();
    }
}
