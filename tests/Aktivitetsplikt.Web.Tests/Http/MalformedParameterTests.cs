using System.Net;

namespace Aktivitetsplikt.Web.Tests.Http;

/// <summary>The review's malformed query values that were 500s: each is now a 400 (or 404) with a Norwegian page.</summary>
public sealed class MalformedParameterTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Theory]
    [InlineData("randi.rektor", "/saker?side=abc")]
    [InlineData("randi.rektor", "/saker?side=99999999999")]
    [InlineData("randi.rektor", "/saker?side=-3")]
    [InlineData("randi.rektor", "/saker?side=10001")]
    [InlineData("randi.rektor", "/saker?sorter=hoyde")]
    [InlineData("randi.rektor", "/saker?sorter=frist&rekkefolge=opp")]
    [InlineData("randi.rektor", "/saker?status=99")]
    [InlineData("siri.9a", "/saker?status=Ukjent")]
    [InlineData("siri.9a", "/oversikt?side=abc")]
    [InlineData("siri.9a", "/oversikt?side=0")]
    [InlineData("randi.rektor", "/saker/{jakob}/plan/endringer?fra=x")]
    [InlineData("randi.rektor", "/saker/{jakob}/plan/endringer?til=1.5")]
    [InlineData("arne.admin", "/admin/elever/ny?skole=x")]
    public async Task AnUnreadableQueryValue_Is400_WithTheInvalidLinkNotice(string user, string url)
    {
        using var client = app.NewClient();
        await client.SignInOrFailAsync(user);

        var page = await client.GetAsync(url.Replace("{jakob}", (await app.CaseOfPupilAsync("Jakob")).ToString()));

        page.Status.Should().Be(HttpStatusCode.BadRequest);
        page.Get("[data-testid=invalid-link]").TextContent.Should().Contain("Lenken er ugyldig");
        page.Find("h1").Should().NotBeNull("the page is still shown, without the value");
    }

    [Fact]
    public async Task AValidPageNumber_IsStill200()
    {
        using var client = app.NewClient();
        await client.SignInOrFailAsync("randi.rektor");

        var page = await client.GetAsync("/saker?side=2");

        page.Status.Should().Be(HttpStatusCode.OK);
        page.Find("[data-testid=invalid-link]").Should().BeNull();
    }

    [Theory]
    [InlineData("6f9619ff-8b86-d011-b42d-00cf4fc964ff")]
    [InlineData("ikke-en-id")]
    public async Task MarkingAnUnknownNotificationRead_Is404_WithTheNorwegianPage(string id)
    {
        using var client = app.NewClient();
        await client.SignInOrFailAsync("randi.rektor");
        var inbox = await client.GetAsync("/varsler");
        inbox.HasForm("mark-read").Should().BeTrue("the demo principal has notifications");

        var response = await client.SubmitAsync(inbox, "mark-read", ("Read.Id", id));

        response.Status.Should().Be(HttpStatusCode.NotFound);
        response.Get("h1").TextContent.Should().Be("Fant ikke siden, eller du har ikke tilgang");
    }

    [Fact]
    public async Task MarkingSomeoneElsesNotificationRead_Is404_AndLeavesItUnread()
    {
        var perId = await app.UserIdAsync("per.rektor");
        var theirs = await app.QueryAsync(db => Task.FromResult(db.Notifications.Where(n => n.RecipientUserId == perId && n.ReadAtUtc == null).Select(n => n.Id).First()));
        using var client = app.NewClient();
        await client.SignInOrFailAsync("randi.rektor");

        var response = await client.SubmitAsync(await client.GetAsync("/varsler"), "mark-read", ("Read.Id", theirs.ToString()));

        response.Status.Should().Be(HttpStatusCode.NotFound);
        (await app.QueryAsync(db => Task.FromResult(db.Notifications.Single(n => n.Id == theirs).ReadAtUtc))).Should().BeNull();
    }
}
