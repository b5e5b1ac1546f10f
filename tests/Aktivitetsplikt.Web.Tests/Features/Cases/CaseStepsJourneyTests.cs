using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Domain.Organisation;
using Aktivitetsplikt.Web.Features.Cases;
using Aktivitetsplikt.Web.Tests.Support;

namespace Aktivitetsplikt.Web.Tests.Features.Cases;

/// <summary>
/// Every workflow step, in order, built by its slice's form model and sent through the real pipeline as the
/// person who takes it: each is offered to that person first, done, and recorded in order.
/// </summary>
public sealed class CaseStepsJourneyTests : SliceTest
{
    [Fact]
    public async Task EveryStep_FromItsForm_InOrder_IsRecordedInOrder()
    {
        var staff = Org.StaffA;
        var principal = Org.Principal1;
        var team = Org.Team;
        var caseId = (await App.SendAs(staff, new LogConcern.Command(Org.Emma.Id, "Emma ble holdt fast og slått i gangen.", Clock.UtcDateTime.AddHours(-1),
            ConcernLocation.Other, null, false, false, false, false))).CaseId;

        await DoAsync(staff, caseId, CaseTrigger.RecordIntervention, new RecordIntervention.Form { HowIntervened = "Stoppet slåingen.", OccurredAt = "2026-11-18T09:15" });
        await DoAsync(staff, caseId, CaseTrigger.AddComment, new AddComment.Form { Comment = "Emma var lei seg resten av dagen." });
        var first = (await App.LoadCaseAsync(caseId)).Entries.First();
        await DoAsync(staff, caseId, CaseTrigger.CorrectEntry, new CorrectEntry.Form { EntryId = first.Id.ToString(), Correction = "Det var i garderoben." });
        await DoAsync(staff, caseId, CaseTrigger.NotifyPrincipal, new NotifyPrincipal.Form { Note = "Rektor bør se på dette i dag." });
        await DoAsync(principal, caseId, CaseTrigger.StartInvestigation, new StartInvestigation.Form { HowToInvestigate = "Samtaler med de involverte." });
        await DoAsync(principal, caseId, CaseTrigger.RecordFinding, new RecordFinding.Form { Finding = "To elever har holdt Emma fast flere ganger." });
        await DoAsync(principal, caseId, CaseTrigger.RecordPupilVoice, new RecordPupilVoice.Form { View = "NotSafe", WhatWasSaid = "Emma gruer seg til gym." });
        await DoAsync(principal, caseId, CaseTrigger.RecordParentContact, new RecordParentContact.Form { Summary = "Ringte mor; møte fredag." });
        await DoAsync(principal, caseId, CaseTrigger.FlagParticularVulnerability, new FlagParticularVulnerability.Form { Reason = "Emma er særskilt sårbar." });
        await DoAsync(principal, caseId, CaseTrigger.EscalateToSchoolOwner, new EscalateToSchoolOwner.Form { Reason = "Skoleeier bør følge saken." });
        (await PermittedAsync(principal, caseId)).Should().NotContain(CaseTrigger.Close, "the pupil said she is not safe");
        // The plan is adopted in the plan editor, a page of its own: here through its command.
        await App.SendAs(principal, new AdoptPlan.Command(caseId, null, CaseBuilder.CompletePlan(staff, CaseBuilder.EvaluationDate(App))));
        var measure = (await App.LoadCaseAsync(caseId)).Plans.Single().Measures.Single().MeasureKey;
        await DoAsync(staff, caseId, CaseTrigger.RecordMeasureProgress, new RecordMeasureProgress.Form { MeasureKey = measure.ToString(), Status = "UnderWay", Note = "Startet mandag." });
        await DoAsync(principal, caseId, CaseTrigger.StartEvaluation, new StartEvaluation.Form());
        await DoAsync(principal, caseId, CaseTrigger.RecordEvaluation, new RecordEvaluation.Form { PupilView = "Safe", PupilViewText = "Emma sier at hun er trygg nå.", Assessment = "Tiltaket har virket.", ParentsView = "Foreldrene er enige." });
        await DoAsync(principal, caseId, CaseTrigger.Close, new CloseCase.Form { Conclusion = "Emma har et trygt og godt skolemiljø igjen." });
        await DoAsync(principal, caseId, CaseTrigger.RecordCountyGovernorCase, new RecordCountyGovernorCase.Form { Details = "Foreldrene har meldt saken til Statsforvalteren." });
        await DoAsync(team, caseId, CaseTrigger.RecordCountyGovernorDecision, new RecordCountyGovernorDecision.Form { Decision = "Statsforvalteren fant ikke brudd." });
        await DoAsync(principal, caseId, CaseTrigger.Reopen, new ReopenCase.Form { Reason = "Ny hendelse meldt av kontaktlærer." });
        await DoAsync(staff, caseId, CaseTrigger.ReportEmployeeSuspicion, new ReportEmployeeSuspicion.Form { WhatIsSuspected = "En assistent skal ha kjeftet på Emma." });

        var @case = await App.LoadCaseAsync(caseId);
        @case.Entries.OrderBy(e => e.Sequence).Select(e => e.Kind).Should().ContainInOrder(
            EntryKind.ConcernLogged, EntryKind.Intervention, EntryKind.Comment, EntryKind.Correction, EntryKind.PrincipalNotified,
            EntryKind.InvestigationStarted, EntryKind.Finding, EntryKind.PupilVoice, EntryKind.ParentContact, EntryKind.ParticularVulnerability,
            EntryKind.Escalated, EntryKind.PlanAdopted, EntryKind.MeasureProgress, EntryKind.EvaluationStarted,
            EntryKind.Evaluation, EntryKind.Closed, EntryKind.CountyGovernorCase, EntryKind.CountyGovernorDecision, EntryKind.Reopened,
            EntryKind.EmployeeSuspicionReported);
        @case.State.Should().Be(CaseState.Investigating);
        (await App.VerifyChainAsync()).IsIntact.Should().BeTrue();
    }

    public static TheoryData<string, IStepForm, string> BadInput() => new()
    {
        { "a time that is no time", new RecordIntervention.Form { HowIntervened = "x", OccurredAt = "i går" }, "OccurredAt" },
        { "an impossible time", new RecordParentContact.Form { Summary = "x", OccurredAt = "9999-99-99T99:99" }, "OccurredAt" },
        { "a decision date that is no date", new RecordCountyGovernorDecision.Form { Decision = "x", DecidedAt = "snart" }, "DecidedAt" },
        { "a view that is neither", new RecordPupilVoice.Form { View = "Kanskje", WhatWasSaid = "x" }, "View" },
        { "no view", new RecordEvaluation.Form { PupilViewText = "x", Assessment = "x" }, "PupilView" },
        { "a view given as a number", new RecordPupilVoice.Form { View = "0", WhatWasSaid = "x" }, "View" },
        { "a measure that is no id", new RecordMeasureProgress.Form { MeasureKey = "ikke-en-guid", Status = "Done" }, "MeasureKey" },
        { "a status one cannot set", new RecordMeasureProgress.Form { MeasureKey = Guid.NewGuid().ToString(), Status = "Planned" }, "MeasureKey" },
        { "an entry that is no id", new CorrectEntry.Form { EntryId = "ikke-en-guid", Correction = "x" }, "EntryId" },
    };

    [Theory]
    [MemberData(nameof(BadInput))]
    public void BadInput_IsNamedByItsField_NotSent(string what, IStepForm form, string field)
    {
        var invalid = new Dictionary<string, string>();

        var command = form.ToCommand(Guid.NewGuid(), 1, invalid);

        invalid.Should().ContainKey(field, what);
        invalid[field].Should().StartWith("Action.");
        if (command is not null) invalid.Should().NotBeEmpty("a command with unreadable fields is never sent");
    }

    [Fact]
    public async Task AStepNotPermitted_SentAnyway_IsRefused_AndChangesNothing()
    {
        var caseId = await App.ACase().PupilSaysNotSafe().Investigating();
        var before = await App.SnapshotAsync(caseId);
        var form = new CloseCase.Form { Conclusion = "Alt er bra." };

        var send = () => App.SendAs(Org.Principal1, form.ToCommand(caseId, before.Revision, new Dictionary<string, string>()));

        (await send.Should().ThrowAsync<CaseRuleViolation>()).Which.Code.Should().Be(RefusalCode.MeasuresRequired);
        ((await App.SnapshotAsync(caseId)) with { AuditEntries = 0 }).Should().Be(before with { AuditEntries = 0 });
    }

    private async Task<IReadOnlyList<CaseTrigger>> PermittedAsync(UserAccount user, Guid caseId) =>
        (await App.SendAs(user, new GetPermittedActions.Query(caseId))).Actions;

    /// <summary>The step is offered to the user, its form model becomes its command, and the command goes through the pipeline.</summary>
    private async Task DoAsync(UserAccount user, Guid caseId, CaseTrigger trigger, IStepForm form)
    {
        Clock.Advance(TimeSpan.FromMinutes(5));
        var permitted = await App.SendAs(user, new GetPermittedActions.Query(caseId));
        permitted.Actions.Should().Contain(trigger, $"{user.UserName} should be offered {trigger}");
        var invalid = new Dictionary<string, string>();
        var command = form.ToCommand(caseId, permitted.Revision, invalid);
        invalid.Should().BeEmpty();
        StepForms.All.Should().ContainKey(trigger);
        await App.SendAs(user, command!);
    }
}
