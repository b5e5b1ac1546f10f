using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Domain.Organisation;
using Aktivitetsplikt.Web.Features.Cases;
using Aktivitetsplikt.Web.Tests.Support;
using Bunit;

namespace Aktivitetsplikt.Web.Tests.Components;

/// <summary>
/// The step forms in bUnit over the real pipeline and a real SQLite file: typing and submitting records the
/// step; a refusal shows the domain's Norwegian reason by the form and keeps what was typed.
/// </summary>
public sealed class StepFormTests : SliceTest
{
    private async Task<GetCaseDetail.Result> DetailAsync(Guid caseId, UserAccount viewer) =>
        await App.SendAs(viewer, new GetCaseDetail.Query(caseId));

    private static IRenderedComponent<TForm> Render<TForm>(StepContext context, CaseTrigger trigger, GetCaseDetail.Result detail, UserAccount viewer,
        List<StepOutcome> outcomes) where TForm : StepComponent =>
        context.Render<TForm>(p => p
            .Add(c => c.Trigger, trigger)
            .Add(c => c.Case, detail)
            .Add(c => c.Viewer, new StepViewer(viewer.Id, viewer.Role, new DateOnly(2026, 11, 18)))
            .Add(c => c.OnOutcome, outcome => outcomes.Add(outcome)));

    [Fact]
    public async Task TypingAndSubmittingAComment_RecordsIt_AndEmptiesTheForm()
    {
        var caseId = await App.ACase().Investigating();
        using var context = new StepContext(App, Org.Principal1);
        var outcomes = new List<StepOutcome>();
        var form = Render<AddCommentForm>(context, CaseTrigger.AddComment, await DetailAsync(caseId, Org.Principal1), Org.Principal1, outcomes);

        form.Find("#a-AddComment-Comment").Change("Mor ringte og fortalte om en ny episode.");
        form.Find("form").Submit();

        form.WaitForAssertion(() => outcomes.Should().ContainSingle().Which.Should().Be(new StepOutcome(CaseTrigger.AddComment, Done: true)));
        var @case = await App.LoadCaseAsync(caseId);
        @case.Entries.Last().Kind.Should().Be(EntryKind.Comment);
        @case.Entries.Last().Text.Should().Be("Mor ringte og fortalte om en ny episode.");
        form.Find("#a-AddComment-Comment").GetAttribute("value").Should().BeNullOrEmpty("a step done leaves an empty form");
    }

    [Fact]
    public async Task TheEvaluation_WithTheRadioAndTwoTexts_IsRecordedWithThePupilsView()
    {
        var caseId = await App.ACase().PupilSaysNotSafe().Evaluating();
        using var context = new StepContext(App, Org.Principal1);
        var outcomes = new List<StepOutcome>();
        var form = Render<RecordEvaluationForm>(context, CaseTrigger.RecordEvaluation, await DetailAsync(caseId, Org.Principal1), Org.Principal1, outcomes);

        form.Find("#a-RecordEvaluation-PupilView-safe").Change(true);
        form.Find("#a-RecordEvaluation-PupilViewText").Change("Eleven sier at det er bra nå.");
        form.Find("#a-RecordEvaluation-Assessment").Change("Tiltakene har virket.");
        form.Find("#a-RecordEvaluation-ParentsView").Change("Foreldrene er glade for endringen.");
        form.Find("form").Submit();

        form.WaitForAssertion(() => form.Find("[data-testid=action-error]").TextContent.Should().Contain("Skriv skolens vurdering av dette tiltaket."));
        outcomes.Should().BeEmpty("every measure of the plan needs the school's assessment");
        form.Find("textarea[id^='a-RecordEvaluation-Measure-']").Change("En voksen var ute hvert friminutt.");
        form.Find("form").Submit();

        form.WaitForAssertion(() => outcomes.Should().ContainSingle().Which.Done.Should().BeTrue());
        (await App.LoadCaseAsync(caseId)).Entries.Should().ContainSingle(e => e.Kind == EntryKind.MeasureEvaluated)
            .Which.Text.Should().Be("En voksen var ute hvert friminutt.");
        var evaluation = (await App.LoadCaseAsync(caseId)).Entries.Last(e => e.Kind == EntryKind.Evaluation);
        evaluation.ParentsView.Should().Be("Foreldrene er glade for endringen.");
        evaluation.PupilView.Should().Be(PupilView.Safe);
    }

    [Fact]
    public async Task ClosingBeforeThePupilIsHeard_IsRefusedWithTheReasonByTheForm_AndTheTextStays()
    {
        var caseId = await App.ACase().Investigating();
        var before = await App.SnapshotAsync(caseId);
        using var context = new StepContext(App, Org.Principal1);
        var outcomes = new List<StepOutcome>();
        var form = Render<CloseCaseForm>(context, CaseTrigger.Close, await DetailAsync(caseId, Org.Principal1), Org.Principal1, outcomes);
        const string typed = "Undersøkelsen viser <b>ingen</b> krenkelser.";

        form.Find("#a-Close-Conclusion").Change(typed);
        form.Find("form").Submit();

        form.WaitForAssertion(() => form.Find("[data-testid=action-error]").TextContent.Should().Contain("Eleven er ikke hørt"));
        outcomes.Should().ContainSingle().Which.Done.Should().BeFalse();
        form.Find("#a-Close-Conclusion").GetAttribute("value").Should().Be(typed, "what the user typed is kept, as text");
        ((await App.SnapshotAsync(caseId)) with { AuditEntries = 0 }).Should().Be(before with { AuditEntries = 0 }, "nothing of the case changed");
    }

    [Fact]
    public async Task AStalePage_IsRefusedAsAConflict_AndTheTextStays()
    {
        var caseId = await App.ACase().Investigating();
        var stale = await DetailAsync(caseId, Org.Principal1);
        await App.SendAs(Org.Principal1, new AddComment.Command(caseId, null, "Først."));
        using var context = new StepContext(App, Org.Principal1);
        var outcomes = new List<StepOutcome>();
        var form = Render<AddCommentForm>(context, CaseTrigger.AddComment, stale, Org.Principal1, outcomes);

        form.Find("#a-AddComment-Comment").Change("Skrevet på en gammel side.");
        form.Find("form").Submit();

        form.WaitForAssertion(() => form.Find("[data-testid=action-error]").TextContent.Should().Contain("Saken ble endret av noen andre"));
        outcomes.Should().ContainSingle().Which.Should().Be(new StepOutcome(CaseTrigger.AddComment, Done: false, Conflict: true));
        form.Find("#a-AddComment-Comment").GetAttribute("value").Should().Be("Skrevet på en gammel side.");
        (await App.LoadCaseAsync(caseId)).Entries.Count(e => e.Kind == EntryKind.Comment).Should().Be(1);
    }

    [Fact]
    public async Task StaffStartingTheInvestigation_IsRefusedInNorwegian()
    {
        var caseId = await App.ACase().PrincipalNotified();
        using var context = new StepContext(App, Org.StaffA);
        var outcomes = new List<StepOutcome>();
        var form = Render<StartInvestigationForm>(context, CaseTrigger.StartInvestigation, await DetailAsync(caseId, Org.StaffA), Org.StaffA, outcomes);

        form.Find("#a-StartInvestigation-HowToInvestigate").Change("Jeg starter undersøkelsen.");
        form.Find("form").Submit();

        form.WaitForAssertion(() => form.Find("[data-testid=action-error]").TextContent.Should().Contain("Rollen din kan ikke gjøre dette steget i saken."));
        (await App.LoadCaseAsync(caseId)).State.Should().Be(CaseState.PrincipalNotified);
    }

    [Fact]
    public async Task AnEmptyPupilVoice_NamesEveryMissingFieldAtOnce_ByItsField_AndSendsNothing()
    {
        var caseId = await App.ACase().Investigating();
        var before = await App.SnapshotAsync(caseId);
        using var context = new StepContext(App, Org.Principal1);
        var outcomes = new List<StepOutcome>();
        var form = Render<RecordPupilVoiceForm>(context, CaseTrigger.RecordPupilVoice, await DetailAsync(caseId, Org.Principal1), Org.Principal1, outcomes);

        form.Find("form").Submit();

        form.WaitForAssertion(() => form.Find("[data-testid=action-error]").TextContent.Should().Contain("Skjemaet har feil"));
        form.Find("#a-RecordPupilVoice-View-error").TextContent.Should().Be("Velg hva eleven sier: er skolemiljøet trygt og godt eller ikke?");
        form.Find("#a-RecordPupilVoice-WhatWasSaid-error").TextContent.Should().Be("Skriv hva eleven (eller foreldrene) sa.");
        form.FindAll("[data-testid=action-error] li a").Select(a => a.GetAttribute("href"))
            .Should().Equal("#a-RecordPupilVoice-View", "#a-RecordPupilVoice-WhatWasSaid");
        outcomes.Should().BeEmpty("nothing was sent");
        ((await App.SnapshotAsync(caseId)) with { AuditEntries = 0 }).Should().Be(before with { AuditEntries = 0 }, "nothing of the case changed");
    }

    [Fact]
    public async Task ABadTime_IsNamedByItsField_AndNothingIsSent()
    {
        var caseId = await App.ACase().Investigating();
        using var context = new StepContext(App, Org.Principal1);
        var outcomes = new List<StepOutcome>();
        var form = Render<RecordFindingForm>(context, CaseTrigger.RecordFinding, await DetailAsync(caseId, Org.Principal1), Org.Principal1, outcomes);

        form.Find("#a-RecordFinding-Finding").Change("To elever har sendt meldinger.");
        form.Find("#a-RecordFinding-OccurredAt").Change("i går");
        form.Find("form").Submit();

        form.WaitForAssertion(() => form.Find("#a-RecordFinding-OccurredAt-error").TextContent.Should().Be("Skriv dato og klokkeslett."));
        form.Find("#a-RecordFinding-Finding").GetAttribute("value").Should().Be("To elever har sendt meldinger.");
        outcomes.Should().BeEmpty();
    }
}
