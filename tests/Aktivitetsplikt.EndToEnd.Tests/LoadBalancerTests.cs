using Microsoft.Playwright;

namespace Aktivitetsplikt.EndToEnd.Tests;

/// <summary>
/// Several instances behind a load balancer (docs/deployment.md): nginx keeps a browser's Blazor circuit on one instance
/// (affinity on /_blazor), while every other request may go to either instance, which works because the instances share
/// the data-protection keys and the database.
/// </summary>
[Collection(TwoInstancesCollection.Name)]
public sealed class LoadBalancerTests(TwoInstances lb)
{
    private const int Interactions = 12;
    private const int PlainRequests = 8;

    [Fact]
    public async Task ASignedInUsersCircuit_StaysOnOneInstanceThroughManyInteractions_WhilePlainRequestsLandOnBoth()
    {
        var page = await lb.SignedInPageAsync("randi.rektor");
        await page.GotoAsync("/saker");
        var olivia = (await page.Locator("tr:has-text('Olivia') a").First.GetAttributeAsync("href"))!;
        await page.GotoAsync(olivia);
        await page.Locator("#actions[data-interactive=true]").WaitForAsync();
        var route = (await page.Context.CookiesAsync()).Single(c => c.Name == "aktivitetsplikt_route").Value;

        // Each comment goes through the circuit and comes back on the page, without a reload.
        for (var i = 1; i <= Interactions; i++)
        {
            var comment = $"Oppfølging {i} av {Interactions} gjennom lastbalansereren.";
            await OpenStepAsync(page, "AddComment");
            await page.FillAsync("#a-AddComment-Comment", comment);
            await page.ClickAsync("#action-AddComment button[type=submit]");
            await page.Locator("[data-testid=timeline]").Filter(new() { HasText = comment }).WaitForAsync();
        }
        (await page.Locator("#components-reconnect-modal").IsVisibleAsync()).Should().BeFalse("the circuit never lost its instance");

        // Plain requests with the same cookies: round robin, both instances read the sign-in cookie.
        for (var i = 0; i < PlainRequests; i++)
        {
            var response = await page.Context.APIRequest.GetAsync("/saker");
            response.Status.Should().Be(200);
            (await response.TextAsync()).Should().Contain("Randi Rektor", "the user is signed in on whichever instance answers");
        }
        await page.Context.CloseAsync();

        // nginx writes a WebSocket's line when it closes.
        var log = await LogWhenAsync(l => l.Any(r => r.RouteCookie == route && r.Path.StartsWith("/_blazor", StringComparison.Ordinal) && r.Status == 101));
        var circuit = log.Where(r => r.RouteCookie == route && r.Path.StartsWith("/_blazor", StringComparison.Ordinal)).ToList();
        circuit.Should().NotBeEmpty();
        circuit.Select(r => r.Upstream).Distinct().Should().ContainSingle("every request of the circuit (negotiate, WebSocket) reached one instance");
        circuit.Count(r => r.Status == 101).Should().Be(1, "one WebSocket carried all the interactions: no reconnect");
        var pages = log.Where(r => r.RouteCookie == route && r.Path == "/saker" && r.Method == "GET").ToList();
        pages.Should().HaveCountGreaterThanOrEqualTo(PlainRequests);
        pages.Select(r => r.Upstream).Distinct().Should().BeEquivalentTo(lb.Instances, "plain requests are spread over both instances");
        // 499 is nginx's "the client went away": the closing browser's disconnect beacon, not an instance failing.
        log.Where(r => r.RouteCookie == route && r.Status != 499).Should().OnlyContain(r => r.Status < 400, "nothing failed on either instance");
    }

    private static async Task OpenStepAsync(IPage page, string trigger)
    {
        var group = page.Locator($"details.step-group:has(#action-{trigger})");
        if (await group.GetAttributeAsync("open") is null) await group.Locator("> summary").ClickAsync();
        if (await page.Locator($"#action-{trigger}").GetAttributeAsync("open") is null) await page.ClickAsync($"#action-{trigger} > summary");
    }

    private async Task<IReadOnlyList<ProxiedRequest>> LogWhenAsync(Func<IReadOnlyList<ProxiedRequest>, bool> done)
    {
        for (var attempt = 0; ; attempt++)
        {
            var log = lb.AccessLog();
            if (done(log) || attempt == 50) return log;
            await Task.Delay(200);
        }
    }
}
