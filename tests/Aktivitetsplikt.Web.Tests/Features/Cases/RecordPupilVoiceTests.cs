using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Features.Cases;
using Aktivitetsplikt.Web.Tests.Support;

namespace Aktivitetsplikt.Web.Tests.Features.Cases;

public sealed class RecordPupilVoiceTests : SliceTest
{
    [Fact]
    public async Task RecordPupilVoice_NotSafeFromParent_IsKnowledgeToInvestigate_NotThePupilsOwnView()
    {
        var id = await App.ACase().Investigating();

        await App.SendAs(Org.Principal1, new RecordPupilVoice.Command(id, null, PupilView.NotSafe, "Mor sier Emma gruer seg hver morgen.", VoiceSource.Parent));

        var @case = await App.LoadCaseAsync(id);
        @case.State.Should().Be(CaseState.Investigating);
        @case.CurrentPupilView.Should().Be(PupilView.Unknown, "only the pupil's own words set the pupil's view");
        @case.MeasuresRequired.Should().BeFalse("a parent's report is knowledge the investigation must settle");
        var entry = @case.Entries[^1];
        entry.Kind.Should().Be(EntryKind.PupilVoice);
        entry.PupilView.Should().Be(PupilView.NotSafe);
        entry.Detail.Should().Be("parent");
    }

    [Fact]
    public async Task RecordPupilVoice_ByReportingStaff_IsAllowed()
    {
        var id = await App.ACase().FollowingUp();

        await App.SendAs(Org.StaffA, new RecordPupilVoice.Command(id, null, PupilView.Safe, "Emma sier det går bra nå.", VoiceSource.Pupil));

        (await App.LoadCaseAsync(id)).CurrentPupilView.Should().Be(PupilView.Safe);
    }

    [Fact]
    public async Task RecordPupilVoice_StaffObservation_IsMarkedAsStaffs()
    {
        var id = await App.ACase().Investigating();

        await App.SendAs(Org.Principal1, new RecordPupilVoice.Command(id, null, PupilView.NotSafe, "Emma står alene hvert friminutt.", VoiceSource.StaffObservation));

        var @case = await App.LoadCaseAsync(id);
        @case.Entries[^1].Detail.Should().Be("staff");
        var close = () => App.SendAs(Org.Principal1, new CloseCase.Command(id, null, "Ingenting mer å gjøre."));
        (await close.Should().ThrowAsync<CaseRuleViolation>()).Which.Code.Should().BeOneOf(RefusalCode.PupilNotHeard, RefusalCode.ReportNotSettled);
    }
}
