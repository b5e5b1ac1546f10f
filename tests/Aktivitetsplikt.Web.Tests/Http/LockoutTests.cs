using System.Net;

namespace Aktivitetsplikt.Web.Tests.Http;

/// <summary>Its own app and database: the lockout it causes must not touch the other tests' sign-ins.</summary>
public sealed class LockoutTests : IClassFixture<AppFactory>
{
    private readonly AppFactory _app;

    public LockoutTests(AppFactory app) => _app = app;

    [Fact]
    public async Task FiveWrongPasswords_LockTheAccount_EvenAgainstTheRightPassword()
    {
        using var client = _app.NewClient();
        for (var attempt = 1; attempt < 5; attempt++)
        {
            var failed = await client.SignInAsync("kari.laerer", $"feil-{attempt}");
            failed.Status.Should().Be(HttpStatusCode.OK);
            failed.Get("[data-testid=error-summary]").TextContent.Should().Contain("Feil brukernavn eller passord.");
        }

        var fifth = await client.SignInAsync("kari.laerer", "feil-5");

        fifth.Status.Should().Be(HttpStatusCode.OK);
        fifth.Get("[data-testid=error-summary]").TextContent.Should().Contain("For mange mislykte forsøk. Kontoen er låst i 15 minutter.");

        var right = await client.SignInAsync("kari.laerer");
        right.Status.Should().Be(HttpStatusCode.OK, "a locked account is not signed in, not even with the right password");
        right.Get("[data-testid=error-summary]").TextContent.Should().Contain("Kontoen er låst");
        (await client.GetAsync("/")).LocationPath.Should().Be("/logg-inn");
    }
}
