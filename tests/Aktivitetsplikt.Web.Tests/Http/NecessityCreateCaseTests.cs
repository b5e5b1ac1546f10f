using System.Net;

namespace Aktivitetsplikt.Web.Tests.Http;

/// <summary>
/// "Opprett sak fra protokollen" over plain HTTP: the necessity record page offers it to those who log concerns (staff
/// and the principal), not to the § 9A team; the concern form it opens is prerendered filled in from the record. Submitting
/// the interactive form and the link it makes are in Components/LogConcernPageTests and NecessityRecordTests.
/// </summary>
public sealed class NecessityCreateCaseTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Theory]
    [InlineData("kari.laerer", true)]
    [InlineData("randi.rektor", true)]
    [InlineData("siri.9a", false)]
    public async Task TheRecordPage_OffersACaseFromTheRecord_ToThoseWhoLogConcerns(string userName, bool offered)
    {
        var id = await app.RecordNecessityAsync("kari.laerer", "Jakob", "Jakob kastet stoler i klasserommet.", "Holdt Jakob i armene i to minutter.");
        using var client = app.NewClient();
        await client.SignInOrFailAsync(userName);

        var page = await client.GetAsync($"/nodrett/{id}");

        page.Status.Should().Be(HttpStatusCode.OK);
        var link = page.Find("[data-testid=create-case]");
        if (offered) link!.GetAttribute("href").Should().Be($"/meld?protokoll={id}");
        else link.Should().BeNull("the § 9A team does not log concerns");
    }

    [Fact]
    public async Task TheConcernForm_FromARecord_IsPrerenderedWithThePupilTimeAndTexts_AndARecordLinkedAlready_IsSaidAndNotFilledIn()
    {
        var id = await app.RecordNecessityAsync("kari.laerer", "Sofie", "Sofie løp mot veien i friminuttet.", "Holdt Sofie tilbake ved porten.");
        using var client = app.NewClient();
        await client.SignInOrFailAsync("kari.laerer");

        var page = await client.GetAsync($"/meld?protokoll={id}");

        page.Status.Should().Be(HttpStatusCode.OK);
        page.Get("[data-testid=from-necessity]").TextContent.Should().Contain("opprettes fra protokollen");
        page.Get("#f-PupilId option[selected]").TextContent.Should().Be("Sofie Andersen (6A)");
        page.Get("#f-WhatHappened").TextContent.Should().Be("Sofie løp mot veien i friminuttet.");
        page.Get("#f-Intervention").TextContent.Should().Be("Holdt Sofie tilbake ved porten.");
        AppFactory.Field(page.Html, "Form.NecessityRecordId").Should().Be(id.ToString());

        var caseId = await app.LogConcernAsync("kari.laerer", "Sofie", "Sofie løp mot veien.", notifyPrincipal: true);
        using (var principal = app.NewClient())
        {
            await principal.SignInOrFailAsync("randi.rektor");
            var recordPage = await principal.GetAsync($"/nodrett/{id}");
            var linked = await principal.FollowAsync(await principal.SubmitAsync(recordPage, "necessity-link", ("Link.CaseId", caseId.ToString())));
            linked.Get("[data-testid=saved]").TextContent.Should().Contain("koblet til saken");
        }
        var again = await client.GetAsync($"/meld?protokoll={id}");

        again.Get("[data-testid=from-necessity]").TextContent.Should().Contain("allerede koblet til sak");
        again.Get("[data-testid=from-necessity] a").GetAttribute("href").Should().Be($"/saker/{caseId}");
        again.Get("#f-WhatHappened").TextContent.Should().BeEmpty();
        AppFactory.Field(again.Html, "Form.NecessityRecordId").Should().BeEmpty();
        (await client.GetAsync($"/nodrett/{id}")).Find("[data-testid=create-case]").Should().BeNull("a linked record makes no second case");
    }
}
