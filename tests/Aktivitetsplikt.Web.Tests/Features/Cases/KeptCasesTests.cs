using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Domain.Organisation;
using Aktivitetsplikt.Web.Features.Cases;
using Aktivitetsplikt.Web.Features.Evidence;
using Aktivitetsplikt.Web.Features.Family;
using Aktivitetsplikt.Web.Features.SiFra;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Tests.Features.Evidence;
using Aktivitetsplikt.Web.Tests.Support;
using AutoMapper;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aktivitetsplikt.Web.Tests.Features.Cases;

/// <summary>
/// The case page keeps a case read at one revision and reads it again only when its revision has changed (ADR 034). These
/// tests prove that what it shows and the steps it offers are, after every kind of change, those of the case read afresh
/// from the database, for each person who may see it — and that keeping a case gives nobody a case they may not see.
/// </summary>
public sealed class KeptCasesTests : SliceTest
{
    [Fact]
    public async Task TheCaseShown_AfterEveryKindOfStep_IsTheCaseReadAfresh_ForEveryViewer()
    {
        var (staff, responsible, principal, team) = (Org.StaffA, Org.StaffB, Org.Principal1, Org.Team);
        var caseId = (await App.SendAs(staff, new LogConcern.Command(Org.Emma.Id, "Emma ble holdt fast i gangen.", Clock.UtcDateTime.AddHours(-1),
            ConcernLocation.Other, null, false, false, false, false))).CaseId;
        UserAccount[] viewers = [staff, principal, team];
        await ShownAsReadAfreshAsync(caseId, viewers);

        async Task Step(UserAccount user, CaseTrigger trigger, IStepForm form)
        {
            Clock.Advance(TimeSpan.FromMinutes(5));
            var revision = (await App.SendAs(user, new GetPermittedActions.Query(caseId))).Revision;
            var command = form.ToCommand(caseId, revision, new Dictionary<string, string>());
            command.Should().NotBeNull(trigger.ToString());
            await App.SendAs(user, command!);
            await ShownAsReadAfreshAsync(caseId, viewers);
        }

        async Task Send<T>(UserAccount user, MediatR.IRequest<T> command)
        {
            Clock.Advance(TimeSpan.FromMinutes(5));
            await App.SendAs(user, command);
            await ShownAsReadAfreshAsync(caseId, viewers);
        }

        await Step(staff, CaseTrigger.RecordIntervention, new RecordIntervention.Form { HowIntervened = "Stoppet det." });
        await Step(staff, CaseTrigger.AddComment, new AddComment.Form { Comment = "Emma var lei seg." });
        var first = (await App.LoadCaseAsync(caseId)).Entries.First();
        await Step(staff, CaseTrigger.CorrectEntry, new CorrectEntry.Form { EntryId = first.Id.ToString(), Correction = "Det var i garderoben." });
        await Send(staff, new AddAttachment.Command(caseId, null, "bilde.png", null) { Content = TestFiles.Png() });
        var attachment = (await App.LoadCaseAsync(caseId)).Attachments.Single().Id;
        await Step(staff, CaseTrigger.NotifyPrincipal, new NotifyPrincipal.Form { Note = "Se på dette i dag." });
        await Send(principal, new SetAttachmentFamilyVisibility.Command(caseId, null, attachment, true));
        await Send(principal, new RecordMeeting.Command(caseId, null, Clock.UtcDateTime.AddHours(-2), MeetingParticipants.Guardians, null,
            "Vi snakket om friminuttene.", "Voksen ute i friminuttene", null, false));
        await Step(principal, CaseTrigger.StartInvestigation, new StartInvestigation.Form { HowToInvestigate = "Samtaler." });
        await Send(principal, new HearOtherPupil.Command(caseId, null, "Ola Nordmann", "Ola så det."));
        await Step(principal, CaseTrigger.RecordFinding, new RecordFinding.Form { Finding = "Emma er holdt fast flere ganger." });
        await Step(principal, CaseTrigger.RecordPupilVoice, new RecordPupilVoice.Form { View = "NotSafe", WhatWasSaid = "Emma gruer seg." });
        await Step(principal, CaseTrigger.RecordParentContact, new RecordParentContact.Form { Summary = "Ringte mor." });
        await Step(principal, CaseTrigger.FlagParticularVulnerability, new FlagParticularVulnerability.Form { Reason = "Særskilt sårbar." });
        await Step(principal, CaseTrigger.EscalateToSchoolOwner, new EscalateToSchoolOwner.Form { Reason = "Skoleeier bør følge saken." });
        await Send(principal, new AdoptPlan.Command(caseId, null, CaseBuilder.CompletePlan(responsible, CaseBuilder.EvaluationDate(App))));
        // The measure's responsible may see the case from now on, and is the one staff member offered progress on it.
        viewers = [staff, responsible, principal, team];
        await ShownAsReadAfreshAsync(caseId, viewers);
        await Send(principal, new RevisePlan.Command(caseId, null, CaseBuilder.CompletePlan(responsible, CaseBuilder.EvaluationDate(App), "Revidert."), "Justert."));
        var measure = (await App.LoadCaseAsync(caseId)).CurrentPlan!.Measures.Single().MeasureKey;
        await Step(responsible, CaseTrigger.RecordMeasureProgress, new RecordMeasureProgress.Form { MeasureKey = measure.ToString(), Status = "UnderWay", Note = "Startet." });
        await Step(principal, CaseTrigger.StartEvaluation, new StartEvaluation.Form());
        await Step(principal, CaseTrigger.RecordEvaluation, new RecordEvaluation.Form { PupilView = "Safe", PupilViewText = "Trygg nå.", Assessment = "Virket.", ParentsView = "Enige." });
        await Send(staff, new WithdrawAttachment.Command(caseId, null, attachment, "Feil bilde."));
        await Step(principal, CaseTrigger.Close, new CloseCase.Form { Conclusion = "Trygt og godt skolemiljø igjen." });
        await Step(principal, CaseTrigger.RecordCountyGovernorCase, new RecordCountyGovernorCase.Form { Details = "Meldt til Statsforvalteren." });
        await Step(team, CaseTrigger.RecordCountyGovernorDecision, new RecordCountyGovernorDecision.Form { Decision = "Ikke brudd." });
        await Step(principal, CaseTrigger.Reopen, new ReopenCase.Form { Reason = "Ny hendelse." });
        await Step(staff, CaseTrigger.ReportEmployeeSuspicion, new ReportEmployeeSuspicion.Form { WhatIsSuspected = "En assistent kjeftet." });

        (await App.LoadCaseAsync(caseId)).Revision.Should().BeGreaterThan(20, "every step above changed the case");
    }

    [Fact]
    public async Task TheCaseShown_AfterASiFraPupilIsIdentified_TheFamilySpeaks_AndThePupilLeaves_IsTheCaseReadAfresh()
    {
        await App.SendAs(null, new SendSiFra.Command(Org.School1.Id, SiFraSender.Other, "Noen i 5A blir holdt utenfor.", null, null,
            SiFraFeelsSafe.Unsure, null, null, Guid.NewGuid()));
        var caseId = await App.WithDb(db => db.Cases.Select(c => c.Id).SingleAsync());
        UserAccount[] viewers = [Org.Principal1, Org.Team];
        await ShownAsReadAfreshAsync(caseId, viewers);

        await App.SendAs(Org.Principal1, new IdentifyPupil.Command(caseId, null, Org.Emma.Id, "Kontaktlærer kjente igjen situasjonen."));
        await ShownAsReadAfreshAsync(caseId, viewers);
        (await App.SendAs(Org.Principal1, new GetCaseDetail.Query(caseId))).PupilName.Should().Be("Emma Hansen");

        var guardian = new UserAccount("foresatt-" + Guid.NewGuid().ToString("N")[..12], "Marte Foresatt", Role.Guardian, Org.Owner.Id, null);
        await App.WithDb(async db =>
        {
            db.Users.Add(guardian);
            db.Guardianships.Add(new Guardianship(Org.Emma.Id, guardian.Id, "mor", Org.Admin.Id, Clock.UtcDateTime));
            return await db.SaveChangesAsync();
        });
        await App.SendAs(guardian, new GiveFamilyView.Command(caseId, null, "Foreldrenes syn.", "Det Emma sa hjemme.", PupilView.NotSafe));
        await ShownAsReadAfreshAsync(caseId, viewers);
        await App.SendAs(guardian, new RequestMeeting.Command(caseId, null, "Vi vil snakke om det som skjedde.", null));
        await ShownAsReadAfreshAsync(caseId, viewers);

        await App.SendAs(Org.Principal1, new CloseAsPupilLeftSchool.Command(caseId, null, DateOnly.FromDateTime(Clock.UtcDateTime.AddDays(-1)),
            "Nordby skole", false, null, "Foreldrene", "Familien flyttet."));
        await ShownAsReadAfreshAsync(caseId, viewers);
        (await App.SendAs(Org.Principal1, new GetCaseDetail.Query(caseId))).Departure.Should().NotBeNull();
    }

    [Fact]
    public async Task TheCaseShown_AfterTheClockPassesADeadline_IsOverdue_ThoughTheCaseIsKept()
    {
        var id = await App.ACase().PrincipalNotified();
        var before = await App.SendAs(Org.Principal1, new GetCaseDetail.Query(id));
        before.IsOverdue.Should().BeFalse();

        Clock.Advance(TimeSpan.FromDays(30));
        var after = await App.SendAs(Org.Principal1, new GetCaseDetail.Query(id));

        after.Timeline.Should().BeSameAs(before.Timeline, "nothing changed, so the kept case is shown");
        after.IsOverdue.Should().BeTrue();
    }

    [Fact]
    public async Task AKeptCase_IsReadAgain_OnlyWhenItsRevisionChanged()
    {
        var id = await App.ACase().Investigating();

        var first = await App.SendAs(Org.Principal1, new GetCaseDetail.Query(id));
        var again = await App.SendAs(Org.Team, new GetCaseDetail.Query(id));
        await App.SendAs(Org.Principal1, new RecordFinding.Command(id, first.Revision, "Funnet.", null, null));
        var changed = await App.SendAs(Org.Team, new GetCaseDetail.Query(id));

        again.Timeline.Should().BeSameAs(first.Timeline);
        changed.Timeline.Should().NotBeSameAs(first.Timeline);
        changed.Revision.Should().Be(first.Revision + 1);
        changed.Timeline[^1].Kind.Should().Be(EntryKind.Finding);
    }

    [Fact]
    public async Task AKeptCase_IsRefusedToWhoeverMayNotSeeIt()
    {
        var id = await App.ACase().Investigating();
        await App.SendAs(Org.Principal1, new GetCaseDetail.Query(id, WithDocumentOptions: true));
        await App.SendAs(Org.StaffA, new GetPermittedActions.Query(id));

        await FluentActions.Awaiting(() => App.SendAs(Org.Principal2, new GetCaseDetail.Query(id))).Should().ThrowAsync<NotFoundOrNoAccessException>();
        await FluentActions.Awaiting(() => App.SendAs(Org.StaffB, new GetCaseDetail.Query(id))).Should().ThrowAsync<NotFoundOrNoAccessException>();
        await FluentActions.Awaiting(() => App.SendAs(Org.Principal2, new GetPermittedActions.Query(id))).Should().ThrowAsync<NotFoundOrNoAccessException>();
    }

    [Fact]
    public async Task AKeptCase_OffersEachViewerTheirOwnSteps()
    {
        var id = await App.ACase().MeasureResponsible(Org.StaffB).Measures();

        var reporter = await App.SendAs(Org.StaffA, new GetCaseDetail.Query(id));
        var responsible = await App.SendAs(Org.StaffB, new GetCaseDetail.Query(id));
        var principal = await App.SendAs(Org.Principal1, new GetCaseDetail.Query(id, WithDocumentOptions: true));
        var staffAgain = await App.SendAs(Org.StaffA, new GetCaseDetail.Query(id, WithDocumentOptions: true));

        responsible.Timeline.Should().BeSameAs(reporter.Timeline, "one kept case serves them all");
        reporter.PermittedActions.Should().NotContain(CaseTrigger.RecordMeasureProgress, "the reporter has no measure");
        responsible.PermittedActions.Should().Contain(CaseTrigger.RecordMeasureProgress);
        principal.PermittedActions.Should().Contain([CaseTrigger.RevisePlan, CaseTrigger.StartEvaluation, CaseTrigger.RecordDocument]);
        principal.DocumentOptions.Should().NotBeNull();
        staffAgain.DocumentOptions.Should().BeNull("staff make no documents");
        staffAgain.PermittedActions.Should().Equal(reporter.PermittedActions);
    }

    /// <summary>
    /// Each viewer's page, through the kept case, against the case read afresh from the database: the same history, plan
    /// versions, flags, deadlines and evidence, and the same steps asked of the fresh case's workflow for the same person.
    /// </summary>
    private async Task ShownAsReadAfreshAsync(Guid caseId, IEnumerable<UserAccount> viewers)
    {
        var mapper = App.Services.GetRequiredService<IMapper>();
        foreach (var viewer in viewers)
        {
            var shown = await App.SendAs(viewer, new GetCaseDetail.Query(caseId, WithDocumentOptions: true));
            var permitted = await App.SendAs(viewer, new GetPermittedActions.Query(caseId));
            var fresh = await App.LoadCaseAsync(caseId);
            var expected = KeptCase.From(fresh, mapper);
            var because = $"{viewer.UserName} at revision {fresh.Revision}";

            shown.Revision.Should().Be(fresh.Revision, because);
            shown.State.Should().Be(fresh.State, because);
            shown.PermittedActions.Should().Equal(fresh.PermittedTriggers(viewer.AsActor()), because);
            permitted.Actions.Should().Equal(shown.PermittedActions, because);
            permitted.Revision.Should().Be(fresh.Revision, because);
            shown.Timeline.Should().BeEquivalentTo(expected.Timeline, o => o.WithStrictOrdering(), because);
            shown.Timeline.Should().HaveCount(fresh.Entries.Count, because);
            shown.Plans.Should().BeEquivalentTo(expected.Plans, o => o.WithStrictOrdering(), because);
            shown.Flags.Should().BeEquivalentTo(expected.Flags, o => o.WithStrictOrdering(), because);
            shown.Deadlines.Should().BeEquivalentTo(expected.Deadlines, o => o.WithStrictOrdering(), because);
            shown.Attachments.Should().BeEquivalentTo(expected.Attachments, o => o.WithStrictOrdering(), because);
            shown.Meetings.Should().BeEquivalentTo(expected.Meetings, o => o.WithStrictOrdering(), because);
            shown.CurrentPupilView.Should().Be(fresh.CurrentPupilView, because);
            shown.MeasuresRequiredBecause.Should().Equal(fresh.MeasuresRequiredBecause, because);
            shown.RaisedWithPrincipalOn.Should().Be(fresh.RaisedWithPrincipalOn, because);
            shown.NextDeadlineUtc.Should().Be(fresh.NextDeadlineUtc, because);
            shown.Departure.Should().BeEquivalentTo(expected.Departure, because);
        }
    }
}
