using System.Net;
using Aktivitetsplikt.Web.Tests.Features.Documents;

namespace Aktivitetsplikt.Web.Tests.Http;

/// <summary>The security headers on every route of the access matrix, for every answer it gives, and on the downloads.</summary>
public sealed class SecurityHeadersTests(AppFactory app) : IClassFixture<AppFactory>
{
    public static TheoryData<string?, string> Routes()
    {
        var data = new TheoryData<string?, string>();
        foreach (var page in AccessMatrixTests.Pages.Concat(["/logg-inn", "/ingen-tilgang", "/finnes-ikke", "/varsler", "/statistikk", "/admin/frister"]))
        {
            data.Add(null, page);
            data.Add("randi.rektor", page);
        }
        data.Add("siri.9a", "/oversikt");
        data.Add("arne.admin", "/admin");
        return data;
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task EveryPage_CarriesTheSecurityHeaders_AndIsNotCached(string? user, string page)
    {
        using var http = user is null ? AnonymousClient() : await app.SignedInAsync(user);
        var url = await AccessMatrixTests.UrlAsync(app, page);

        using var response = await http.GetAsync(url);

        AssertSecurityHeaders(response);
        AssertNotCached(response);
    }

    [Theory]
    [InlineData("aktivitetsplan")]
    [InlineData("dokumentasjon")]
    [InlineData("foreldrebrev")]
    public async Task DocumentDownloads_CarryTheHeaders_AndAreNotCached(string kind)
    {
        using var client = await app.SignedInAsync("randi.rektor");
        var jakob = await app.CaseOfPupilAsync("Jakob");

        using var response = await DocumentForms.PostDocumentAsync(client, jakob, kind, new() { ["version"] = "1" });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        AssertSecurityHeaders(response);
        AssertNotCached(response);
    }

    [Theory]
    [InlineData("/statistikk/eksport.csv")]
    [InlineData("/saker/eksport.csv?navn=1")]
    public async Task CsvExports_CarryTheHeaders_AndAreNotCached(string url)
    {
        using var client = await app.SignedInAsync("siri.9a");

        using var response = await client.GetAsync(url);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        AssertSecurityHeaders(response);
        AssertNotCached(response);
    }

    [Fact]
    public async Task StaticFiles_CarryTheHeaders_ButMayBeCached()
    {
        using var client = app.NewClient();
        var login = await client.GetAsync("/logg-inn");
        var script = login.Document.QuerySelectorAll("script[src]").Select(s => s.GetAttribute("src")!).First(src => src.Contains("blazor.web"));

        using var http = AnonymousClient();
        using var response = await http.GetAsync("/" + script.TrimStart('/'));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        AssertSecurityHeaders(response);
        response.Headers.CacheControl?.NoStore.Should().NotBe(true, "the app's own scripts and styles hold no personal data");
    }

    [Fact]
    public async Task ThePages_HaveNoInlineScript_ForTheContentSecurityPolicyToBlock()
    {
        using var client = await app.SignedInAsync("randi.rektor");
        var emma = await app.CaseOfPupilAsync("Emma");
        var jakob = await app.CaseOfPupilAsync("Jakob");
        foreach (var url in new[] { "/", "/saker", $"/saker/{emma}", $"/saker/{emma}/plan/ny", "/meld", $"/saker/{jakob}/plan/1/utskrift" })
        {
            var html = await client.GetStringAsync(url);
            var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);
            document.QuerySelectorAll("script:not([src])").Where(s => s.GetAttribute("type") != "application/json" && !string.IsNullOrWhiteSpace(s.TextContent))
                .Should().BeEmpty($"{url} has no inline script");
            document.All.SelectMany(e => e.Attributes).Where(a => a.Name.StartsWith("on", StringComparison.Ordinal))
                .Select(a => a.Name).Should().BeEmpty($"{url} has no inline event handler");
        }
    }

    private static void AssertSecurityHeaders(HttpResponseMessage response)
    {
        var csp = Header(response, "Content-Security-Policy");
        csp.Should().Contain("default-src 'self'").And.Contain("script-src 'self'").And.Contain("connect-src 'self'")
            .And.Contain("frame-ancestors 'none'").And.Contain("object-src 'none'").And.Contain("form-action 'self'");
        csp.Should().NotContain("'unsafe-eval'");
        csp.Split(';').Single(d => d.Trim().StartsWith("script-src", StringComparison.Ordinal)).Should().NotContain("unsafe-inline");
        Header(response, "X-Content-Type-Options").Should().Be("nosniff");
        Header(response, "Referrer-Policy").Should().Be("no-referrer");
        Header(response, "X-Frame-Options").Should().Be("DENY");
        Header(response, "Permissions-Policy").Should().Contain("camera=()").And.Contain("microphone=()").And.Contain("geolocation=()");
    }

    private static void AssertNotCached(HttpResponseMessage response) =>
        response.Headers.CacheControl?.NoStore.Should().BeTrue($"{response.RequestMessage?.RequestUri} carries personal data");

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : throw new Xunit.Sdk.XunitException($"No {name} header on {response.RequestMessage?.RequestUri} ({(int)response.StatusCode}).");

    private HttpClient AnonymousClient() =>
        app.FromAddress(app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false }));
}
