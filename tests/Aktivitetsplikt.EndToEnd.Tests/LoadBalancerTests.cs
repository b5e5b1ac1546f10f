using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Aktivitetsplikt.EndToEnd.Tests;

/// <summary>
/// Several instances behind a load balancer (docs/deployment.md): nginx keeps a browser's Blazor circuit on one instance
/// (affinity on /_blazor), while every other request may go to either instance, which works because the instances share
/// the data-protection keys and the database. On one shared SQLite file here; on PostgreSQL in <see cref="LoadBalancerOnPostgreSqlTests"/>.
/// </summary>
[Collection(TwoInstancesCollection.Name)]
public sealed class LoadBalancerTests(TwoInstances lb) : LoadBalancerChecks(lb)
{
    [Fact]
    public Task ASignedInUsersCircuit_StaysOnOneInstanceThroughManyInteractions_WhilePlainRequestsLandOnBoth() => CircuitStaysWhilePlainRequestsSpreadAsync();

    [Fact]
    public Task AnAntiforgeryTokenAndASignInCookie_MadeByOneInstance_AreAcceptedByTheOther() => TokensCrossInstancesAsync();
}

/// <summary>The same on PostgreSQL (tests/run.sh's second pass): the instances share the database and its key ring.</summary>
[Collection(TwoInstancesOnPostgreSqlCollection.Name)]
[Trait("Provider", "PostgreSqlOnly")]
public sealed class LoadBalancerOnPostgreSqlTests(TwoInstancesOnPostgreSql lb) : LoadBalancerChecks(lb)
{
    [PostgreSqlFact]
    public Task ASignedInUsersCircuit_StaysOnOneInstanceThroughManyInteractions_WhilePlainRequestsLandOnBoth() => CircuitStaysWhilePlainRequestsSpreadAsync();

    [PostgreSqlFact]
    public Task AnAntiforgeryTokenAndASignInCookie_MadeByOneInstance_AreAcceptedByTheOther() => TokensCrossInstancesAsync();
}

/// <summary>The health probes of both instances while their PostgreSQL database cannot be reached, and after (docs/deployment.md).</summary>
[Collection(DatabaseOutageCollection.Name)]
[Trait("Provider", "PostgreSqlOnly")]
public sealed class DatabaseOutageTests(TwoInstancesOnPostgreSql lb)
{
    [PostgreSqlFact]
    public async Task WhileTheDatabaseIsUnreachable_ReadyzIsUnavailableOnBothInstances_HealthzStaysUp_AndBothAreReadyAgainAfterwards()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        foreach (var instance in new[] { lb.InstanceUrl(0), lb.InstanceUrl(1) })
            (await http.GetAsync(instance + "/readyz")).StatusCode.Should().Be(HttpStatusCode.OK, $"{instance} is ready before the outage");

        await lb.SetDatabaseReachableAsync(false);
        try
        {
            foreach (var instance in new[] { lb.InstanceUrl(0), lb.InstanceUrl(1) })
            {
                using var ready = await http.GetAsync(instance + "/readyz");
                ready.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable, $"{instance} cannot serve without its database");
                (await ready.Content.ReadAsStringAsync()).Should().Be("Unhealthy", "a plain word, no exception text");
                using var live = await http.GetAsync(instance + "/healthz");
                live.StatusCode.Should().Be(HttpStatusCode.OK, $"{instance}'s process is alive: restarting it would not bring the database back");
                (await live.Content.ReadAsStringAsync()).Should().Be("Healthy");
            }
            (await http.GetAsync(lb.BaseUrl + "/healthz")).StatusCode.Should().Be(HttpStatusCode.OK, "nginx still reaches a live instance");
        }
        finally
        {
            await lb.SetDatabaseReachableAsync(true);
        }

        foreach (var instance in new[] { lb.InstanceUrl(0), lb.InstanceUrl(1) })
        {
            var status = HttpStatusCode.ServiceUnavailable;
            for (var deadline = DateTime.UtcNow.AddSeconds(30); status != HttpStatusCode.OK && DateTime.UtcNow < deadline; await Task.Delay(200))
                status = (await http.GetAsync(instance + "/readyz")).StatusCode;
            status.Should().Be(HttpStatusCode.OK, $"{instance} is ready again once the database answers, without a restart");
        }
    }
}

/// <summary>What a load balancer in front of two instances must give, checked the same way on either storage provider.</summary>
public abstract class LoadBalancerChecks(TwoInstances lb)
{
    private const int Interactions = 12;
    private const int PlainRequests = 8;

    /// <summary>
    /// Past nginx, straight to each instance: the sign-in form (and its antiforgery cookie and token) from the first instance
    /// is posted to the second, which signs the user in; the first reads the sign-in cookie the second made.
    /// </summary>
    protected async Task TokensCrossInstancesAsync()
    {
        var cookies = new CookieContainer();
        HttpClient Instance(int index) => new(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false })
        {
            BaseAddress = new Uri(lb.InstanceUrl(index)),
        };
        using var first = Instance(0);
        using var second = Instance(1);

        var form = await first.GetStringAsync("/logg-inn");
        using var signIn = await second.PostAsync("/logg-inn", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = Field(form, "_handler"),
            ["__RequestVerificationToken"] = Field(form, "__RequestVerificationToken"),
            ["Form.UserName"] = "randi.rektor",
            ["Form.Password"] = AppServer.DemoPassword,
        }));
        signIn.StatusCode.Should().Be(HttpStatusCode.Redirect, "the second instance accepted the first one's antiforgery token");
        signIn.Headers.Location!.OriginalString.Should().NotContain("logg-inn");

        using var list = await first.GetAsync("/saker");
        list.StatusCode.Should().Be(HttpStatusCode.OK, "the first instance reads the sign-in cookie the second made");
        (await list.Content.ReadAsStringAsync()).Should().Contain("Randi Rektor");
    }

    protected async Task CircuitStaysWhilePlainRequestsSpreadAsync()
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

    private static string Field(string html, string name) =>
        WebUtility.HtmlDecode(Regex.Match(html, $"name=\"{Regex.Escape(name)}\"[^>]*value=\"([^\"]*)\"").Groups[1].Value);

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
