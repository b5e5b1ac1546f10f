using System.Diagnostics;
using System.Net;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Features.Account;
using Aktivitetsplikt.Web.Features.Demo;
using Aktivitetsplikt.Web.Features.Admin;
using Aktivitetsplikt.Web.Infrastructure;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aktivitetsplikt.Web.Tests.Http;

/// <summary>
/// The review's sign-in probes: user names could be told apart by the time a failure took (227 ms against 5 ms) and
/// by "locked" appearing only for real accounts, and anyone could lock a principal out with five wrong tries.
/// </summary>
public sealed class SignInThrottlingTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Message = "Feil brukernavn eller passord.";

    [Fact]
    public async Task FailedSignIn_TakesAsLongForAnUnknownUserNameAsForARealOne()
    {
        // Each try from an address of its own, so that the throttle never answers early; real and unknown alternate.
        for (var i = 0; i < 4; i++) await FailAsync(i % 2 == 0 ? "kari.laerer" : "ingen.slik");
        var real = new List<double>();
        var unknown = new List<double>();
        for (var i = 0; i < 30; i++)
        {
            real.Add(await FailAsync("randi.rektor"));
            unknown.Add(await FailAsync($"ukjent.{i}"));
        }

        var ratio = Median(unknown) / Median(real);
        ratio.Should().BeInRange(0.5, 2.0,
            $"a failure must not tell a real user name from an unknown one (medians: unknown {Median(unknown):F1} ms, real {Median(real):F1} ms)");
    }

    [Fact]
    public async Task RealUnknownAndDeactivatedUserNames_GetTheSameAnswer()
    {
        await DeactivateAsync("ola.sfo");
        var answers = new List<(HttpStatusCode Status, string Summary)>();
        foreach (var (user, password) in new[] { ("nina.laerer", "feil-passord-1"), ("finnes.ikke", "feil-passord-1"), ("ola.sfo", DemoData.Password) })
        {
            using var client = app.NewClient();
            var page = await client.SignInAsync(user, password);
            answers.Add((page.Status, page.Get("[data-testid=error-summary]").TextContent.Trim()));
        }

        answers.Distinct().Should().ContainSingle().Which.Should().Be((HttpStatusCode.OK, answers[0].Summary));
        answers[0].Summary.Should().Contain(Message);
    }

    [Fact]
    public async Task RepeatedFailures_AreThrottled_TheSameForARealAndAnUnknownUserName()
    {
        foreach (var user in new[] { "per.rektor", "per.rektorr" })
        {
            using var stranger = app.NewClient();
            for (var i = 1; i <= 5; i++)
                (await stranger.SignInAsync(user, $"gjetning-{i}")).Get("[data-testid=error-summary]").TextContent.Should().Contain(Message);

            var sixth = await stranger.SignInAsync(user, DemoData.Password);

            sixth.Status.Should().Be(HttpStatusCode.TooManyRequests, $"the sixth try for {user} from that address waits, whatever the password");
            sixth.Get("[data-testid=error-summary]").TextContent.Should().MatchRegex(@"For mange mislykte forsøk\. Vent \d+ sekunder og prøv igjen\.");
        }
    }

    [Fact]
    public async Task AStrangersFailures_DoNotKeepThePrincipalOut_FromTheirOwnAddress()
    {
        using var stranger = app.NewClient("198.51.100.7");
        for (var i = 1; i <= 8; i++) await stranger.SignInAsync("siri.9a", $"gjetning-{i}");
        (await stranger.SignInAsync("siri.9a", "gjetning-9")).Status.Should().Be(HttpStatusCode.TooManyRequests);

        using var principal = app.NewClient("203.0.113.20");
        var signIn = await principal.SignInAsync("siri.9a");

        signIn.Status.Should().Be(HttpStatusCode.Redirect, "the real user signs in from their own address while the stranger waits");
        signIn.Location.Should().Be("/");
    }

    [Fact]
    public async Task AFloodOfSignInPosts_FromOneAddress_IsStoppedWith429InNorwegian()
    {
        using var flooder = app.NewClient("192.0.2.99");
        var login = await flooder.GetAsync("/logg-inn");
        var statuses = new List<HttpStatusCode>();
        HtmlPage? refused = null;
        for (var i = 0; i < 70; i++)
        {
            var page = await flooder.SubmitAsync(login, "login", ("Form.UserName", ""), ("Form.Password", ""));
            statuses.Add(page.Status);
            if (page.Status == HttpStatusCode.TooManyRequests) refused ??= page;
        }

        statuses.Take(60).Should().OnlyContain(s => s == HttpStatusCode.OK, "a minute's worth of posts (60) is allowed from one address at once");
        statuses.Skip(60).Count(s => s == HttpStatusCode.TooManyRequests).Should().BeGreaterThanOrEqualTo(8, "then one more a second");
        refused!.Html.Should().Be("For mange innloggingsforsøk fra denne adressen. Vent et minutt og prøv igjen.");
        (await app.NewClient("192.0.2.100").GetAsync("/logg-inn")).Status.Should().Be(HttpStatusCode.OK, "another address is not limited");
    }

    [Fact]
    public async Task AHundredFailedSignIns_AddABoundedNumberOfRows()
    {
        var before = await RowsAsync();
        using (var sameName = app.NewClient("198.51.100.50"))
        {
            for (var i = 0; i < 100; i++) await sameName.SignInAsync("kari.laerer", $"gjetning-{i}");
        }
        var afterSameName = await RowsAsync();
        using (var manyNames = app.NewClient("198.51.100.51"))
        {
            for (var i = 0; i < 100; i++) await manyNames.SignInAsync($"bruker.{i}", "gjetning");
        }
        var afterManyNames = await RowsAsync();

        // One row (and audit entry) for the name's window and one for the throttled attempts; twice that if the run
        // happens to straddle the start of a 15-minute window.
        (afterSameName.Audit - before.Audit).Should().BeLessThanOrEqualTo(4);
        (afterSameName.Failures - before.Failures).Should().BeLessThanOrEqualTo(4);
        // Each new name is a row, until the address's free failures are used up; then attempts are throttled (counted on
        // the address's row) but for the odd one let through as a delay ends, and past 60 posts the rate limit answers.
        var bound = new SignInThrottleOptions().Address.FreeFailures + 6;
        (afterManyNames.Audit - afterSameName.Audit).Should().BeLessThanOrEqualTo(bound);
        (afterManyNames.Failures - afterSameName.Failures).Should().BeLessThanOrEqualTo(bound);
        var counted = await app.QueryAsync(db => db.SignInFailures.Where(w => w.Address == "198.51.100.50").SumAsync(w => w.Failures + w.Throttled));
        counted.Should().BeGreaterThan(0).And.BeLessThanOrEqualTo(100, "every attempt that passed the rate limit is counted, none twice");
    }

    [Fact]
    public async Task AnOverlongUserName_IsRefusedByTheField_BeforeAnythingIsStored()
    {
        var before = await RowsAsync();
        using var client = app.NewClient();

        var page = await client.SignInAsync(new string('a', 1_000_000), "passord-passord");

        page.Status.Should().Be(HttpStatusCode.OK);
        page.Text.Should().Contain("Brukernavnet kan ha høyst 100 tegn.");
        page.Html.Should().NotContain(new string('a', 101), "the typed name is not echoed back");
        (await RowsAsync()).Should().Be(before);
    }

    private async Task<double> FailAsync(string userName)
    {
        using var client = app.NewClient();
        var login = await client.GetAsync("/logg-inn");
        var stopwatch = Stopwatch.StartNew();
        var page = await client.SubmitAsync(login, "login", ("Form.UserName", userName), ("Form.Password", "ikke-passordet"));
        stopwatch.Stop();
        page.Status.Should().Be(HttpStatusCode.OK);
        return stopwatch.Elapsed.TotalMilliseconds;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return (sorted[(sorted.Count - 1) / 2] + sorted[sorted.Count / 2]) / 2;
    }

    private Task<(int Audit, int Failures)> RowsAsync() =>
        app.QueryAsync(async db => (await db.AuditEntries.CountAsync(), await db.SignInFailures.CountAsync()));

    private async Task DeactivateAsync(string userName)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var admin = await db.Users.AsNoTracking().SingleAsync(u => u.UserName == "arne.admin");
        scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAs(admin);
        await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new DeactivateUser.Command(await app.UserIdAsync(userName)));
    }
}
