using Aktivitetsplikt.Domain.Cases;
using static Aktivitetsplikt.Domain.Tests.Cases.CaseBuilder;
using static Aktivitetsplikt.Domain.Tests.TestData;

namespace Aktivitetsplikt.Domain.Tests.Cases;

/// <summary>Attachments and meeting records: entries on the timeline, nothing deleted, refused with the reason.</summary>
public class EvidenceTests
{
    [Fact]
    public void AddAttachment_AppendsAnEntryWithTheNameAndTheSha256_AndKeepsTheAttachment()
    {
        var @case = ACase().Investigating().Build();

        var attachment = @case.AddAttachment(Staff, Later, Screenshot(@case.Entries[0].Id));

        var entry = @case.Entries[^1];
        entry.Kind.Should().Be(EntryKind.AttachmentAdded);
        entry.Text.Should().Be("skjermbilde-chat.png");
        entry.Detail.Should().Be("sha256:" + new string('b', 64));
        entry.AttachmentId.Should().Be(attachment.Id);
        entry.StateAfter.Should().Be(CaseState.Investigating);
        attachment.AttachedToEntryId.Should().Be(@case.Entries[0].Id);
        attachment.VisibleToFamily.Should().BeFalse("the family sees only what the principal marks for them");
        @case.Attachments.Should().ContainSingle();
    }

    [Fact]
    public void AddAttachment_ToAnEntryOfAnotherCase_IsRefused()
    {
        var @case = ACase().Investigating().Build();

        var act = () => @case.AddAttachment(Staff, Later, Screenshot(Guid.NewGuid()));

        act.Should().Throw<CaseRuleViolation>().Which.Code.Should().Be(RefusalCode.EntryNotFound);
        @case.Attachments.Should().BeEmpty();
    }

    [Fact]
    public void AddAttachment_OnAClosedCase_IsAllowed_EvidenceCanArriveForTheCountyGovernor()
    {
        var @case = ACase().In(CaseState.Closed).Build();

        @case.AddAttachment(Principal, Later, Screenshot());

        @case.Entries[^1].Kind.Should().Be(EntryKind.AttachmentAdded);
        @case.State.Should().Be(CaseState.Closed);
    }

    [Fact]
    public void WithdrawAttachment_IsANewEntry_AndTheAttachmentStaysOnRecord()
    {
        var @case = ACase().Investigating().WithAttachment().Build();
        var attachment = @case.Attachments[0];
        var entries = @case.Entries.Count;

        @case.WithdrawAttachment(Principal, Later, attachment.Id, "Wrong pupil in the picture.");

        @case.Entries.Should().HaveCount(entries + 1);
        @case.Entries[^1].Kind.Should().Be(EntryKind.AttachmentWithdrawn);
        @case.Entries[^1].Text.Should().Be("Wrong pupil in the picture.");
        @case.Entries[^1].AttachmentId.Should().Be(attachment.Id);
        @case.Entries.Should().Contain(e => e.Kind == EntryKind.AttachmentAdded, "the original entry stays");
        @case.Attachments.Should().ContainSingle().Which.IsWithdrawn.Should().BeTrue();
    }

    [Fact]
    public void WithdrawAttachment_ByStaffWhoDidNotAttachIt_IsRefused()
    {
        var @case = ACase().Investigating().WithAttachment().Build();

        var act = () => @case.WithdrawAttachment(OtherStaff, Later, @case.Attachments[0].Id, "Not needed.");

        act.Should().Throw<CaseRuleViolation>().Which.Code.Should().Be(RefusalCode.OnlyOwnAttachments);
        @case.Attachments[0].IsWithdrawn.Should().BeFalse();
    }

    [Fact]
    public void WithdrawAttachment_Twice_IsRefused()
    {
        var @case = ACase().Investigating().WithAttachment().Build();
        @case.WithdrawAttachment(Staff, Later, @case.Attachments[0].Id, "Wrong file.");

        var act = () => @case.WithdrawAttachment(Staff, Later, @case.Attachments[0].Id, "Again.");

        act.Should().Throw<CaseRuleViolation>().Which.Code.Should().Be(RefusalCode.AttachmentWithdrawn);
    }

    [Fact]
    public void SetAttachmentFamilyVisibility_ByThePrincipal_IsRecordedAsAnEntry_AndCanBeUndone()
    {
        var @case = ACase().WithMeasures().WithAttachment().Build();
        var id = @case.Attachments[0].Id;

        @case.SetAttachmentFamilyVisibility(Principal, Later, id, visible: true);
        @case.Attachments[0].VisibleToFamily.Should().BeTrue();
        @case.SetAttachmentFamilyVisibility(Principal, Later.AddMinutes(1), id, visible: false);

        @case.Attachments[0].VisibleToFamily.Should().BeFalse();
        @case.Entries.Where(e => e.Kind == EntryKind.AttachmentFamilyVisibility).Select(e => e.Detail)
            .Should().Equal(AttachmentVisibility.Visible, AttachmentVisibility.Hidden);
    }

    [Fact]
    public void SetAttachmentFamilyVisibility_ByStaff_IsRefused()
    {
        var @case = ACase().WithMeasures().WithAttachment().Build();

        var act = () => @case.SetAttachmentFamilyVisibility(Staff, Later, @case.Attachments[0].Id, visible: true);

        act.Should().Throw<CaseRuleViolation>().Which.Code.Should().Be(RefusalCode.RoleMayNotAct);
    }

    [Fact]
    public void RecordMeeting_KeepsTheRecord_AndPutsItOnTheTimelineWhenItWasHeld()
    {
        var @case = ACase().WithMeasures().Build();

        var meeting = @case.RecordMeeting(Principal, Later, Meeting(forFamily: true));

        meeting.AgreedPoints.Should().Equal("An adult in the schoolyard at every break", "The class talks about the chat group's rules");
        meeting.Participants.Should().HaveFlag(MeetingParticipants.Guardians);
        meeting.ForFamily.Should().BeTrue();
        var entry = @case.Entries[^1];
        entry.Kind.Should().Be(EntryKind.MeetingRecorded);
        entry.MeetingId.Should().Be(meeting.Id);
        entry.OccurredAtUtc.Should().Be(Monday.AddHours(1));
        @case.State.Should().Be(CaseState.Measures);
    }

    [Theory]
    [InlineData(CaseState.FollowingUp)]
    [InlineData(CaseState.Intervened)]
    [InlineData(CaseState.Closed)]
    public void RecordMeeting_BeforeThePrincipalKnowsOrAfterClosing_IsRefusedWithTheStateAsReason(CaseState state)
    {
        var @case = ACase().In(state).Build();

        var act = () => @case.RecordMeeting(Principal, Later, Meeting());

        var refusal = act.Should().Throw<CaseRuleViolation>().Which;
        refusal.Code.Should().Be(RefusalCode.NotAllowedInState);
        refusal.Details.Should().Equal(nameof(CaseTrigger.RecordMeeting), state.ToString());
        @case.Meetings.Should().BeEmpty();
    }

    [Fact]
    public void RecordMeeting_WithoutWhatWasSaidOrWhoTookPart_IsRefused()
    {
        var @case = ACase().Investigating().Build();

        var noText = () => @case.RecordMeeting(Principal, Later, Meeting() with { WhatWasSaid = " " });
        var nobody = () => @case.RecordMeeting(Principal, Later, Meeting() with { Participants = MeetingParticipants.None, ParticipantNames = null });

        noText.Should().Throw<CaseRuleViolation>().Which.Code.Should().Be(RefusalCode.MeetingIncomplete);
        nobody.Should().Throw<CaseRuleViolation>().Which.Code.Should().Be(RefusalCode.MeetingIncomplete);
        @case.Entries.Should().NotContain(e => e.Kind == EntryKind.MeetingRecorded);
    }

    [Fact]
    public void MeetingPoints_AreOneALine_BlanksLeftOut()
    {
        MeetingRecord.Points(["  First point ", "", "Second\r\nThird", "   "]).Should().Equal("First point", "Second", "Third");
    }
}
