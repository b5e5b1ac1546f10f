using Xunit.Abstractions;

namespace Aktivitetsplikt.EndToEnd.Tests;

/// <summary>
/// The every-page check of <see cref="MainPageTests"/> for the pages only reached by signing in with ID-porten (a guardian
/// has no password): the family's list and case page as Marte Larsen, Jakob's mother in the demo data, signed in through the
/// real OpenID provider; and the sign-in page as it is when Feide and ID-porten are on. Axe at 1366, 390 and 360 px, no sideways
/// scroll, screenshots (scripts/screenshots.sh runs these with MainPageTests).
/// </summary>
[Collection(OidcCollection.Name)]
public sealed class FamilyMainPageTests(OidcApp oidc, ITestOutputHelper output)
{
    private static readonly (string Path, string? IdPortenLogin, string Name)[] FamilyPages =
    [
        ("/logg-inn", null, "login-feide-idporten"),
        ("/familie", "marte.larsen", "familie"),
        ("{familiesak}", "marte.larsen", "familie-sak"),
    ];

    /// <summary>The pupil's own pages (ADR 021), signed in with Feide as Jakob, and the page a pupil below the school's grade gets.</summary>
    private static readonly (string Path, string? FeideLogin, string Name)[] PupilPages =
    [
        ("/familie", "jakob.larsen", "elev"),
        ("{familiesak}", "jakob.larsen", "elev-sak"),
        ("/logg-inn/elev", null, "login-elev-avvist"),
    ];

    public static TheoryData<string, string?, string, int> Pages()
    {
        var data = new TheoryData<string, string?, string, int>();
        foreach (var (path, login, name) in FamilyPages)
            foreach (var width in MainPageTests.Widths)
                data.Add(path, login, name, width);
        return data;
    }

    public static TheoryData<string, string?, string, int> PupilPageRows()
    {
        var data = new TheoryData<string, string?, string, int>();
        foreach (var (path, login, name) in PupilPages)
            foreach (var width in new[] { 1366, 390, 360 })
                data.Add(path, login, name, width);
        return data;
    }

    [Theory]
    [MemberData(nameof(PupilPageRows))]
    public async Task PupilPage_HasNoSeriousOrCriticalAxeViolations_DoesNotScrollSideways_AndIsScreenshotted(string path, string? feideLogin, string name, int width)
    {
        var page = await oidc.App.NewPageAsync(null);
        if (feideLogin is not null)
        {
            await oidc.SignInAsync(page, "sign-in-feide", feideLogin);
            await oidc.ExpectAtAsync(page, "/familie");
        }
        await page.SetViewportSizeAsync(width, width > 1000 ? 900 : 844);
        if (path == "{familiesak}")
            path = (await page.Locator("[data-testid=family-case-link]").First.GetAttributeAsync("href"))!;

        await MainPageTests.CheckAsync(page, path, name, width, 200, $"{feideLogin ?? "anyone"} may open {path}", output);
        await page.Context.CloseAsync();
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task FamilyPage_HasNoSeriousOrCriticalAxeViolations_DoesNotScrollSideways_AndIsScreenshotted(string path, string? idPortenLogin, string name, int width)
    {
        var page = await oidc.App.NewPageAsync(null);
        if (idPortenLogin is not null)
        {
            await oidc.SignInAsync(page, "sign-in-idporten", idPortenLogin);
            await oidc.ExpectAtAsync(page, "/familie");
        }
        await page.SetViewportSizeAsync(width, width > 1000 ? 900 : 844);
        if (path == "{familiesak}")
            path = (await page.Locator("[data-testid=family-case-link]").First.GetAttributeAsync("href"))!;

        await MainPageTests.CheckAsync(page, path, name, width, 200, $"{idPortenLogin ?? "anyone"} may open {path}", output);
        await page.Context.CloseAsync();
    }
}
