using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Features.Cases;
using Aktivitetsplikt.Web.Features.SiFra;
using Aktivitetsplikt.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Aktivitetsplikt.Web.Tests.Features.SiFra;

public sealed class GetSiFraStatusTests : SliceTest
{
    private Task<SendSiFra.Receipt> SendAsync() => App.SendAs(null, new SendSiFra.Command(Org.School1.Id, SiFraSender.Anonymous,
        "Noen blir holdt utenfor hver dag.", null, null, SiFraFeelsSafe.Unsure, null, null, Guid.NewGuid()));

    [Fact]
    public async Task TheStatus_FollowsTheCase_FromReceivedToInProgressToClosed()
    {
        var receipt = await SendAsync();
        var caseId = await App.WithDb(db => db.Cases.Select(c => c.Id).SingleAsync());

        var received = await App.SendAs(null, new GetSiFraStatus.Query(receipt.Code));
        received.Should().Be(new GetSiFraStatus.Result(Clock.UtcDateTime, SiFraProgress.Received));

        await App.SendAs(Org.Principal1, new StartInvestigation.Command(caseId, null, "Samtaler."));
        (await App.SendAs(null, new GetSiFraStatus.Query(receipt.DisplayCode)))!.Progress.Should().Be(SiFraProgress.InProgress);

        await App.SendAs(Org.Principal1, new RecordFinding.Command(caseId, null, "Ingen funn.", null, EnvironmentConclusion.SafeAndGood));
        await App.SendAs(Org.Principal1, new RecordPupilVoice.Command(caseId, null, PupilView.Safe, "Eleven sier det går bra.", VoiceSource.Pupil));
        await App.SendAs(Org.Principal1, new CloseCase.Command(caseId, null, "Trygt og godt skolemiljø."));
        (await App.SendAs(null, new GetSiFraStatus.Query(receipt.Code)))!.Progress.Should().Be(SiFraProgress.Closed);
    }

    [Fact]
    public async Task TheCode_IsReadAsTyped_WithDashesSpacesAndSmallLetters()
    {
        var receipt = await SendAsync();
        var typed = " " + string.Join(' ', receipt.Code.Chunk(3).Select(c => new string(c))).ToLowerInvariant() + " ";

        (await App.SendAs(null, new GetSiFraStatus.Query(typed))).Should().NotBeNull();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("ABCD-EFGH-JKLM")]
    [InlineData("ABCD-EFGH-JKL0")]
    [InlineData("' OR 1=1 --")]
    public async Task AWrongOrUnknownCode_AnswersNothing(string? code)
    {
        await SendAsync();

        (await App.SendAs(null, new GetSiFraStatus.Query(code))).Should().BeNull();
    }

    [Fact]
    public void EveryCaseState_HasAPlainWordsProgress()
    {
        Enum.GetValues<CaseState>().Select(GetSiFraStatus.ProgressOf).Should().Equal(
            SiFraProgress.Received, SiFraProgress.Received, SiFraProgress.Received,
            SiFraProgress.InProgress, SiFraProgress.InProgress, SiFraProgress.InProgress, SiFraProgress.Closed);
    }
}
