using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Features.Cases;
using Aktivitetsplikt.Web.Features.Evidence;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Tests.Support;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;

namespace Aktivitetsplikt.Web.Tests.Features.Evidence;

/// <summary>Attachments and meetings through the real pipeline: what is stored, what others read, what is refused and why.</summary>
public sealed class EvidenceSliceTests : SliceTest
{
    private static readonly string Meeting = "Eleven fortalte om chattegruppen. Mor er bekymret for kveldene.";

    [Fact]
    public async Task RecordMeeting_StoresTheRecord_OnTheTimeline_AndListMeetingsReadsIt()
    {
        var id = await App.ACase().Measures();
        var heldAt = Clock.UtcDateTime.AddHours(-2);

        await App.SendAs(Org.Principal1, new RecordMeeting.Command(id, null, heldAt, MeetingParticipants.Pupil | MeetingParticipants.Guardians | MeetingParticipants.Ppt,
            "Kari (kontaktlærer)", Meeting, "En voksen i skolegården hvert friminutt\n\nKlassen snakker om reglene i chatten", DateOnly.FromDateTime(heldAt).AddDays(14), ForFamily: true));

        var meetings = await App.SendAs(Org.Principal1, new ListMeetings.Query(id));
        var meeting = meetings.Should().ContainSingle().Which;
        meeting.AgreedPoints.Should().Equal("En voksen i skolegården hvert friminutt", "Klassen snakker om reglene i chatten");
        meeting.HeldAtUtc.Should().Be(heldAt);
        meeting.ForFamily.Should().BeTrue();
        meeting.Participants.Should().HaveFlag(MeetingParticipants.Ppt);
        var @case = await App.LoadCaseAsync(id);
        @case.Entries[^1].Kind.Should().Be(EntryKind.MeetingRecorded);
        @case.Entries[^1].MeetingId.Should().Be(meeting.Id);
        @case.State.Should().Be(CaseState.Measures);
    }

    [Fact]
    public async Task RecordMeeting_OnAClosedCase_IsRefused_WithTheReasonInNorwegian()
    {
        var id = await App.ACase().Closed();

        var refused = await FluentActions.Awaiting(() => App.SendAs(Org.Principal1,
                new RecordMeeting.Command(id, null, null, MeetingParticipants.Guardians, null, Meeting, null, null, false)))
            .Should().ThrowAsync<CaseRuleViolation>();

        refused.Which.Code.Should().Be(RefusalCode.NotAllowedInState);
        InBokmal(text => text.Refusal(refused.Which)).Should().StartWith("Et møtereferat kan skrives fra rektor kjenner saken til den er avsluttet.");
    }

    [Fact]
    public async Task RecordMeeting_WithoutWhoTookPart_IsRefusedByTheField()
    {
        var id = await App.ACase().Investigating();

        var refused = await FluentActions.Awaiting(() => App.SendAs(Org.Principal1,
                new RecordMeeting.Command(id, null, null, MeetingParticipants.None, null, Meeting, null, null, false)))
            .Should().ThrowAsync<ValidationException>();

        refused.Which.Errors.Should().ContainSingle().Which.PropertyName.Should().Be(nameof(RecordMeeting.Command.ParticipantNames));
    }

    [Fact]
    public async Task AnAttachment_IsListedForOthers_ItsBytesReadOnlyThroughTheCheckedQuery_WhichIsAudited()
    {
        var id = await App.ACase().Investigating();
        var png = TestFiles.Png();

        await App.SendAs(Org.StaffA, new AddAttachment.Command(id, null, "skjermbilde.png", null) { Content = png });

        var attachment = (await App.SendAs(Org.Principal1, new ListAttachments.Query(id))).Should().ContainSingle().Which;
        attachment.Kind.Should().Be(AttachmentKind.Png);
        attachment.ForFamily.Should().BeFalse();
        var content = await App.SendAs(Org.Principal1, new GetAttachmentContent.Query(id, attachment.Id));
        content.Content.Should().Equal(png);
        content.ContentType.Should().Be("image/png");
        (await App.AuditEntriesAsync(id)).Should().Contain(a => a.Action == "ViewAttachment");
        await FluentActions.Awaiting(() => App.SendAs(Org.Principal2, new GetAttachmentContent.Query(id, attachment.Id)))
            .Should().ThrowAsync<NotFoundOrNoAccessException>("a principal of another school does not see the case");
        await FluentActions.Awaiting(() => App.SendAs(Org.Admin, new ListAttachments.Query(id)))
            .Should().ThrowAsync<NotFoundOrNoAccessException>();
    }

    [Fact]
    public async Task ThePrincipal_ShowsAnAttachmentToTheFamily_AsAnEntry_ButStaffMayNot()
    {
        var id = await App.ACase().Measures();
        await App.SendAs(Org.StaffA, new AddAttachment.Command(id, null, "brev.pdf", null) { Content = TestFiles.Pdf() });
        var attachment = (await App.SendAs(Org.Principal1, new ListAttachments.Query(id))).Single();

        await FluentActions.Awaiting(() => App.SendAs(Org.StaffA, new SetAttachmentFamilyVisibility.Command(id, null, attachment.Id, true)))
            .Should().ThrowAsync<CaseRuleViolation>().Where(v => v.Code == RefusalCode.RoleMayNotAct);
        await App.SendAs(Org.Principal1, new SetAttachmentFamilyVisibility.Command(id, null, attachment.Id, true));

        (await App.SendAs(Org.Principal1, new ListAttachments.Query(id))).Single().ForFamily.Should().BeTrue();
        (await App.LoadCaseAsync(id)).Entries[^1].Should().Match<CaseEntry>(e => e.Kind == EntryKind.AttachmentFamilyVisibility && e.Detail == AttachmentVisibility.Visible);
    }

    [Fact]
    public async Task AWithdrawnAttachment_StaysOnRecord_ThePrincipalCanStillOpenIt_StaffCannot()
    {
        var id = await App.ACase().Investigating();
        await App.SendAs(Org.StaffA, new AddAttachment.Command(id, null, "feil.png", null) { Content = TestFiles.Png() });
        var attachment = (await App.SendAs(Org.Principal1, new ListAttachments.Query(id))).Single();

        await App.SendAs(Org.StaffA, new WithdrawAttachment.Command(id, null, attachment.Id, "Feil elev på bildet."));

        var withdrawn = (await App.SendAs(Org.Principal1, new ListAttachments.Query(id))).Single();
        withdrawn.IsWithdrawn.Should().BeTrue();
        withdrawn.WithdrawalReason.Should().Be("Feil elev på bildet.");
        (await App.SendAs(Org.Principal1, new GetAttachmentContent.Query(id, attachment.Id))).Content.Should().NotBeEmpty();
        await FluentActions.Awaiting(() => App.SendAs(Org.StaffA, new GetAttachmentContent.Query(id, attachment.Id)))
            .Should().ThrowAsync<NotFoundOrNoAccessException>();
    }

    [Fact]
    public void AgreedPoints_BecomeNewMeasureRows_InThePlanEditorsForm_WithoutDuplicates()
    {
        var form = new PlanForm();
        form.Measures[0].Description.Should().BeEmpty();

        form.AddAgreedPoints(["En voksen i skolegården", "Samtale med klassen", "en voksen i skolegården "]);

        form.Measures.Select(m => m.Description).Should().Equal("En voksen i skolegården", "Samtale med klassen");
        form.Measures.Should().OnlyContain(m => m.When == "" && m.Responsible == "", "when and who are for the principal to fill in");
    }

    private T InBokmal<T>(Func<UiText, T> use)
    {
        var previous = System.Globalization.CultureInfo.CurrentUICulture;
        System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo("nb-NO");
        try
        {
            using var scope = App.Services.CreateScope();
            return use(scope.ServiceProvider.GetRequiredService<UiText>());
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = previous;
        }
    }
}
