using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Features.Cases;
using Aktivitetsplikt.Web.Tests.Support;

namespace Aktivitetsplikt.Web.Tests.Features.Cases;

public sealed class RecordPupilVoiceTests : SliceTest
{
    [Fact]
    public async Task RecordPupilVoice_NotSafeFromParent_SetsCurrentViewAndMakesMeasuresRequired()
    {
        var id = await App.ACase().Investigating();

        await App.SendAs(Org.Principal1, new RecordPupilVoice.Command(id, null, PupilView.NotSafe, "Mor sier Emma gruer seg hver morgen.", FromParent: true));

        var @case = await App.LoadCaseAsync(id);
        @case.State.Should().Be(CaseState.Investigating);
        @case.CurrentPupilView.Should().Be(PupilView.NotSafe);
        @case.MeasuresRequired.Should().BeTrue();
        var entry = @case.Entries[^1];
        entry.Kind.Should().Be(EntryKind.PupilVoice);
        entry.PupilView.Should().Be(PupilView.NotSafe);
        entry.Detail.Should().Be("parent");
    }

    [Fact]
    public async Task RecordPupilVoice_ByReportingStaff_IsAllowed()
    {
        var id = await App.ACase().FollowingUp();

        await App.SendAs(Org.StaffA, new RecordPupilVoice.Command(id, null, PupilView.Safe, "Emma sier det går bra nå.", false));

        (await App.LoadCaseAsync(id)).CurrentPupilView.Should().Be(PupilView.Safe);
    }
}
