using System.Globalization;
using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Domain.Organisation;
using Aktivitetsplikt.Web.Features.Cases;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Tests.Support;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Aktivitetsplikt.Web.Tests.Features.Cases;

/// <summary>
/// The interactive plan editor in bUnit, sending through the real pipeline to a temp SQLite database as the
/// school's principal: rows added and removed, the external name field, the live checklist, adopted, refused.
/// </summary>
public sealed class PlanEditorTests : SliceTest, IDisposable
{
    /// <summary>TestApp's Wednesday 18 November 2026 in Oslo.</summary>
    private static readonly DateOnly Today = new(2026, 11, 18);

    private readonly BunitContext _ui = new();

    public PlanEditorTests()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("nb-NO");
        _ui.Services.AddSingleton<IStringLocalizerFactory, JsonStringLocalizerFactory>();
        _ui.Services.AddScoped<UiText>();
        // The app is made after the constructor (InitializeAsync); the sender is asked for only when the editor renders.
        _ui.Services.AddSingleton(_ => new ScopedSender(App.Services.GetRequiredService<IServiceScopeFactory>(), _signedIn));
        _ui.JSInterop.Mode = JSRuntimeMode.Loose;
        _ui.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    private readonly CurrentUser _signedIn = new(new HttpContextAccessor());

    private async Task<IRenderedComponent<PlanEditor>> EditorAsync(Guid caseId, CaseTrigger trigger, UserAccount? user = null)
    {
        user ??= Org.Principal1;
        _signedIn.ActAs(user);
        var @case = await App.LoadCaseAsync(caseId);
        var candidates = await App.SendAs(user, new ListResponsibleCandidates.Query(caseId));
        var detail = trigger == CaseTrigger.RevisePlan ? await App.SendAs(user, new GetCaseDetail.Query(caseId)) : null;
        return _ui.Render<PlanEditor>(p => p
            .Add(e => e.CaseId, caseId)
            .Add(e => e.Trigger, trigger)
            .Add(e => e.Revision, @case.Revision)
            .Add(e => e.Today, Today)
            .Add(e => e.Candidates, candidates)
            .Add(e => e.CurrentPlan, detail?.CurrentPlan));
    }

    private static int Rows(IRenderedComponent<PlanEditor> editor) => editor.FindAll("[data-testid=measure-row]").Count;

    private static string[] Missing(IRenderedComponent<PlanEditor> editor) =>
        editor.FindAll("[data-testid=plan-checklist] li[data-missing=true]").Select(li => li.GetAttribute("data-part")!).ToArray();

    private static string Value(IRenderedComponent<PlanEditor> editor, string id) => editor.Find($"#{id}").GetAttribute("value") ?? "";

    [Fact]
    public async Task Editor_StartsWithOneMeasureRow_AndAddMeasureAddsARowInPlace()
    {
        var editor = await EditorAsync(await App.ACase().Investigating(), CaseTrigger.AdoptPlan);
        Rows(editor).Should().Be(1, "a plan starts with one measure, not a fixed three");
        editor.FindAll("[data-testid=remove-measure]").Should().BeEmpty("the only row cannot be removed");

        editor.Find("#plan-Measures-0-Description").Input("Voksen i friminuttene");
        editor.Find("[data-testid=add-measure]").Click();

        Rows(editor).Should().Be(2);
        editor.FindAll("[data-testid=measure-row] legend").Select(l => l.TextContent).Should().Equal("Tiltak 1", "Tiltak 2");
        editor.Find("#plan-Measures-1-Description").Should().NotBeNull();
        Value(editor, "plan-Measures-0-Description").Should().Be("Voksen i friminuttene", "adding a row keeps what was typed");
    }

    [Fact]
    public async Task RemovingAMiddleRow_KeepsTheOthersWithWhatWasTyped_AndRenumbersThem()
    {
        var editor = await EditorAsync(await App.ACase().Investigating(), CaseTrigger.AdoptPlan);
        editor.Find("[data-testid=add-measure]").Click();
        editor.Find("[data-testid=add-measure]").Click();
        editor.Find("#plan-Measures-0-Description").Input("Første tiltak");
        editor.Find("#plan-Measures-1-Description").Input("Andre tiltak");
        editor.Find("#plan-Measures-2-Description").Input("Tredje tiltak");
        editor.Find("#plan-Measures-2-When").Input("Hver fredag");

        editor.FindAll("[data-testid=remove-measure]")[1].Click();

        Rows(editor).Should().Be(2);
        Value(editor, "plan-Measures-0-Description").Should().Be("Første tiltak");
        Value(editor, "plan-Measures-1-Description").Should().Be("Tredje tiltak");
        Value(editor, "plan-Measures-1-When").Should().Be("Hver fredag");
        editor.FindAll("[data-testid=measure-row] legend").Select(l => l.TextContent).Should().Equal("Tiltak 1", "Tiltak 2");
    }

    [Fact]
    public async Task ExternalNameField_AppearsOnlyWhenExternalIsChosen()
    {
        var editor = await EditorAsync(await App.ACase().Investigating(), CaseTrigger.AdoptPlan);
        var options = editor.FindAll("#plan-Measures-0-Responsible option").Select(o => o.TextContent).ToList();
        options.Should().Contain(new[] { "Kari A Lærer (Ansatt)", "Randi Rektor (Rektor)" }).And.NotContain(o => o.StartsWith("Nina"), "only the case's school's staff");
        editor.FindAll("#plan-Measures-0-ExternalName").Should().BeEmpty("no name field before 'external' is chosen");

        editor.Find("#plan-Measures-0-Responsible").Change(Org.StaffA.Id.ToString());
        editor.FindAll("#plan-Measures-0-ExternalName").Should().BeEmpty("a staff member needs no typed name");

        editor.Find("#plan-Measures-0-Responsible").Change(PlanForm.External);
        editor.Find("#plan-Measures-0-ExternalName").Should().NotBeNull();
        editor.Find("label[for=plan-Measures-0-ExternalName]").TextContent.Should().Contain("Navn på ekstern ansvarlig");
    }

    [Fact]
    public async Task Checklist_ShrinksAsTheLegalPartsAreFilledIn()
    {
        var editor = await EditorAsync(await App.ACase().Investigating(), CaseTrigger.AdoptPlan);
        editor.Find("[data-testid=plan-checklist-status]").GetAttribute("aria-live").Should().Be("polite");
        Missing(editor).Should().Equal("Problem", "Measures", "When", "Responsible");

        editor.Find("#plan-Problem").Input("Eleven blir holdt utenfor i friminuttene.");
        Missing(editor).Should().Equal("Measures", "When", "Responsible");

        editor.Find("#plan-Measures-0-Description").Input("Voksen til stede i friminuttene");
        Missing(editor).Should().Equal("When", "Responsible");

        editor.Find("#plan-Measures-0-When").Input("Alle storefriminutt");
        Missing(editor).Should().Equal("Responsible");
        editor.Find("[data-testid=plan-checklist-status]").TextContent.Trim().Should().Be("1 av fem deler mangler.");

        editor.Find("#plan-Measures-0-Responsible").Change(PlanForm.External);
        Missing(editor).Should().Equal(new[] { "Responsible" }, "'external' without a name is nobody yet");
        editor.Find("#plan-Measures-0-ExternalName").Input("Helsesykepleier Hanne");
        Missing(editor).Should().BeEmpty();
        editor.Find("[data-testid=plan-checklist-status]").TextContent.Trim().Should().Be("Alle fem delene er med.");

        editor.Find("#plan-EvaluationIn-date").Change(true);
        Missing(editor).Should().Equal(new[] { "EvaluationDate" }, "a date of one's own, not yet given");
        editor.Find("#plan-EvaluationDate").Change("2026-12-09");
        Missing(editor).Should().BeEmpty();
    }

    [Fact]
    public async Task EvaluationChoices_AreOneTwoAndFourWeeksMovedToAWeekday_OrADateOfOnesOwn_TwoWeeksChosen()
    {
        var editor = await EditorAsync(await App.ACase().Investigating(), CaseTrigger.AdoptPlan);

        editor.Find("label[for=plan-EvaluationIn-7]").TextContent.Should().Be("Om én uke (25.11.2026)");
        editor.Find("label[for=plan-EvaluationIn-14]").TextContent.Should().Be("Om to uker (02.12.2026)");
        editor.Find("label[for=plan-EvaluationIn-28]").TextContent.Should().Be("Om fire uker (16.12.2026)");
        editor.Find("#plan-EvaluationIn-14").HasAttribute("checked").Should().BeTrue();
        editor.Find("#plan-EvaluationIn-date").HasAttribute("checked").Should().BeFalse();
    }

    [Fact]
    public async Task CompletePlan_IsAdoptedThroughThePipeline_AndTheEditorGoesBackToTheCase()
    {
        var id = await App.ACase().Investigating();
        var editor = await EditorAsync(id, CaseTrigger.AdoptPlan);

        editor.Find("#plan-Problem").Input("Eleven blir holdt utenfor i friminuttene.");
        editor.Find("#plan-Measures-0-Description").Input("Voksen til stede i friminuttene");
        editor.Find("#plan-Measures-0-When").Input("Alle storefriminutt fra mandag");
        editor.Find("#plan-Measures-0-Responsible").Change(Org.StaffA.Id.ToString());
        editor.Find("[data-testid=add-measure]").Click();
        editor.Find("#plan-Measures-1-Description").Input("Samtaler med helsesykepleier");
        editor.Find("#plan-Measures-1-When").Input("Hver tirsdag");
        editor.Find("#plan-Measures-1-Responsible").Change(PlanForm.External);
        editor.Find("#plan-Measures-1-ExternalName").Input("Helsesykepleier Hanne");
        editor.Find("#plan-EvaluationIn-28").Change(true);
        editor.Find("#plan-PupilView").Input("Eleven ønsker en voksen ute.");
        editor.Find("[data-testid=plan-form]").Submit();

        var navigation = _ui.Services.GetRequiredService<NavigationManager>();
        editor.WaitForAssertion(() => navigation.Uri.Should().EndWith($"/saker/{id}?utfort=AdoptPlan"), TimeSpan.FromSeconds(10));
        var @case = await App.LoadCaseAsync(id);
        @case.State.Should().Be(CaseState.Measures);
        var plan = @case.CurrentPlan!;
        plan.EvaluationDate.Should().Be(new DateOnly(2026, 12, 16));
        plan.PupilView.Should().Be("Eleven ønsker en voksen ute.");
        plan.Measures.Select(m => (m.Description, m.ResponsibleName, m.ResponsibleUserId)).Should().Equal(
            ("Voksen til stede i friminuttene", "Kari A Lærer", Org.StaffA.Id),
            ("Samtaler med helsesykepleier", "Helsesykepleier Hanne", (Guid?)null));
    }

    [Fact]
    public async Task IncompletePlan_IsRefused_EachMessageByTheRowThatIsWrong_AndNothingTypedIsLost()
    {
        var id = await App.ACase().Investigating();
        var before = await App.SnapshotAsync(id);
        var editor = await EditorAsync(id, CaseTrigger.AdoptPlan);
        editor.Find("#plan-Measures-0-Description").Input("Voksen til stede i friminuttene");
        editor.Find("#plan-Measures-0-When").Input("Alle storefriminutt");
        editor.Find("#plan-Measures-0-Responsible").Change(Org.StaffA.Id.ToString());
        editor.Find("[data-testid=add-measure]").Click();
        editor.Find("#plan-Measures-1-Description").Input("Samtaler med helsesykepleier");
        editor.Find("#plan-Measures-1-Responsible").Change(PlanForm.External);

        editor.Find("[data-testid=plan-form]").Submit();

        editor.WaitForAssertion(() => editor.Find("[data-testid=error-summary]"), TimeSpan.FromSeconds(10));
        var summary = editor.Find("[data-testid=error-summary]");
        summary.QuerySelector("h2")!.TextContent.Should().Contain("Aktivitetsplanen mangler deler loven krever")
            .And.Contain("c) når tiltakene skal gjennomføres").And.Contain("d) hvem som skal gjennomføre tiltakene");
        summary.QuerySelectorAll("li a").Select(a => (a.GetAttribute("href"), a.TextContent)).Should().Equal(
            ("#plan-Problem", "Mangler a) problemet tiltakene skal løse."),
            ("#plan-Measures-1-When", "Tiltak 2: mangler når tiltaket skal gjennomføres."),
            ("#plan-Measures-1-ExternalName", "Tiltak 2: mangler hvem som skal gjennomføre tiltaket."));
        editor.Find("#plan-Measures-1-ExternalName-error").TextContent.Trim().Should().Be("Tiltak 2: mangler hvem som skal gjennomføre tiltaket.");
        editor.Find("#plan-Measures-1-ExternalName").GetAttribute("aria-describedby").Should().Contain("plan-Measures-1-ExternalName-error");
        editor.FindAll("#plan-Measures-0-When-error, #plan-Measures-0-Responsible-error").Should().BeEmpty("the first measure is complete");
        Value(editor, "plan-Measures-0-When").Should().Be("Alle storefriminutt");
        Value(editor, "plan-Measures-1-Description").Should().Be("Samtaler med helsesykepleier");
        editor.Find("[data-testid=plan-not-saved]").Should().NotBeNull();
        ((await App.SnapshotAsync(id)) with { AuditEntries = 0 }).Should().Be(before with { AuditEntries = 0 }, "a refused step changes nothing but the audit log");
        (await App.LoadCaseAsync(id)).Plans.Should().BeEmpty();
    }

    [Fact]
    public async Task Revision_StartsFromTheCurrentPlan_ReportsAMissingSummaryAndPartTogether_ThenKeepsTheMeasureKey()
    {
        var id = await App.ACase().Measures();
        var current = (await App.LoadCaseAsync(id)).CurrentPlan!;
        var editor = await EditorAsync(id, CaseTrigger.RevisePlan);
        Value(editor, "plan-Measures-0-Description").Should().Be(current.Measures[0].Description);
        Value(editor, "plan-Problem").Should().Be(current.Problem);

        editor.Find("#plan-Measures-0-When").Input("");
        editor.Find("[data-testid=add-measure]").Click();
        editor.Find("#plan-Measures-1-When").Input("Hver mandag");
        editor.Find("[data-testid=plan-form]").Submit();

        editor.WaitForAssertion(() => editor.Find("[data-testid=error-summary]"), TimeSpan.FromSeconds(10));
        editor.FindAll("[data-testid=error-summary] li a").Select(a => a.GetAttribute("href")).Should().Equal(
            new[] { "#plan-Measures-0-When", "#plan-Measures-1-Description", "#plan-ChangeSummary" }, "every problem at once, in the order of the page");
        editor.Find("#plan-Measures-1-Description-error").TextContent.Should().Contain("Tiltak 2:");

        editor.Find("#plan-Measures-0-When").Input("Alle storefriminutt, også i gymtimene");
        editor.Find("#plan-Measures-1-Description").Input("Samtale med klassen");
        editor.Find("#plan-Measures-1-Responsible").Change(Org.StaffB.Id.ToString());
        editor.Find("#plan-ChangeSummary").Input("Også gymtimene, og en samtale med klassen.");
        editor.Find("[data-testid=plan-form]").Submit();

        var navigation = _ui.Services.GetRequiredService<NavigationManager>();
        editor.WaitForAssertion(() => navigation.Uri.Should().EndWith($"/saker/{id}?utfort=RevisePlan"), TimeSpan.FromSeconds(10));
        var revised = (await App.LoadCaseAsync(id)).CurrentPlan!;
        revised.Version.Should().Be(2);
        revised.ChangeSummary.Should().Be("Også gymtimene, og en samtale med klassen.");
        revised.Measures[0].MeasureKey.Should().Be(current.Measures[0].MeasureKey, "status follows the measure across versions");
        revised.Measures[1].ResponsibleUserId.Should().Be(Org.StaffB.Id);
    }

    public void Dispose() => _ui.Dispose();

    [Fact]
    public async Task APlanRefusedBecauseAnotherPrincipalFixedOneFirst_KeepsEveryFieldTyped()
    {
        var caseId = await App.ACase().Investigating();
        var editor = await EditorAsync(caseId, CaseTrigger.AdoptPlan);
        var responsible = Org.StaffA.Id.ToString();

        editor.Find("#plan-Problem").Input("Eleven blir holdt utenfor i friminuttene.");
        editor.Find("#plan-Measures-0-Description").Input("En voksen ute i hvert friminutt.");
        editor.Find("#plan-Measures-0-When").Input("Fra mandag, hver dag.");
        editor.Find("#plan-Measures-0-EvaluateOn").Change("2026-12-01");
        editor.Find("#plan-Measures-0-Responsible").Change(responsible);
        editor.Find("#plan-EvaluationIn-date").Change(true);
        editor.Find("#plan-EvaluationDate").Change("2026-12-09");
        editor.Find("#plan-PupilView").Input("Eleven vil ha en voksen i nærheten.");
        editor.Find("#plan-PupilHeardHow").Input("Samtale med kontaktlærer 17. november.");
        editor.Find("#plan-ParentsView").Input("Foreldrene er enige i tiltakene.");
        editor.Find("#plan-ParentsInformedHow").Input("Møte med foreldrene 17. november.");

        // Another principal's session fixes a plan on the same case after this editor was loaded.
        await App.SendAs(Org.Principal1, new AdoptPlan.Command(caseId, null, CaseBuilder.CompletePlan(Org.StaffB, new DateOnly(2026, 12, 9))));
        editor.Find("form").Submit();

        editor.WaitForAssertion(() => editor.Markup.Should().Contain("står fortsatt i skjemaet"));
        Value(editor, "plan-Problem").Should().Be("Eleven blir holdt utenfor i friminuttene.");
        Value(editor, "plan-Measures-0-Description").Should().Be("En voksen ute i hvert friminutt.");
        Value(editor, "plan-Measures-0-When").Should().Be("Fra mandag, hver dag.");
        Value(editor, "plan-Measures-0-EvaluateOn").Should().Be("2026-12-01");
        Value(editor, "plan-Measures-0-Responsible").Should().Be(responsible);
        Value(editor, "plan-EvaluationDate").Should().Be("2026-12-09");
        Value(editor, "plan-PupilView").Should().Be("Eleven vil ha en voksen i nærheten.");
        Value(editor, "plan-PupilHeardHow").Should().Be("Samtale med kontaktlærer 17. november.");
        Value(editor, "plan-ParentsView").Should().Be("Foreldrene er enige i tiltakene.");
        Value(editor, "plan-ParentsInformedHow").Should().Be("Møte med foreldrene 17. november.");
        (await App.LoadCaseAsync(caseId)).Plans.Should().ContainSingle("the second plan was refused, not saved over the first");
    }

    [Fact]
    public async Task APlanOvertakenByAnotherPrincipals_IsSentAsARevisionOfTheirs_WithWhatWasTyped()
    {
        var caseId = await App.ACase().Investigating();
        var editor = await EditorAsync(caseId, CaseTrigger.AdoptPlan);
        editor.Find("#plan-Problem").Input("Eleven blir holdt utenfor i friminuttene.");
        editor.Find("#plan-Measures-0-Description").Input("En voksen ute i hvert friminutt.");
        editor.Find("#plan-Measures-0-When").Input("Fra mandag, hver dag.");
        editor.Find("#plan-Measures-0-Responsible").Change(Org.StaffA.Id.ToString());
        editor.Find("#plan-EvaluationIn-28").Change(true);
        await App.SendAs(Org.Principal1, new AdoptPlan.Command(caseId, null, CaseBuilder.CompletePlan(Org.StaffB, new DateOnly(2026, 12, 9))));

        editor.Find("form").Submit();
        editor.WaitForAssertion(() => editor.Find("[data-testid=plan-overtaken]").TextContent.Should().Contain("ble det fastsatt en plan"));
        editor.FindAll("#plan-ChangeSummary").Should().ContainSingle("the form is now a revision of the plan that was fixed meanwhile");
        editor.Find("[data-testid=plan-submit]").TextContent.Should().Contain("Revider");

        editor.Find("#plan-ChangeSummary").Input("Tiltaket fra samtalen med eleven er lagt til.");
        editor.Find("form").Submit();
        var navigation = _ui.Services.GetRequiredService<NavigationManager>();
        editor.WaitForAssertion(() => navigation.Uri.Should().EndWith($"/saker/{caseId}?utfort=RevisePlan"), TimeSpan.FromSeconds(10));
        var plans = (await App.LoadCaseAsync(caseId)).Plans;
        plans.Should().HaveCount(2, "the other principal's plan stays as version 1, this one is version 2");
        plans.OrderBy(p => p.Version).Last().Problem.Should().Be("Eleven blir holdt utenfor i friminuttene.");
    }

    [Fact]
    public async Task ADelegate_FixesThePlanInTheEditor_WithThePrincipalsRights_RecordedUnderTheirOwnName()
    {
        var id = await App.ACase().Investigating();
        await App.SendAs(Org.Principal1, new Aktivitetsplikt.Web.Features.Delegations.DelegateCases.Command(Org.StaffB.Id, id, null, "Avdelingsleder for trinnet."));
        var editor = await EditorAsync(id, CaseTrigger.AdoptPlan, Org.StaffB);

        editor.Find("#plan-Problem").Input("Eleven blir holdt utenfor i friminuttene.");
        editor.Find("#plan-Measures-0-Description").Input("Voksen til stede i friminuttene");
        editor.Find("#plan-Measures-0-When").Input("Alle storefriminutt fra mandag");
        editor.Find("#plan-Measures-0-Responsible").Change(Org.StaffA.Id.ToString());
        editor.Find("#plan-EvaluationIn-28").Change(true);
        editor.Find("[data-testid=plan-form]").Submit();

        var navigation = _ui.Services.GetRequiredService<NavigationManager>();
        editor.WaitForAssertion(() => navigation.Uri.Should().EndWith($"/saker/{id}?utfort=AdoptPlan"), TimeSpan.FromSeconds(10));
        var @case = await App.LoadCaseAsync(id);
        @case.State.Should().Be(CaseState.Measures);
        var adopted = @case.Entries.Single(e => e.Kind == EntryKind.PlanAdopted);
        adopted.ActorUserId.Should().Be(Org.StaffB.Id);
        adopted.ActorRole.Should().Be(Role.Principal, "the delegate acts with the principal's rights on this case");
    }
}
