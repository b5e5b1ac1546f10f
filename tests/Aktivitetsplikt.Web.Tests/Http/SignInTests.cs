using System.Net;
using Aktivitetsplikt.Web.Features.Demo;
using Microsoft.EntityFrameworkCore;

namespace Aktivitetsplikt.Web.Tests.Http;

public sealed class SignInTests : IClassFixture<AppFactory>
{
    private readonly AppFactory _app;

    public SignInTests(AppFactory app) => _app = app;

    public static TheoryData<string, string> DemoUsers()
    {
        var data = new TheoryData<string, string>();
        foreach (var user in DemoData.Users) data.Add(user.UserName, user.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(DemoUsers))]
    public async Task EveryDemoRole_SignsIn_AndLandsOnTheStartPageUnderTheirName(string userName, string displayName)
    {
        using var client = _app.NewClient();

        var signIn = await client.SignInAsync(userName);

        signIn.Status.Should().Be(HttpStatusCode.Redirect);
        signIn.Location.Should().Be("/");
        var home = await client.FollowAsync(signIn);
        home.Status.Should().Be(HttpStatusCode.OK);
        home.Get("[data-testid=signed-in-user]").TextContent.Should().Contain(displayName);
        home.Get("h1").TextContent.Should().Contain(displayName);
    }

    [Fact]
    public async Task WrongPassword_ShowsTheNorwegianMessage_AndKeepsTheUserName()
    {
        using var client = _app.NewClient();

        var result = await client.SignInAsync("nina.laerer", "feil-passord");

        result.Status.Should().Be(HttpStatusCode.OK);
        result.Get("[data-testid=error-summary]").TextContent.Should().Contain("Feil brukernavn eller passord.");
        result.Get("#f-UserName").GetAttribute("value").Should().Be("nina.laerer");
        result.Get("#f-Password").GetAttribute("value").Should().BeNullOrEmpty("a password is never echoed back");
        (await client.GetAsync("/")).LocationPath.Should().Be("/logg-inn", "nobody is signed in");
    }

    [Fact]
    public async Task UnknownUser_GetsTheSameMessageAsAWrongPassword()
    {
        using var client = _app.NewClient();

        var result = await client.SignInAsync("finnes.ikke", "Demo!2026");

        result.Status.Should().Be(HttpStatusCode.OK);
        result.Get("[data-testid=error-summary]").TextContent.Should().Contain("Feil brukernavn eller passord.");
    }

    [Fact]
    public async Task EmptyFields_AreNamedInNorwegian()
    {
        using var client = _app.NewClient();

        var result = await client.SignInAsync("", "");

        result.Status.Should().Be(HttpStatusCode.OK);
        result.Text.Should().Contain("Skriv brukernavnet ditt.").And.Contain("Skriv passordet ditt.");
    }

    [Fact]
    public async Task SignIn_ReturnsToTheLocalPageAskedFor_ButNeverToAnotherSite()
    {
        using var client = _app.NewClient();
        var refused = await client.GetAsync("/saker");
        refused.LocationPath.Should().Be("/logg-inn");

        var login = await client.GetAsync(refused.Location!);
        var signIn = await client.SubmitAsync(login, "login", ("Form.UserName", "kari.laerer"), ("Form.Password", DemoData.Password));

        signIn.Location.Should().Be("/saker");

        using var other = _app.NewClient();
        var outside = await other.GetAsync("/logg-inn?ReturnUrl=https://example.org/");
        var result = await other.SubmitAsync(outside, "login", ("Form.UserName", "kari.laerer"), ("Form.Password", DemoData.Password));
        result.Location.Should().Be("/");
    }

    [Fact]
    public async Task SignOut_EndsTheSession()
    {
        using var client = _app.NewClient();
        await client.SignInOrFailAsync("per.rektor");
        var home = await client.GetAsync("/");
        home.Status.Should().Be(HttpStatusCode.OK);

        var signOut = await client.SubmitAsync(home, home.FormPostingTo("/logg-ut"));

        signOut.Status.Should().Be(HttpStatusCode.Redirect);
        signOut.Location.Should().Be("/logg-inn");
        (await client.GetAsync("/")).LocationPath.Should().Be("/logg-inn");
        (await client.GetAsync("/saker")).LocationPath.Should().Be("/logg-inn");
    }

    [Fact]
    public async Task SignIn_IsWrittenToTheAuditChain()
    {
        using var client = _app.NewClient();

        await client.SignInOrFailAsync("ola.sfo");
        await client.SignInAsync("ola.sfo", "galt");

        var actions = await _app.QueryAsync(db => db.AuditEntries.Where(a => a.Details.Contains("\"ola.sfo\"")).Select(a => a.Action).ToListAsync());
        actions.Should().Contain("SignIn").And.Contain("SignInRefused");
    }

    [Fact]
    public async Task LanguageChoice_SwitchesToNynorsk_AndBack()
    {
        using var client = _app.NewClient();
        await client.SignInOrFailAsync("randi.rektor");
        var home = await client.GetAsync("/saker");

        var chosen = await client.SubmitAsync(home, home.FormPostingTo("/sprak"), ("culture", "nn-NO"));

        chosen.Status.Should().Be(HttpStatusCode.Redirect);
        chosen.Location.Should().Be("/saker");
        var nynorsk = await client.FollowAsync(chosen);
        nynorsk.Document.DocumentElement.GetAttribute("lang").Should().Be("nn");

        var back = await client.FollowAsync(await client.SubmitAsync(nynorsk, nynorsk.FormPostingTo("/sprak"), ("culture", "nb-NO")));
        back.Document.DocumentElement.GetAttribute("lang").Should().Be("nb");
    }
}
