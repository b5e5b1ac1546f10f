using System.Net;
using Microsoft.EntityFrameworkCore;

namespace Aktivitetsplikt.Web.Tests.Http;

/// <summary>
/// The case page over plain HTTP, as prerendered before its circuit starts: the legally required next step
/// first, the steps as interactive forms (sent through the circuit, never posted), the documents as plain
/// posted forms, and one audit "read" entry per view. The steps themselves are tested as slices and in bUnit.
/// </summary>
public sealed class CasePageTests : IClassFixture<AppFactory>
{
    private readonly AppFactory _app;

    public CasePageTests(AppFactory app) => _app = app;

    [Fact]
    public async Task OverdueInvestigation_IsThePrimaryStep_WithItsDeadlineShownAsPassed()
    {
        var noah = await _app.CaseOfPupilAsync("Noah");
        using var randi = _app.NewClient();
        await randi.SignInOrFailAsync("randi.rektor");

        var page = await randi.GetAsync($"/saker/{noah}");

        page.Status.Should().Be(HttpStatusCode.OK);
        var next = page.Get("[data-testid=next-step]");
        next.QuerySelector("[data-primary=true]")!.GetAttribute("data-trigger").Should().Be("StartInvestigation");
        next.QuerySelector("[data-testid=next-step-deadline]")!.TextContent.Should().Contain("Frist:").And.Contain("Fristen er passert");
        page.Document.QuerySelectorAll("[data-primary=true]").Should().ContainSingle();
    }

    [Fact]
    public async Task StepForms_AreForTheCircuit_NotPostedForms_AndWaitForItBeforeTheyCanBeSent()
    {
        var jakob = await _app.CaseOfPupilAsync("Jakob");
        using var randi = _app.NewClient();
        await randi.SignInOrFailAsync("randi.rektor");

        var page = await randi.GetAsync($"/saker/{jakob}");

        page.Html.Should().Contain("<!--Blazor:", "the page is an interactive server component");
        page.Get("#actions").GetAttribute("data-interactive").Should().Be("false", "the prerendered page is not interactive yet");
        var steps = page.Document.QuerySelectorAll("[data-trigger] form");
        steps.Should().NotBeEmpty();
        steps.Should().OnlyContain(f => !f.HasAttribute("method"), "a step is sent through the circuit");
        page.Document.QuerySelectorAll("[data-trigger] button[type=submit]").Should().OnlyContain(b => b.HasAttribute("disabled"));
        page.HasForm("action-AddComment").Should().BeFalse();
    }

    [Fact]
    public async Task ThePrerender_NamesEveryFoldedStep_AndLeavesItsFormToTheCircuit()
    {
        var jakob = await _app.CaseOfPupilAsync("Jakob");
        using var randi = _app.NewClient();
        await randi.SignInOrFailAsync("randi.rektor");

        var page = await randi.GetAsync($"/saker/{jakob}");

        var folded = page.Document.QuerySelectorAll("details.step-group details[data-trigger]");
        folded.Should().NotBeEmpty();
        folded.Should().OnlyContain(d => !string.IsNullOrWhiteSpace(d.QuerySelector("summary")!.TextContent) && d.QuerySelector("form") == null,
            "a folded step cannot be sent before the circuit runs, and the circuit renders its form");
        page.Get("[data-testid=next-step]").QuerySelector("form").Should().NotBeNull("the primary step is prerendered as before");
    }

    [Fact]
    public async Task RightAfterAPlanIsFixed_TheParentLetterAndTheFamilysMaskedCopyAreOffered_AsPostedForms()
    {
        var jakob = await _app.CaseOfPupilAsync("Jakob");
        using var randi = _app.NewClient();
        await randi.SignInOrFailAsync("randi.rektor");

        var fixedNow = await randi.GetAsync($"/saker/{jakob}?utfort=AdoptPlan");
        var later = await randi.GetAsync($"/saker/{jakob}");

        var offer = fixedNow.Get("[data-testid=plan-fixed-offer]");
        offer.QuerySelector("h2")!.TextContent.Should().StartWith("Aktivitetsplanen (versjon").And.EndWith("er fastsatt");
        offer.QuerySelector("[data-testid=offer-letter]")!.GetAttribute("action").Should().Be($"/saker/{jakob}/dokumenter/foreldrebrev");
        var masked = offer.QuerySelector("[data-testid=offer-masked-plan]")!;
        masked.GetAttribute("method").Should().Be("post");
        masked.QuerySelector("input[name=mask]")!.GetAttribute("value").Should().Be("true");
        masked.QuerySelector("input[name=maskNames]")!.GetAttribute("value").Should().NotBeNullOrWhiteSpace("the plan names other pupils, and the family's copy hides them");
        later.Document.QuerySelector("[data-testid=plan-fixed-offer]").Should().BeNull("the offer belongs to the moment the plan was fixed");
    }

    [Fact]
    public async Task OneView_WritesOneReadEntry()
    {
        var jakob = await _app.CaseOfPupilAsync("Jakob");
        var randiId = await _app.UserIdAsync("randi.rektor");
        using var randi = _app.NewClient();
        await randi.SignInOrFailAsync("randi.rektor");
        var before = await ReadsAsync(randiId, jakob);

        (await randi.GetAsync($"/saker/{jakob}")).Status.Should().Be(HttpStatusCode.OK);

        (await ReadsAsync(randiId, jakob)).Should().Be(before + 1);
    }

    [Fact]
    public async Task TheDocuments_StillDownloadFromTheCasePage_ThroughTheirPlainForms()
    {
        var jakob = await _app.CaseOfPupilAsync("Jakob");
        using var randi = _app.NewClient();
        await randi.SignInOrFailAsync("randi.rektor");
        var page = await randi.GetAsync($"/saker/{jakob}");

        var download = await randi.SubmitAsync(page, page.FormPostingTo($"/saker/{jakob}/dokumenter/foreldrebrev"));

        download.Status.Should().Be(HttpStatusCode.OK);
        var kinds = await _app.QueryAsync(db => db.CaseEntries.Where(e => e.CaseId == jakob).OrderBy(e => e.Sequence).Select(e => e.Kind).ToListAsync());
        kinds.Last().Should().Be(Domain.Cases.EntryKind.DocumentGenerated);
    }

    [Fact]
    public async Task Nynorsk_TheNextStepIsNamedInNynorsk()
    {
        var noah = await _app.CaseOfPupilAsync("Noah");
        using var client = await _app.SignedInAsync("siri.9a", "nn-NO");

        var html = await client.GetStringAsync($"/saker/{noah}");

        html.Should().Contain("Neste steg etter lova").And.Contain("Kva kan gjerast no");
    }

    private Task<int> ReadsAsync(Guid userId, Guid caseId) =>
        _app.QueryAsync(db => db.AuditEntries.CountAsync(a => a.Action == "ViewCase" && a.UserId == userId && a.CaseId == caseId));

    private static (string, string?) F(string name, string? value) => (name, value);
}
