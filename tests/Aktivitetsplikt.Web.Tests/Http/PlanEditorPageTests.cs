using System.Net;
using Microsoft.EntityFrameworkCore;

namespace Aktivitetsplikt.Web.Tests.Http;

/// <summary>
/// The plan editor page over plain HTTP GET (prerendered, on the demo data): who may open it, what it
/// offers for which state, and that a visit reads the case once. Olivia's case is being investigated,
/// Jakob's has measures, Emma's was never passed on; all three are at Nordvik.
/// </summary>
public sealed class PlanEditorPageTests(AppFactory app) : IClassFixture<AppFactory>
{
    private async Task<HtmlPage> OpenAsync(string userName, string pupil)
    {
        using var client = app.NewClient();
        await client.SignInOrFailAsync(userName);
        return await client.GetAsync($"/saker/{await app.CaseOfPupilAsync(pupil)}/plan/ny");
    }

    [Theory]
    [InlineData("kari.laerer")]
    [InlineData("ola.sfo")]
    [InlineData("arne.admin")]
    public async Task PlanPage_ForARoleThatMayNotPlan_IsNoAccess(string userName)
    {
        var response = await OpenAsync(userName, "Olivia");

        response.Status.Should().Be(HttpStatusCode.Redirect);
        response.LocationPath.Should().Be("/ingen-tilgang");
    }

    [Fact]
    public async Task PlanPage_ForAnotherSchoolsPrincipal_IsNotFound_AndShowsNothingOfTheCase()
    {
        var response = await OpenAsync("per.rektor", "Olivia");

        response.Status.Should().Be(HttpStatusCode.NotFound);
        response.Get("h1").TextContent.Should().Be("Fant ikke siden, eller du har ikke tilgang");
        response.Text.Should().NotContain("Olivia");
        response.Find("#plan-Problem").Should().BeNull();
    }

    [Fact]
    public async Task PlanPage_WhileInvestigating_AdoptsThePlan_RenderedOverPlainGet_WithOneMeasureRow()
    {
        var response = await OpenAsync("randi.rektor", "Olivia");

        response.Status.Should().Be(HttpStatusCode.OK);
        response.Get("h1").TextContent.Should().Be("Fastsett aktivitetsplanen");
        response.Document.QuerySelectorAll("[data-testid=measure-row]").Should().HaveCount(1);
        response.Find("#plan-ChangeSummary").Should().BeNull("a first plan has no change summary");
        response.Get("[data-testid=plan-submit]").HasAttribute("disabled").Should().BeTrue("it is sent from the circuit, never posted before it connects");
    }

    [Fact]
    public async Task PlanPage_WithMeasures_RevisesThePlan_StartingFromTheCurrentOne()
    {
        var response = await OpenAsync("siri.9a", "Jakob");

        response.Status.Should().Be(HttpStatusCode.OK);
        response.Get("h1").TextContent.Should().Be("Revider aktivitetsplanen");
        response.Get("#plan-Problem").TextContent.Should().Contain("Jakob blir dyttet");
        response.Find("#plan-ChangeSummary").Should().NotBeNull();
    }

    [Fact]
    public async Task PlanPage_WhenNeitherStepIsPossible_SaysSoInNorwegian_WithALinkBack()
    {
        var emma = await app.CaseOfPupilAsync("Emma");
        var response = await OpenAsync("randi.rektor", "Emma");

        response.Status.Should().Be(HttpStatusCode.OK);
        response.Get("h1").TextContent.Should().Be("Planen kan ikke skrives nå");
        response.Get("[data-testid=plan-not-now]").TextContent.Should().Contain("En aktivitetsplan fastsettes mens saken undersøkes");
        response.Document.QuerySelector($"main a[href='/saker/{emma}']").Should().NotBeNull();
        response.Find("[data-testid=plan-form]").Should().BeNull();
    }

    [Fact]
    public async Task PlanPage_Visit_IsOneReadOfTheCaseInTheAuditLog()
    {
        var olivia = await app.CaseOfPupilAsync("Olivia");
        var randi = await app.UserIdAsync("randi.rektor");
        Task<int> Reads() => app.QueryAsync(db => db.AuditEntries.CountAsync(a => a.Action == "ViewCase" && a.CaseId == olivia && a.UserId == randi));
        var before = await Reads();

        (await OpenAsync("randi.rektor", "Olivia")).Status.Should().Be(HttpStatusCode.OK);

        (await Reads()).Should().Be(before + 1);
    }
}
