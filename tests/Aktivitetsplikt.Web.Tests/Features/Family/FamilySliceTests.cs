using System.Runtime.CompilerServices;
using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Domain.Organisation;
using Aktivitetsplikt.Web.Features.Cases;
using Aktivitetsplikt.Web.Features.Family;
using Aktivitetsplikt.Web.Features.Notifications;
using Aktivitetsplikt.Web.Features.SiFra;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Pipeline;
using Aktivitetsplikt.Web.Tests.Support;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aktivitetsplikt.Web.Tests.Features.Family;

/// <summary>
/// The family's requests through the real pipeline: who may send which (every request type × the Guardian role), a
/// guardian's own child only and only while the guardianship lasts, what the family sees, the principal notified; and the
/// two si fra leftovers (the principal identifies the pupil; a signed-in guardian names their own child).
/// </summary>
public sealed class FamilySliceTests : SliceTest
{
    private async Task<UserAccount> GuardianOfAsync(Pupil pupil, string name = "Marte Foresatt")
    {
        var guardian = new UserAccount("foresatt-" + Guid.NewGuid().ToString("N")[..12], name, Role.Guardian, Org.Owner.Id, null);
        await App.WithDb(async db =>
        {
            db.Users.Add(guardian);
            db.Guardianships.Add(new Guardianship(pupil.Id, guardian.Id, "mor", Org.Admin.Id, Clock.UtcDateTime));
            return await db.SaveChangesAsync();
        });
        return guardian;
    }

    private static readonly Type[] FamilyRequests =
        [typeof(GetFamilyCase.Query), typeof(GetFamilyLetter.Query), typeof(GetFamilyAttachment.Query), typeof(GiveFamilyView.Command), typeof(RequestMeeting.Command),
         typeof(DisagreeWithPlan.Command), typeof(ListFamilyCases.Query), typeof(SendSiFra.MyChildren)];

    public static TheoryData<string> EveryRequestType()
    {
        var data = new TheoryData<string>();
        foreach (var type in typeof(LogConcern).Assembly.GetTypes()
                     .Where(t => !t.IsAbstract && !t.IsInterface && t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequest<>)))
                     .OrderBy(t => t.FullName))
            data.Add(type.FullName!);
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryRequestType))]
    public async Task EveryRequestType_IsOpenToAGuardianExactlyWhenItIsAFamilyOrPublicRequest(string typeName)
    {
        var type = typeof(LogConcern).Assembly.GetType(typeName)!;
        var guardian = await GuardianOfAsync(Org.Emma);
        // Authorization runs before anything reads the request, so an empty one shows who may send the type at all.
        var request = RuntimeHelpers.GetUninitializedObject(type);

        var send = () => SendUntyped(guardian, request);

        Exception? thrown = null;
        try
        {
            await send();
        }
        catch (Exception ex)
        {
            thrown = ex;
        }

        // An allowed request may still fail later, on the empty request; what matters is whether authorization let it through.
        (thrown is ForbiddenException).Should().Be(!(PublicRequestAttribute.IsOn(request) || FamilyRequests.Contains(type)), thrown?.Message);
    }

    [Theory]
    [InlineData(Role.Staff)]
    [InlineData(Role.Principal)]
    [InlineData(Role.SchoolOwnerTeam)]
    [InlineData(Role.Administrator)]
    public async Task TheFamilysRequests_AreForbiddenToEveryOtherRole(Role role)
    {
        var caseId = await App.ACase().About(Org.Emma).Measures();
        var user = role switch
        {
            Role.Staff => Org.StaffA, Role.Principal => Org.Principal1, Role.SchoolOwnerTeam => Org.Team, _ => Org.Admin,
        };
        IBaseRequest[] requests =
        [
            new GetFamilyCase.Query(caseId), new GetFamilyLetter.Query(caseId), new GetFamilyAttachment.Query(caseId, Guid.NewGuid()),
            new GiveFamilyView.Command(caseId, null, "Syn.", null, PupilView.Unknown),
            new RequestMeeting.Command(caseId, null, "Møte.", null), new DisagreeWithPlan.Command(caseId, null, "Planen", "Fordi."),
        ];
        var before = await App.SnapshotAsync(caseId);

        foreach (var request in requests)
            await ((Func<Task>)(() => SendUntyped(user, request))).Should().ThrowAsync<ForbiddenException>(request.GetType().FullName);
        (await App.LoadCaseAsync(caseId)).Entries.Should().HaveCount(before.Entries);
    }

    [Fact]
    public async Task TheFamilysView_HoldsMeetingsAndFilesMarkedForTheFamily_Masked_AndTheGuardianGetsOnlyThoseFiles()
    {
        var caseId = await App.ACase().About(Org.Emma).Measures();
        var heldAt = Clock.UtcDateTime.AddHours(-2);
        await App.SendAs(Org.Principal1, new Web.Features.Evidence.RecordMeeting.Command(caseId, null, heldAt, MeetingParticipants.Pupil | MeetingParticipants.Guardians,
            "Kari A Lærer", "Emma og Noah Johansen skal ikke sitte sammen.", "Ny plassering i klasserommet", null, ForFamily: true));
        await App.SendAs(Org.Principal1, new Web.Features.Evidence.RecordMeeting.Command(caseId, null, heldAt, MeetingParticipants.Staff, null,
            "Internt: bemanning i friminuttene.", null, null, ForFamily: false));
        await App.SendAs(Org.Principal1, new HearOtherPupil.Command(caseId, null, "Noah Johansen", "Noah sier at han bare tullet."));
        foreach (var name in new[] { "til-familien.png", "bare-for-skolen.png", "trukket.png" })
            await App.SendAs(Org.StaffA, new Web.Features.Evidence.AddAttachment.Command(caseId, null, name, null) { Content = Evidence.TestFiles.Png(20 + name.Length, 20) });
        var files = await App.SendAs(Org.Principal1, new Web.Features.Evidence.ListAttachments.Query(caseId));
        Guid Id(string name) => files.Single(f => f.FileName == name).Id;
        await App.SendAs(Org.Principal1, new Web.Features.Evidence.SetAttachmentFamilyVisibility.Command(caseId, null, Id("til-familien.png"), true));
        await App.SendAs(Org.Principal1, new Web.Features.Evidence.SetAttachmentFamilyVisibility.Command(caseId, null, Id("trukket.png"), true));
        await App.SendAs(Org.StaffA, new Web.Features.Evidence.WithdrawAttachment.Command(caseId, null, Id("trukket.png"), "Feil bilde."));
        var guardian = await GuardianOfAsync(Org.Emma);

        var view = await App.SendAs(guardian, new GetFamilyCase.Query(caseId));

        var meeting = view.Meetings.Should().ContainSingle("the staff-only meeting is left out").Which;
        meeting.WhatWasSaid.Should().NotContain("Noah", "other pupils are masked as in the family's plan").And.Contain("Emma");
        meeting.AgreedPoints.Should().Equal("Ny plassering i klasserommet");
        System.Text.Json.JsonSerializer.Serialize(view).Should().NotContain("Kari A Lærer").And.NotContain("Internt");
        view.Attachments.Select(a => a.FileName).Should().Equal("til-familien.png");

        (await App.SendAs(guardian, new GetFamilyAttachment.Query(caseId, Id("til-familien.png")))).Content.Should().NotBeEmpty();
        var refusals = (await App.AuditEntriesAsync(caseId)).Count(a => a.Action == "AccessRefused");
        foreach (var name in new[] { "bare-for-skolen.png", "trukket.png" })
            await ((Func<Task>)(() => App.SendAs(guardian, new GetFamilyAttachment.Query(caseId, Id(name))))).Should().ThrowAsync<NotFoundOrNoAccessException>(name);
        (await App.AuditEntriesAsync(caseId)).Count(a => a.Action == "AccessRefused").Should().Be(refusals + 2);
        (await App.AuditEntriesAsync(caseId)).Should().Contain(a => a.Action == "ViewAttachment" && a.Details.Contains("\"family\":true"));

        var noahsGuardian = await GuardianOfAsync(Org.Noah, "Nils Foresatt");
        await ((Func<Task>)(() => App.SendAs(noahsGuardian, new GetFamilyAttachment.Query(caseId, Id("til-familien.png"))))).Should().ThrowAsync<NotFoundOrNoAccessException>();
    }

    [Fact]
    public async Task AGuardian_ReachesOnlyTheirOwnChildsCase_AndOnlyWhileTheGuardianshipLasts()
    {
        var emmas = await App.ACase().About(Org.Emma).Investigating();
        var noahs = await App.ACase().About(Org.Noah).Investigating();
        var guardian = await GuardianOfAsync(Org.Emma);

        (await App.SendAs(guardian, new GetFamilyCase.Query(emmas))).ChildFirstName.Should().Be("Emma");
        await ((Func<Task>)(() => App.SendAs(guardian, new GetFamilyCase.Query(noahs)))).Should().ThrowAsync<NotFoundOrNoAccessException>();
        await ((Func<Task>)(() => App.SendAs(guardian, new GiveFamilyView.Command(noahs, null, "Ikke mitt barn.", null, PupilView.Unknown))))
            .Should().ThrowAsync<NotFoundOrNoAccessException>();

        await App.WithDb(async db =>
        {
            (await db.Guardianships.SingleAsync(g => g.GuardianUserId == guardian.Id)).End(Org.Admin.Id, Clock.UtcDateTime);
            return await db.SaveChangesAsync();
        });
        await ((Func<Task>)(() => App.SendAs(guardian, new GetFamilyCase.Query(emmas)))).Should().ThrowAsync<NotFoundOrNoAccessException>();
        (await App.AuditEntriesAsync(emmas)).Count(a => a.Action == "AccessRefused").Should().Be(1);
    }

    [Fact]
    public async Task TheFamilysView_LeavesOutStaffOnlyEntries_SuspectedEmployees_AndOtherPupils_AndMasksThePlan()
    {
        var caseId = await App.ACase().About(Org.Emma).Measures();
        await App.SendAs(Org.Principal1, new AddComment.Command(caseId, null, "Intern merknad: mor er vanskelig å nå."));
        await App.SendAs(Org.Principal1, new HearOtherPupil.Command(caseId, null, "Noah Johansen", "Noah sier at han bare tullet."));
        await App.SendAs(Org.Principal1, new ReportEmployeeSuspicion.Command(caseId, null, "Assistent Ola B dyttet Emma.", false));
        await App.SendAs(Org.Principal1, new RecordFinding.Command(caseId, null, "Noah og Olivia bekrefter utestengingen."));
        var guardian = await GuardianOfAsync(Org.Emma);

        var view = await App.SendAs(guardian, new GetFamilyCase.Query(caseId));

        view.Timeline.Select(e => e.Kind).Should().OnlyContain(k => GetFamilyCase.Shown.Contains(k));
        view.Timeline.Select(e => e.Kind).Should().NotContain([EntryKind.Comment, EntryKind.OtherPupilHeard, EntryKind.EmployeeSuspicionReported,
            EntryKind.SchoolOwnerNotified, EntryKind.Finding]);
        view.Timeline.Should().OnlyContain(e => e.Text == null && e.Detail == null, "no text a member of staff wrote");
        var everything = System.Text.Json.JsonSerializer.Serialize(view);
        everything.Should().NotContain("Intern merknad").And.NotContain("Noah").And.NotContain("Ola B").And.NotContain("tullet");
        view.State.Should().Be(CaseState.Measures);
        (await App.AuditEntriesAsync(caseId)).Count(a => a.Action == "ViewFamilyCase").Should().Be(1);
    }

    [Fact]
    public async Task GiveFamilyView_IsRecordedAsTheParents_NotifiesThePrincipal_AndTheEmailNamesNoPupil()
    {
        var caseId = await App.ACase().About(Org.Emma).Investigating();
        var guardian = await GuardianOfAsync(Org.Emma);

        await App.SendAs(guardian, new GiveFamilyView.Command(caseId, null, "Vi er bekymret.", "Emma sier at hun gruer seg.", PupilView.NotSafe));

        var @case = await App.LoadCaseAsync(caseId);
        var voice = @case.Entries.Single(e => e.Kind == EntryKind.PupilVoice && e.ActorRole == Role.Guardian);
        VoiceSources.Of(voice).Should().Be(VoiceSource.Parent);
        @case.Entries.Should().Contain(e => e.Kind == EntryKind.FamilyView && e.Text == "Vi er bekymret." && e.ActorUserId == guardian.Id);
        @case.CurrentPupilView.Should().NotBe(PupilView.NotSafe, "a parent's account is not the pupil's own statement");
        var notification = await App.WithDb(db => db.Notifications.SingleAsync(n => n.CaseId == caseId && n.Kind == NotificationKind.FamilyInput));
        notification.RecipientUserId.Should().Be(Org.Principal1.Id);
        var mails = await App.WithDb(db => db.OutboxMessages.Where(m => m.NotificationId == notification.Id).ToListAsync());
        mails.Should().NotContain(m => m.Body.Contains("Emma") || m.Subject.Contains("Emma") || m.Body.Contains("bekymret"));
    }

    [Fact]
    public async Task TheFamilysSteps_OnAClosedCase_AreRefusedWithTheReason_AndNothingIsSaved()
    {
        var caseId = await App.ACase().About(Org.Emma).Closed();
        var guardian = await GuardianOfAsync(Org.Emma);
        var before = await App.SnapshotAsync(caseId);

        var act = () => App.SendAs(guardian, new RequestMeeting.Command(caseId, null, "Vi vil snakke om det som skjedde.", null));

        (await act.Should().ThrowAsync<CaseRuleViolation>()).Which.Code.Should().Be(RefusalCode.NotAllowedInState);
        (await App.SendAs(guardian, new GetFamilyCase.Query(caseId))).MayDo.Should().BeEmpty();
        (await App.SnapshotAsync(caseId)) .Should().Be(before with { AuditEntries = before.AuditEntries + 1 }, "only the view was logged");
    }

    [Fact]
    public async Task ThePrincipal_IdentifiesTheSiFraCasesPupil_ThenTheGuardianSeesTheCase()
    {
        await App.SendAs(null, new SendSiFra.Command(Org.School1.Id, SiFraSender.Other, "Noen i 5A blir holdt utenfor.", null, null,
            SiFraFeelsSafe.Unsure, null, null, Guid.NewGuid()));
        var caseId = await App.WithDb(db => db.Cases.Select(c => c.Id).SingleAsync());
        var guardian = await GuardianOfAsync(Org.Emma);
        (await App.SendAs(Org.Principal1, new IdentifyPupil.Candidates(caseId))).Select(p => p.Name).Should().Contain("Emma Hansen").And.NotContain("Leah Berg");

        var wrongSchool = () => App.SendAs(Org.Principal1, new IdentifyPupil.Command(caseId, null, Org.Leah.Id, "Navnet i meldingen."));
        (await wrongSchool.Should().ThrowAsync<CaseRuleViolation>()).Which.Code.Should().Be(RefusalCode.PupilNotAtSchool);
        await App.SendAs(Org.Principal1, new IdentifyPupil.Command(caseId, null, Org.Emma.Id, "Kontaktlærer kjente igjen situasjonen."));

        var @case = await App.LoadCaseAsync(caseId);
        @case.PupilId.Should().Be(Org.Emma.Id);
        @case.Entries.Last().Should().Match<CaseEntry>(e => e.Kind == EntryKind.PupilIdentified && e.Detail == "Emma Hansen, 5A" && e.ActorUserId == Org.Principal1.Id);
        (await App.SendAs(guardian, new GetFamilyCase.Query(caseId))).ChildFirstName.Should().Be("Emma");
        var again = () => App.SendAs(Org.Principal1, new IdentifyPupil.Command(caseId, null, Org.Noah.Id, "Feil elev."));
        (await again.Should().ThrowAsync<CaseRuleViolation>()).Which.Code.Should().Be(RefusalCode.PupilAlreadyIdentified);
    }

    [Fact]
    public async Task ASignedInGuardiansSiFra_IsLinkedToTheirOwnChild_AndNeverToAnotherPupil()
    {
        var guardian = await GuardianOfAsync(Org.Emma);
        SendSiFra.Command Message(Guid? child, Guid? school = null) => new(school ?? Org.School1.Id, SiFraSender.Parent, "Emma blir holdt utenfor i friminuttene.",
            null, null, SiFraFeelsSafe.No, null, null, Guid.NewGuid(), child);

        (await App.SendAs(guardian, new SendSiFra.MyChildren())).Select(c => c.FirstName).Should().Equal("Emma");
        var notMine = () => App.SendAs(guardian, Message(Org.Noah.Id));
        var anonymous = () => App.SendAs(null, Message(Org.Emma.Id));
        var otherSchool = () => App.SendAs(guardian, Message(Org.Emma.Id, Org.School2.Id));
        await notMine.Should().ThrowAsync<ValidationException>();
        await anonymous.Should().ThrowAsync<ValidationException>();
        await otherSchool.Should().ThrowAsync<ValidationException>();
        (await App.WithDb(db => db.Cases.CountAsync())).Should().Be(0);

        await App.SendAs(guardian, Message(Org.Emma.Id));

        var @case = await App.WithDb(db => db.CasesWithHistory.SingleAsync());
        @case.PupilId.Should().Be(Org.Emma.Id);
        (await App.SendAs(guardian, new GetFamilyCase.Query(@case.Id))).ChildFirstName.Should().Be("Emma");
    }

    private async Task SendUntyped(UserAccount user, object request)
    {
        await using var scope = App.Services.CreateAsyncScope();
        ((CurrentUser)scope.ServiceProvider.GetRequiredService<ICurrentUser>()).ActAs(user);
        var response = request.GetType().GetInterfaces().First(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequest<>)).GetGenericArguments()[0];
        var send = typeof(IMediator).GetMethods().First(m => m.Name == nameof(IMediator.Send) && m.IsGenericMethodDefinition).MakeGenericMethod(response);
        await (Task)send.Invoke(scope.ServiceProvider.GetRequiredService<IMediator>(), [request, CancellationToken.None])!;
    }
}
