using System.Net;
using Aktivitetsplikt.Domain.Cases;
using Microsoft.EntityFrameworkCore;

namespace Aktivitetsplikt.Web.Tests.Http;

/// <summary>The public "si fra" pages over HTTP, as a phone without an account uses them.</summary>
public sealed class SiFraPageTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Text = "Jonas i 7A blir holdt utenfor og får stygge meldinger hver kveld.";

    private static async Task<HtmlPage> SendAsync(AppClient client, string path = "/si-fra/nordvik-skole", string text = Text,
        string sender = "Pupil", string feelsSafe = "No", params (string, string?)[] more)
    {
        var page = await client.GetAsync(path);
        page.Status.Should().Be(HttpStatusCode.OK);
        return await client.SubmitAsync(page, "si-fra", [("Form.Sender", sender), ("Form.WhatHappened", text), ("Form.FeelsSafe", feelsSafe), .. more]);
    }

    [Fact]
    public async Task AnAnonymousPost_MakesACaseAtTheLinkedSchool_AndAnswersWithAReceipt_AndThePrincipalSeesWhereItCameFrom()
    {
        using var phone = app.NewClient();

        var receipt = await SendAsync(phone, more: [("Form.SenderName", "Jonas"), ("Form.SenderContact", "jonas@example.org")]);

        receipt.Status.Should().Be(HttpStatusCode.OK);
        var code = receipt.Get("[data-testid=receipt-code]").TextContent.Trim();
        code.Should().MatchRegex("^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$");
        receipt.Get("[data-testid=receipt-link]").GetAttribute("href").Should().Be($"/si-fra/kvittering/{code}");
        var (caseId, school, origin) = await app.QueryAsync(async db =>
        {
            var c = await db.Cases.AsNoTracking().Where(x => x.SiFraOrigin != null && x.SiFraOrigin.SenderName == "Jonas").SingleAsync();
            var name = await db.Schools.Where(s => s.Id == c.SchoolId).Select(s => s.Name).SingleAsync();
            return (c.Id, name, c.SiFraOrigin!);
        });
        school.Should().Be("Nordvik skole");
        origin.Sender.Should().Be(SiFraSender.Pupil);

        using var principal = app.NewClient();
        await principal.SignInOrFailAsync("randi.rektor");
        var casePage = await principal.GetAsync($"/saker/{caseId}");
        casePage.Status.Should().Be(HttpStatusCode.OK);
        casePage.Get("[data-testid=si-fra-origin]").TextContent.Should().Contain("Kom inn via Si fra").And.Contain("Elev").And.Contain("jonas@example.org");
        casePage.Text.Should().Contain("Eleven er ikke identifisert ennå").And.Contain("selvrapportert via Si fra");
        casePage.Get("[data-testid=pupil-view]").TextContent.Should().NotBeEmpty();
    }

    [Fact]
    public async Task ASiFraCase_OnThePrincipalsStartPage_SaysItsPupilIsNotIdentified_NotAnEmptyName()
    {
        using var phone = app.NewClient();
        await SendAsync(phone, more: [("Form.SenderName", "Startside")]);
        var caseNumber = await app.QueryAsync(db => db.Cases.AsNoTracking()
            .Where(c => c.SiFraOrigin != null && c.SiFraOrigin.SenderName == "Startside").Select(c => c.CaseNumber).SingleAsync());

        using var principal = app.NewClient();
        await principal.SignInOrFailAsync("randi.rektor");
        var start = await principal.GetAsync("/");

        var item = start.Document.QuerySelectorAll("[data-testid=today] .todo-item").Single(i => i.TextContent.Contains(caseNumber));
        item.GetAttribute("data-reason").Should().Be("NewConcern");
        item.QuerySelector("a")!.TextContent.Should().Contain("Eleven er ikke identifisert ennå").And.NotContain("()");
    }

    [Fact]
    public async Task TheSchoolList_OffersTheKommunesSchools_WhenTheLinkNamesNone()
    {
        using var phone = app.NewClient();

        var page = await phone.GetAsync("/si-fra");

        page.Status.Should().Be(HttpStatusCode.OK);
        page.Document.QuerySelectorAll("#f-SchoolId option").Select(o => o.TextContent).Should().Contain(["Nordvik skole", "Sjøkanten ungdomsskole"]);
        page.Document.QuerySelector("html")!.GetAttribute("lang").Should().Be("nb");
    }

    [Fact]
    public async Task AnUnknownSchoolInTheLink_IsANorwegian404()
    {
        using var phone = app.NewClient();

        var page = await phone.GetAsync("/si-fra/finnes-ikke-skole");

        page.Status.Should().Be(HttpStatusCode.NotFound);
        page.Text.Should().Contain("Fant ikke skolen");
        page.HasForm("si-fra").Should().BeFalse();
    }

    [Theory]
    [InlineData("6f9619ff-8b86-d011-b42d-00cf4fc964ff")]
    [InlineData("not-a-guid")]
    public async Task AWrongSchoolIdPosted_IsA400WithANorwegianMessage_AndMakesNoCase(string schoolId)
    {
        using var phone = app.NewClient();
        var before = await app.QueryAsync(db => db.Cases.CountAsync());

        var page = await SendAsync(phone, "/si-fra", more: ("Form.SchoolId", schoolId));

        page.Status.Should().Be(HttpStatusCode.BadRequest);
        page.Get("[data-testid=error-summary]").TextContent.Should().Contain("Velg skolen det gjelder.");
        page.Get("#f-WhatHappened").TextContent.Should().Be(Text, "nothing typed is lost");
        (await app.QueryAsync(db => db.Cases.CountAsync())).Should().Be(before);
    }

    [Fact]
    public async Task AMissingAnswer_IsA400_NamingEachField()
    {
        using var phone = app.NewClient();

        var page = await SendAsync(phone, sender: "", feelsSafe: "", text: " ");

        page.Status.Should().Be(HttpStatusCode.BadRequest);
        page.Get("[data-testid=error-summary]").TextContent.Should()
            .Contain("Velg hvem som skriver.").And.Contain("Skriv hva som har skjedd.").And.Contain("Svar ja, nei eller vet ikke.");
    }

    [Fact]
    public async Task APostWithoutTheAntiforgeryToken_IsRefused()
    {
        using var phone = app.NewClient();
        var page = await phone.GetAsync("/si-fra/nordvik-skole");

        var posted = await phone.PostAsync("/si-fra/nordvik-skole",
            [new("_handler", "si-fra"), new("Form.Sender", "Anonymous"), new("Form.WhatHappened", Text), new("Form.FeelsSafe", "Unsure"),
             new("Form.SchoolId", AppFactory.Field(page.Html, "Form.SchoolId"))]);

        posted.Status.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task TheStatusPage_ShowsOnlyThatItWasReceived_AndWhen_NeverTheCase()
    {
        using var phone = app.NewClient();
        var receipt = await SendAsync(phone, more: [("Form.SenderName", "Jonas Avsender")]);
        var link = receipt.Get("[data-testid=receipt-link]").GetAttribute("href")!;
        var caseNumber = await app.QueryAsync(db => db.Cases.Where(c => c.Entries.Any(e => e.Text == Text)).Select(c => c.CaseNumber).FirstAsync());

        var status = await phone.GetAsync(link);

        status.Status.Should().Be(HttpStatusCode.OK);
        status.Get("[data-testid=si-fra-progress]").TextContent.Should().Be("Skolen har mottatt meldingen");
        status.Html.Should().NotContain(Text).And.NotContain("Jonas").And.NotContain(caseNumber).And.NotContain("Randi")
            .And.NotContain("Nordvik").And.NotContain("Rektor");
    }

    [Fact]
    public async Task AWrongAndAnUnknownCode_GetTheSameNeutral404()
    {
        using var phone = app.NewClient();

        var unknown = await phone.GetAsync("/si-fra/kvittering/ABCD-EFGH-JKLM");
        var malformed = await phone.GetAsync("/si-fra/kvittering/x");
        var typed = await phone.GetAsync("/si-fra/kvittering?kode=ABCDEFGHJKLM");

        unknown.Status.Should().Be(HttpStatusCode.NotFound);
        malformed.Status.Should().Be(HttpStatusCode.NotFound);
        unknown.Get("main").TextContent.Should().Be(malformed.Get("main").TextContent).And.Contain("Vi fant ingen melding");
        typed.IsRedirect.Should().BeTrue("a typed code goes to its own path");
        typed.LocationPath.Should().Be("/si-fra/kvittering/ABCD-EFGH-JKLM");
    }

    [Fact]
    public async Task MoreAddedOnTheStatusPage_LandsOnTheCase()
    {
        using var phone = app.NewClient();
        var receipt = await SendAsync(phone, text: "Noen tar matpakken min.", sender: "Anonymous", feelsSafe: "Unsure");
        var link = receipt.Get("[data-testid=receipt-link]").GetAttribute("href")!;

        var added = await phone.SubmitAsync(await phone.GetAsync(link), "si-fra-mer", ("Form.Text", "Det skjedde igjen i dag i garderoben."));

        added.Status.Should().Be(HttpStatusCode.OK);
        added.Get("[data-testid=si-fra-added]").TextContent.Should().Contain("Takk");
        added.Html.Should().NotContain("garderoben", "the page does not show the case's content, not even what was just added");
        (await app.QueryAsync(db => db.CaseEntries.CountAsync(e => e.Kind == EntryKind.SiFraInformation && e.Text == "Det skjedde igjen i dag i garderoben.")))
            .Should().Be(1);
    }

    [Fact]
    public async Task TheSamePostSentTwice_GivesTheSameReceipt_AndOneCase()
    {
        using var phone = app.NewClient();
        var page = await phone.GetAsync("/si-fra/nordvik-skole");
        var fields = new (string, string?)[] { ("Form.Sender", "Parent"), ("Form.WhatHappened", "Dobbel innsending av samme skjema."), ("Form.FeelsSafe", "Unsure") };

        var first = await phone.SubmitAsync(page, "si-fra", fields);
        var second = await phone.SubmitAsync(page, "si-fra", fields);

        second.Get("[data-testid=receipt-code]").TextContent.Should().Be(first.Get("[data-testid=receipt-code]").TextContent);
        (await app.QueryAsync(db => db.CaseEntries.CountAsync(e => e.Text == "Dobbel innsending av samme skjema."))).Should().Be(1);
    }
}

/// <summary>The rate limits of the public pages, with small numbers so a test reaches them.</summary>
public sealed class SiFraRateLimitTests : IDisposable
{
    private readonly AppFactory _app = new()
    {
        Settings =
        {
            ["SiFra:RateLimits:MessagesPerHourPerAddress"] = "2",
            ["SiFra:RateLimits:StatusRequestsPerHourPerAddress"] = "3",
        },
    };

    [Fact]
    public async Task TooManyMessagesFromOneAddress_Get429_WithANorwegianPage_WhileAnotherAddressStillGetsThrough()
    {
        using var phone = _app.NewClient("10.9.9.1");
        for (var i = 0; i < 2; i++)
            (await phone.SubmitAsync(await phone.GetAsync("/si-fra/nordvik-skole"), "si-fra",
                ("Form.Sender", "Anonymous"), ("Form.WhatHappened", $"Melding {i}"), ("Form.FeelsSafe", "Unsure"))).Status.Should().Be(HttpStatusCode.OK);

        var third = await phone.SubmitAsync(await phone.GetAsync("/si-fra/nordvik-skole"), "si-fra",
            ("Form.Sender", "Anonymous"), ("Form.WhatHappened", "Melding 3"), ("Form.FeelsSafe", "Unsure"));

        third.Status.Should().Be(HttpStatusCode.TooManyRequests);
        third.Text.Should().Contain("For mange forsøk").And.Contain("116 111");
        using var other = _app.NewClient("10.9.9.2");
        (await other.SubmitAsync(await other.GetAsync("/si-fra/nordvik-skole"), "si-fra",
            ("Form.Sender", "Anonymous"), ("Form.WhatHappened", "Fra en annen adresse"), ("Form.FeelsSafe", "Unsure"))).Status.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task TryingCodes_IsThrottled_PerAddress()
    {
        using var guesser = _app.NewClient("10.9.9.3");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++) statuses.Add((await guesser.GetAsync($"/si-fra/kvittering/ABCD-EFGH-JKL{"ABCDE"[i]}")).Status);

        statuses.Should().Equal(HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests);
    }

    public void Dispose() => _app.Dispose();
}
