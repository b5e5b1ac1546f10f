using System.Net;
using Aktivitetsplikt.Web.Features.Cases;
using Aktivitetsplikt.Web.Features.Delegations;
using Aktivitetsplikt.Web.Infrastructure;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

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

    [Fact]
    public async Task PlanPage_ForTheAdministrator_IsNoAccess()
    {
        var response = await OpenAsync("arne.admin", "Olivia");

        response.Status.Should().Be(HttpStatusCode.Redirect);
        response.LocationPath.Should().Be("/ingen-tilgang");
    }

    /// <summary>Kari reported Olivia's case and may read it, but only a delegate plans for the principal; Ola cannot see it at all.</summary>
    [Theory]
    [InlineData("kari.laerer")]
    [InlineData("ola.sfo")]
    public async Task PlanPage_ForStaffWithoutADelegation_IsNotFound_AndShowsNoEditor(string userName)
    {
        var response = await OpenAsync(userName, "Olivia");

        response.Status.Should().Be(HttpStatusCode.NotFound);
        response.Get("h1").TextContent.Should().Be("Fant ikke siden, eller du har ikke tilgang");
        response.Find("#plan-Problem").Should().BeNull();
    }

    [Fact]
    public async Task PlanPage_ForAStaffMemberThePrincipalDelegatedTheCaseTo_OffersTheEditor_AndNotAfterTheDelegationIsWithdrawn()
    {
        // A case of its own (the principal logs it and starts the investigation), so the shared demo cases stay as they are.
        var caseId = await app.LogConcernAsync("randi.rektor", "Sofie", "Sofie blir ertet for klærne sine i gangen.", notifyPrincipal: true);
        await app.SendAsAsync("randi.rektor", new StartInvestigation.Command(caseId, null, "Samtaler med Sofie og klassen."));
        var ola = await app.UserIdAsync("ola.sfo");
        using var client = app.NewClient();
        await client.SignInOrFailAsync("ola.sfo");

        (await client.GetAsync($"/saker/{caseId}/plan/ny")).Status.Should().Be(HttpStatusCode.NotFound, "before the delegation Ola has no part in the case");

        var delegation = await app.SendAsAsync("randi.rektor", new DelegateCases.Command(ola, caseId, null, "Ola følger opp Sofie på SFO."));
        var page = await client.GetAsync($"/saker/{caseId}/plan/ny");
        page.Status.Should().Be(HttpStatusCode.OK);
        page.Get("h1").TextContent.Should().Be("Fastsett aktivitetsplanen");
        page.Document.QuerySelectorAll("[data-testid=measure-row]").Should().HaveCount(1);

        await app.SendAsAsync("randi.rektor", new WithdrawDelegation.Command(delegation));
        (await client.GetAsync($"/saker/{caseId}/plan/ny")).Status.Should().Be(HttpStatusCode.NotFound, "a withdrawn delegation gives nothing");
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
