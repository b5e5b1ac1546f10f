using System.Net;

namespace Aktivitetsplikt.Web.Tests.Http;

/// <summary>
/// /meld over plain HTTP: the interactive form is prerendered (so it shows before the circuit is up), holds only
/// the user's own school's pupils, and stays disabled until the circuit has taken it over. Who may open it at all
/// is in <see cref="AccessMatrixTests"/>; typing and submitting are in Components/LogConcernPageTests.
/// </summary>
public sealed class LogConcernPageTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Theory]
    [InlineData("kari.laerer")]
    [InlineData("randi.rektor")]
    public async Task ConcernForm_IsPrerenderedForStaffAndPrincipal_WithOnlyTheirSchoolsPupils_AndAnInteractiveMarker(string userName)
    {
        using var client = app.NewClient();
        await client.SignInOrFailAsync(userName);

        var page = await client.GetAsync("/meld");

        page.Status.Should().Be(HttpStatusCode.OK);
        page.Get("h1").TextContent.Should().Be("Meld bekymring for en elev");
        var pupils = page.Document.QuerySelectorAll("#f-PupilId option[value]:not([value=''])").Select(o => o.TextContent).ToList();
        pupils.Should().Contain("Sofie Andersen (6A)").And.NotContain(p => p.StartsWith("Leah"), "Sjøkanten's pupils are not Nordvik's");
        page.Get("#pupil-search").HasAttribute("disabled").Should().BeTrue("typing before the circuit is up would be lost");
        page.Find("form[data-interactive]").Should().BeNull("the form is marked only once it is interactive");
        page.Html.Should().Contain("<!--Blazor:").And.Contain("\"type\":\"server\"");
    }
}
