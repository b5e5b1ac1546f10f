using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Features.Cases;
using Aktivitetsplikt.Web.Features.Notifications;
using Aktivitetsplikt.Web.Features.SiFra;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Tests.Support;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Aktivitetsplikt.Web.Tests.Features.SiFra;

public sealed class SendSiFraTests : SliceTest
{
    private const string WhatHappened = "Noen i 6B kaller meg stygge ting i friminuttene og i klassechatten.";

    private SendSiFra.Command Message(SiFraSender sender = SiFraSender.Anonymous, SiFraFeelsSafe feelsSafe = SiFraFeelsSafe.Unsure,
        Guid? key = null, string text = WhatHappened, Guid? school = null, string? name = "Mia Elev", string? contact = "mia@example.org") =>
        new(school ?? Org.School1.Id, sender, text, ConcernLocation.Digital, new DateOnly(2026, 11, 17), feelsSafe, name, contact, key ?? Guid.NewGuid());

    [Fact]
    public async Task AnonymousMessage_LandsAsAConcernAtTheSchool_NotifiesItsPrincipal_AndKeepsNoSender()
    {
        var receipt = await App.SendAs(null, Message(SiFraSender.Anonymous));

        var @case = await App.WithDb(db => db.CasesWithHistory.SingleAsync());
        @case.SchoolId.Should().Be(Org.School1.Id);
        @case.PupilId.Should().BeNull("nobody picked a pupil from a list: the principal identifies the pupil");
        @case.State.Should().Be(CaseState.PrincipalNotified);
        @case.Entries.Select(e => e.Kind).Should().Equal(EntryKind.ConcernLogged, EntryKind.PrincipalNotified);
        @case.Entries[0].Text.Should().Be(WhatHappened);
        @case.Entries[0].Location.Should().Be(ConcernLocation.Digital);
        @case.Entries.Should().OnlyContain(e => e.ActorUserId == Guid.Empty && e.ActorName == SiFraChannel.Name);
        @case.SiFraOrigin!.Sender.Should().Be(SiFraSender.Anonymous);
        @case.SiFraOrigin.SenderName.Should().BeNull("an anonymous sender's name is not kept even if typed");
        @case.SiFraOrigin.SenderContact.Should().BeNull();
        @case.MeasuresRequired.Should().BeFalse();
        @case.Deadlines.Should().Contain(d => d.Kind == Domain.Deadlines.DeadlineKind.StartInvestigation && d.IsOpen);

        var notifications = await App.WithDb(db => db.Notifications.ToListAsync());
        notifications.Should().ContainSingle().Which.Should().Match<Notification>(n =>
            n.RecipientUserId == Org.Principal1.Id && n.CaseId == @case.Id && n.Kind == NotificationKind.NewConcern);
        receipt.Code.Should().HaveLength(ReceiptCodes.Length).And.Match(c => c.All(ReceiptCodes.Alphabet.Contains));
    }

    [Fact]
    public async Task TheReceiptCode_IsStoredOnlyAsItsHash_AndTheAuditEntryIsAnonymous_EvenWhenSomeoneIsSignedIn()
    {
        var receipt = await App.SendAs(Org.StaffA, Message(SiFraSender.Anonymous));

        var stored = await App.WithDb(db => db.SiFraReceipts.SingleAsync());
        stored.CodeHash.Should().Be(ReceiptCodes.Hash(receipt.Code)).And.NotContain(receipt.Code);
        var audit = (await App.AuditEntriesAsync()).Single(a => a.Action == "SendSiFra");
        audit.UserId.Should().BeNull("a member of staff who writes anonymously stays anonymous");
        audit.UserName.Should().Be("(anonymous)");
        audit.Details.Should().NotContain(receipt.Code);
        (await App.VerifyChainAsync()).IsIntact.Should().BeTrue();
    }

    [Fact]
    public async Task APupilsOwnNotSafe_IsThePupilsStatement_MarkedSelfReported_AndMakesMeasuresMandatory()
    {
        await App.SendAs(null, Message(SiFraSender.Pupil, SiFraFeelsSafe.No));

        var @case = await App.WithDb(db => db.CasesWithHistory.SingleAsync());
        @case.MeasuresRequiredBecause.Should().Equal(MeasuresGround.PupilSaidNotSafe);
        @case.CurrentPupilView.Should().Be(PupilView.NotSafe);
        var voice = @case.Entries.Single(e => e.Kind == EntryKind.PupilVoice);
        VoiceSources.Of(voice).Should().Be(VoiceSource.Pupil);
        VoiceSources.IsSelfReported(voice.Detail).Should().BeTrue();
        @case.SiFraOrigin!.SenderName.Should().Be("Mia Elev");
        @case.SiFraOrigin.SenderContact.Should().Be("mia@example.org");
    }

    [Fact]
    public async Task AParentsNotSafe_IsTheParentsReport_NotThePupilsStatement()
    {
        await App.SendAs(null, Message(SiFraSender.Parent, SiFraFeelsSafe.No));

        var @case = await App.WithDb(db => db.CasesWithHistory.SingleAsync());
        @case.MeasuresRequired.Should().BeFalse("the law names the pupil's own experience");
        @case.CurrentPupilView.Should().Be(PupilView.Unknown);
        var voice = @case.Entries.Single(e => e.Kind == EntryKind.PupilVoice);
        VoiceSources.Of(voice).Should().Be(VoiceSource.Parent);
        VoiceSources.IsSelfReported(voice.Detail).Should().BeFalse();
    }

    [Theory]
    [InlineData(SiFraSender.Pupil, SiFraFeelsSafe.Yes)]
    [InlineData(SiFraSender.Pupil, SiFraFeelsSafe.Unsure)]
    [InlineData(SiFraSender.Other, SiFraFeelsSafe.No)]
    [InlineData(SiFraSender.Anonymous, SiFraFeelsSafe.No)]
    public async Task AnyOtherAnswer_StaysOnTheCasesOrigin_WithoutAVoiceEntry(SiFraSender sender, SiFraFeelsSafe feelsSafe)
    {
        await App.SendAs(null, Message(sender, feelsSafe));

        var @case = await App.WithDb(db => db.CasesWithHistory.SingleAsync());
        @case.Entries.Should().NotContain(e => e.Kind == EntryKind.PupilVoice);
        @case.CurrentPupilView.Should().Be(PupilView.Unknown);
        @case.SiFraOrigin!.FeelsSafe.Should().Be(feelsSafe);
        @case.SiFraOrigin.Sender.Should().Be(sender);
    }

    [Fact]
    public async Task TheSameFormPostedTwice_GivesTheSameReceipt_AndOneCase()
    {
        var key = Guid.NewGuid();
        var first = await App.SendAs(null, Message(key: key));
        Clock.Advance(TimeSpan.FromSeconds(20));
        var second = await App.SendAs(null, Message(key: key));

        second.Should().Be(first);
        (await App.WithDb(db => db.Cases.CountAsync())).Should().Be(1);
        (await App.WithDb(db => db.Notifications.CountAsync())).Should().Be(1);
    }

    [Fact]
    public async Task TheSameFormKey_WithOtherText_IsRefused_AndMakesNoCase()
    {
        var key = Guid.NewGuid();
        await App.SendAs(null, Message(key: key));

        var again = () => App.SendAs(null, Message(key: key, text: "Noe helt annet."));

        (await again.Should().ThrowAsync<ValidationException>()).Which.Errors.Should().Contain(e => e.ErrorCode == "SubmissionKeyReused");
        (await App.WithDb(db => db.Cases.CountAsync())).Should().Be(1);
    }

    [Fact]
    public async Task AnUnknownSchool_IsRefusedAsNotFound_AndNothingIsStored()
    {
        var send = () => App.SendAs(null, Message(school: Guid.NewGuid()));

        await send.Should().ThrowAsync<NotFoundOrNoAccessException>();
        (await App.WithDb(db => db.Cases.CountAsync())).Should().Be(0);
    }

    [Theory]
    [InlineData("")]
    [InlineData("før\u0001etter")]
    public async Task TextTheRulesRefuse_IsRefusedByTheValidator(string text)
    {
        var send = () => App.SendAs(null, Message(text: text));

        (await send.Should().ThrowAsync<ValidationException>()).Which.Errors.Should().Contain(e => e.PropertyName == nameof(SendSiFra.Command.WhatHappened));
    }

    [Fact]
    public async Task ANameOrContactOverTheLimit_IsRefused()
    {
        var send = () => App.SendAs(null, Message(SiFraSender.Parent, name: new string('a', SendSiFra.MaxNameLength + 1)));

        (await send.Should().ThrowAsync<ValidationException>()).Which.Errors.Should().Contain(e => e.PropertyName == nameof(SendSiFra.Command.SenderName));
    }

    [Fact]
    public async Task MoreFromTheSender_IsANewEntry_NotifiesThePrincipal_AndIsAuditedWithoutTheCode()
    {
        var receipt = await App.SendAs(null, Message());
        Clock.Advance(TimeSpan.FromHours(1));

        await App.SendAs(null, new AddSiFraInformation.Command(receipt.DisplayCode.ToLowerInvariant(), "Det skjedde igjen i dag."));
        await App.SendAs(null, new AddSiFraInformation.Command(receipt.Code, "Det skjedde igjen i dag."));

        var @case = await App.WithDb(db => db.CasesWithHistory.SingleAsync());
        @case.Entries.Where(e => e.Kind == EntryKind.SiFraInformation).Should().ContainSingle("a double post adds nothing")
            .Which.Text.Should().Be("Det skjedde igjen i dag.");
        var notifications = await App.WithDb(db => db.Notifications.Where(n => n.Kind == NotificationKind.SiFraInformation).ToListAsync());
        notifications.Should().ContainSingle().Which.RecipientUserId.Should().Be(Org.Principal1.Id);
        var audit = (await App.AuditEntriesAsync(@case.Id)).Where(a => a.Action == "AddSiFraInformation").ToList();
        audit.Should().NotBeEmpty();
        audit.Should().OnlyContain(a => a.UserId == null && !a.Details.Contains(receipt.Code) && !a.Details.Contains(receipt.DisplayCode.ToLowerInvariant()));
    }

    [Fact]
    public async Task MoreFromTheSender_IsTakenAfterTheCaseIsClosed_Too()
    {
        var receipt = await App.SendAs(null, Message());
        var caseId = await App.WithDb(db => db.Cases.Select(c => c.Id).SingleAsync());
        await App.SendAs(Org.Principal1, new StartInvestigation.Command(caseId, null, "Samtaler."));
        await App.SendAs(Org.Principal1, new RecordFinding.Command(caseId, null, "Ingen funn.", null, EnvironmentConclusion.SafeAndGood));
        await App.SendAs(Org.Principal1, new RecordPupilVoice.Command(caseId, null, PupilView.Safe, "Eleven sier det går bra.", VoiceSource.Pupil));
        await App.SendAs(Org.Principal1, new CloseCase.Command(caseId, null, "Trygt og godt skolemiljø."));

        await App.SendAs(null, new AddSiFraInformation.Command(receipt.Code, "Det har startet igjen."));

        var @case = await App.LoadCaseAsync(caseId);
        @case.State.Should().Be(CaseState.Closed);
        @case.Entries[^1].Kind.Should().Be(EntryKind.SiFraInformation);
    }

    [Theory]
    [InlineData("")]
    [InlineData("AAAA-AAAA-AAAA")]
    [InlineData("not a code at all")]
    public async Task MoreWithAWrongCode_IsRefusedAsNotFound(string code)
    {
        await App.SendAs(null, Message());

        var add = () => App.SendAs(null, new AddSiFraInformation.Command(code, "Mer."));

        await add.Should().ThrowAsync<Exception>().Where(e => e is NotFoundOrNoAccessException || e is ValidationException);
        (await App.WithDb(db => db.CaseEntries.CountAsync(e => e.Kind == EntryKind.SiFraInformation))).Should().Be(0);
    }
}
