using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Aktivitetsplikt.EndToEnd.Tests;

/// <summary>
/// The interactive concern form (/meld) in Chromium: on a phone, and when the connection to the server drops.
/// The circuit's WebSocket is routed through Playwright so that a test can cut it, and refuse new connections,
/// the way a train tunnel does; screenshots go to artifacts/screenshots/ (git-ignored).
/// </summary>
[Collection(AppCollection.Name)]
public sealed class ConcernFormTests(AppServer app)
{
    private const string BeforeTheDrop = "Sofie ble holdt utenfor i storefriminuttet.";
    private const string WhileOffline = " Skrevet mens forbindelsen var borte.";

    private static string Screenshot(string name)
    {
        var file = Path.Combine(AppServer.RepoRoot, "artifacts", "screenshots", name);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        return file;
    }

    private static async Task OpenFormAsync(IPage page)
    {
        await page.GotoAsync("/meld");
        await page.WaitForSelectorAsync("form[data-interactive=true]");
    }

    [Theory]
    [InlineData(390, 844)]
    [InlineData(1366, 900)]
    public async Task OnAPhoneAndADesktop_SearchChoosesThePupil_EveryMissingFieldIsShown_AndNothingScrollsSideways(int width, int height)
    {
        var page = await app.NewPageAsync("kari.laerer");
        await page.SetViewportSizeAsync(width, height);
        await OpenFormAsync(page);

        await page.FillAsync("#f-WhatHappened", BeforeTheDrop);
        await page.FillAsync("#f-OccurredAtUtc", "");
        await page.Locator("#pupil-search").PressSequentiallyAsync("sofie");
        await Assertions.Expect(page.Locator("[data-testid=pupil-count]")).ToHaveTextAsync("Én elev passer søket.");
        (await page.Locator("#f-PupilId option:checked").InnerTextAsync()).Should().Be("Sofie Andersen (6A)");
        (await page.InputValueAsync("#f-WhatHappened")).Should().Be(BeforeTheDrop, "searching keeps what was written");

        await page.ClickAsync("button:has-text('Send bekymringsmelding')");

        var summary = page.Locator("[data-testid=error-summary] li");
        await Assertions.Expect(summary).ToHaveTextAsync(["Skriv når det skjedde (dato og klokkeslett).", "Velg hvor det skjedde."]);
        (await page.EvaluateAsync<bool>("document.activeElement?.id === 'error-summary'")).Should().BeTrue("the summary takes the focus");
        (await page.EvaluateAsync<int>("document.documentElement.scrollWidth")).Should().BeLessThanOrEqualTo(width, "nothing may scroll sideways");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshot($"meld-{width}-feil.png"), FullPage = true });
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task WhenTheConnectionDrops_TheNorwegianReconnectMessageShows_TextTypedMeanwhileIsKept_AndSentAfterReconnecting()
    {
        var page = await app.NewPageAsync("kari.laerer");
        var connection = await CutOffAbleAsync(page);
        await OpenFormAsync(page);
        await page.SelectOptionAsync("#f-PupilId", new SelectOptionValue { Label = "Sofie Andersen (6A)" });
        await page.SelectOptionAsync("#f-Location", "Schoolyard");
        await page.FillAsync("#f-WhatHappened", BeforeTheDrop);

        await connection.CutAsync();
        var message = page.Locator("#components-reconnect-modal");
        await Assertions.Expect(message).ToBeVisibleAsync();
        await Assertions.Expect(message).ToContainTextAsync("Forbindelsen til serveren er brutt");
        await Assertions.Expect(message).ToContainTextAsync("Det du har skrevet, står fortsatt i skjemaet");
        await page.Locator("#f-WhatHappened").PressSequentiallyAsync(WhileOffline);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshot("meld-frakoblet.png"), FullPage = true });
        (await page.InputValueAsync("#f-WhatHappened")).Should().Be(BeforeTheDrop + WhileOffline);

        connection.Restore();
        await page.EvaluateAsync("Blazor.reconnect()");
        await Assertions.Expect(message).ToBeHiddenAsync(new() { Timeout = 30_000 });
        (await page.InputValueAsync("#f-WhatHappened")).Should().Be(BeforeTheDrop + WhileOffline, "reconnecting changes nothing typed");
        await page.ClickAsync("button:has-text('Send bekymringsmelding')");

        await page.WaitForURLAsync(new Regex("/meld/kvittering/"));
        await page.ClickAsync("a:has-text('Åpne saken')");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync(BeforeTheDrop + WhileOffline);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task AReloadAfterTheConnectionWasLost_GivesBackTheDraftFromTheTab_AndSendingForgetsIt()
    {
        var page = await app.NewPageAsync("kari.laerer");
        var connection = await CutOffAbleAsync(page);
        await OpenFormAsync(page);
        await page.FillAsync("#f-WhatHappened", BeforeTheDrop);
        await connection.CutAsync();
        await Assertions.Expect(page.Locator("#components-reconnect-modal")).ToBeVisibleAsync();
        await page.Locator("#f-WhatHappened").PressSequentiallyAsync(WhileOffline);

        connection.Restore();
        await page.ReloadAsync();
        await page.WaitForSelectorAsync("form[data-interactive=true]");

        await Assertions.Expect(page.Locator("[data-testid=draft-restored]")).ToBeVisibleAsync();
        (await page.InputValueAsync("#f-WhatHappened")).Should().Be(BeforeTheDrop + WhileOffline);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshot("meld-utkast.png"), FullPage = true });

        await page.SelectOptionAsync("#f-PupilId", new SelectOptionValue { Label = "Sofie Andersen (6A)" });
        await page.SelectOptionAsync("#f-Location", "Other");
        await page.ClickAsync("button:has-text('Send bekymringsmelding')");
        await page.WaitForURLAsync(new Regex("/meld/kvittering/"));
        await OpenFormAsync(page);
        (await page.InputValueAsync("#f-WhatHappened")).Should().BeEmpty("the draft is forgotten once the concern is sent");
        (await page.Locator("[data-testid=draft-restored]").CountAsync()).Should().Be(0);
        await page.Context.CloseAsync();
    }

    /// <summary>
    /// Routes the page's Blazor connection through Playwright: <see cref="Connection.CutAsync"/> closes the open
    /// WebSocket and refuses new connections (negotiation aborted, sockets closed at once) until <see cref="Connection.Restore"/>.
    /// </summary>
    private static async Task<Connection> CutOffAbleAsync(IPage page)
    {
        var connection = new Connection();
        await page.RouteAsync("**/_blazor/negotiate**", route => connection.IsCut ? route.AbortAsync("internetdisconnected") : route.ContinueAsync());
        await page.RouteWebSocketAsync(new Regex("/_blazor"), socket =>
        {
            if (connection.IsCut)
            {
                _ = socket.CloseAsync();
                return;
            }
            socket.ConnectToServer();
            connection.Open.Add(socket);
        });
        return connection;
    }

    private sealed class Connection
    {
        public List<IWebSocketRoute> Open { get; } = [];
        public bool IsCut { get; private set; }

        public async Task CutAsync()
        {
            IsCut = true;
            foreach (var socket in Open) await socket.CloseAsync();
            Open.Clear();
        }

        public void Restore() => IsCut = false;
    }
}
