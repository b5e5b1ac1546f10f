using System.Net;
using System.Security.Cryptography;
using Aktivitetsplikt.Web.Tests.Http;
using AngleSharp.Html.Parser;

namespace Aktivitetsplikt.Web.Tests.Features.Documents;

/// <summary>The Documents section, the download endpoints and the printable page over HTTP, with the demo data.</summary>
public sealed class DocumentEndpointsTests : IClassFixture<AppFactory>
{
    private readonly AppFactory _app;

    public DocumentEndpointsTests(AppFactory app) => _app = app;

    [Fact]
    public async Task ThePrincipal_DownloadsThePlan_AndTheTimelineShowsTheDocumentWithItsHash()
    {
        var jakob = await _app.CaseOfPupilAsync("Jakob");
        var client = await _app.SignedInAsync("randi.rektor");

        var response = await DocumentForms.PostDocumentAsync(client, jakob, "aktivitetsplan", new() { ["version"] = "1" });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        var fileName = response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName!;
        fileName.Should().MatchRegex(@"^aktivitetsplan-\d{4}-\d{4}-v1\.docx$");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Docx.Open(bytes).ValidationErrors.Should().BeEmpty();
        var hash = Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant();

        var page = await client.GetStringAsync($"/saker/{jakob}");
        var timeline = new HtmlParser().ParseDocument(page).QuerySelector("[data-testid=timeline]")!.TextContent;
        timeline.Should().Contain($"Dokument laget: {fileName} (SHA-256 {hash[..12]}…)");
    }

    [Fact]
    public async Task TheCasePage_OffersTheDocuments_WithTheOtherPupilsNamedInThePlanSuggestedForMasking()
    {
        var jakob = await _app.CaseOfPupilAsync("Jakob");
        var client = await _app.SignedInAsync("randi.rektor");

        var page = new HtmlParser().ParseDocument(await client.GetStringAsync($"/saker/{jakob}"));

        var section = page.QuerySelector("[data-testid=documents]")!;
        section.QuerySelectorAll("form").Select(f => f.GetAttribute("action")).Should().Equal(
            $"/saker/{jakob}/dokumenter/aktivitetsplan", $"/saker/{jakob}/dokumenter/dokumentasjon", $"/saker/{jakob}/dokumenter/foreldrebrev");
        section.QuerySelectorAll("form").Should().AllSatisfy(f =>
        {
            f.GetAttribute("method").Should().Be("post");
            f.QuerySelector("input[name=__RequestVerificationToken]").Should().NotBeNull();
        });
        section.QuerySelector("textarea[name=maskNames]")!.TextContent.Split('\n').Should().BeEquivalentTo("Filip Kristiansen", "Sofie");
        section.QuerySelector("[data-testid=print-link-1]")!.GetAttribute("href").Should().Be($"/saker/{jakob}/plan/1/utskrift");
        page.QuerySelector("#action-RecordDocument").Should().BeNull("documents are made from the Documents section, not the action forms");
    }

    [Fact]
    public async Task AMaskedPlan_FromTheForm_HidesTheOtherPupils()
    {
        var jakob = await _app.CaseOfPupilAsync("Jakob");
        var client = await _app.SignedInAsync("randi.rektor");

        var response = await DocumentForms.PostDocumentAsync(client, jakob, "aktivitetsplan",
            new() { ["version"] = "1", ["mask"] = "true", ["maskNames"] = "Filip Kristiansen\r\nSofie" });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var docx = Docx.Open(await response.Content.ReadAsByteArrayAsync());
        docx.ValidationErrors.Should().BeEmpty();
        docx.AllText.Should().NotContain("Filip").And.NotContain("Sofie").And.Contain("Jakob Larsen");
    }

    [Fact]
    public async Task APostWithoutTheAntiforgeryToken_IsRefused()
    {
        var jakob = await _app.CaseOfPupilAsync("Jakob");
        var client = await _app.SignedInAsync("randi.rektor");

        var response = await DocumentForms.PostDocumentAsync(client, jakob, "dokumentasjon", withToken: false);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Staff_AreRefusedWith403AndANorwegianSentence()
    {
        var jakob = await _app.CaseOfPupilAsync("Jakob");
        var client = await _app.SignedInAsync("kari.laerer");

        var response = await DocumentForms.PostDocumentAsync(client, jakob, "dokumentasjon");

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await response.Content.ReadAsStringAsync()).Should().Contain("Rollen din har ikke lov til å gjøre dette.");
    }

    [Fact]
    public async Task ThePrincipalOfAnotherSchool_Gets404WithANorwegianSentence()
    {
        var jakob = await _app.CaseOfPupilAsync("Jakob");
        var client = await _app.SignedInAsync("per.rektor");
        var page = await client.GetStringAsync("/saker");
        var token = AppFactory.Field(page, "__RequestVerificationToken");

        var response = await client.PostAsync($"/saker/{jakob}/dokumenter/foreldrebrev",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).Should().Contain("Fant ikke saken, eller du har ikke tilgang til den.");
    }

    [Fact]
    public async Task AnUnknownDocumentOrPlanVersion_Is404()
    {
        var jakob = await _app.CaseOfPupilAsync("Jakob");
        var client = await _app.SignedInAsync("randi.rektor");

        (await DocumentForms.PostDocumentAsync(client, jakob, "vitnemal")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var response = await DocumentForms.PostDocumentAsync(client, jakob, "aktivitetsplan", new() { ["version"] = "9" });
        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).Should().Contain("Saken har ikke denne versjonen av aktivitetsplanen.");
    }

    [Fact]
    public async Task TheLetter_FollowsTheUsersLanguage()
    {
        var nora = await _app.CaseOfPupilAsync("Nora");
        // The § 9A team, so that the language stored for this user does not change what the other tests read.
        var client = await _app.SignedInAsync("siri.9a", culture: "nn-NO");

        var response = await DocumentForms.PostDocumentAsync(client, nora, "foreldrebrev");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var docx = Docx.Open(await response.Content.ReadAsByteArrayAsync());
        docx.AllText.Should().Contain("Statsforvaltaren").And.Contain("Rettane dykkar");
    }

    [Fact]
    public async Task ThePrintablePage_ShowsTheFivePartsAndAPrintButton_ForStaffWithAMeasureToo()
    {
        var jakob = await _app.CaseOfPupilAsync("Jakob");
        var client = await _app.SignedInAsync("kari.laerer");

        var response = await client.GetAsync($"/saker/{jakob}/plan/1/utskrift");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var page = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        page.QuerySelectorAll("[data-testid=plan-print] h2").Should().HaveCount(5, "a), the one measures table b)–e), e) the evaluation date, the pupil's and the parents' views");
        page.QuerySelector("button[data-action='print']").Should().NotBeNull();
        page.QuerySelector(".no-print")!.TextContent.Should().Contain("Ctrl+P");
        (await client.GetAsync($"/saker/{jakob}/plan/9/utskrift")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
