using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Features.Cases;
using Aktivitetsplikt.Web.Features.Oversight;
using Aktivitetsplikt.Web.Tests.Support;

namespace Aktivitetsplikt.Web.Tests.Features.Oversight;

/// <summary>
/// The overview's flagged lists show at most <see cref="GetOverview.MaxFlagged"/> cases per flag, the most recently flagged
/// first, and say how many there are in all: the database sorts and cuts them, so these are the cases the team must see first.
/// </summary>
public sealed class OverviewFlaggedListTests : SliceTest
{
    [Fact]
    public async Task MoreEscalatedCasesThanShown_TheMostRecentlyEscalatedAreListed_AndAllAreCounted()
    {
        var escalated = new List<Guid>();
        for (var i = 0; i < GetOverview.MaxFlagged + 2; i++)
        {
            var id = await App.ACase().Investigating();
            Clock.Advance(TimeSpan.FromMinutes(1));
            await App.SendAs(Org.Principal1, new EscalateToSchoolOwner.Command(id, null, "Saken er alvorlig og trenger hjelp fra skoleeier."));
            escalated.Add(id);
        }

        var overview = await App.SendAs(Org.Team, new GetOverview.Query());

        overview.FlaggedTotal(FlagKind.EscalatedToSchoolOwner).Should().Be(GetOverview.MaxFlagged + 2);
        overview.Escalated.Select(c => c.CaseId).Should().Equal(Enumerable.Reverse(escalated).Take(GetOverview.MaxFlagged),
            "the most recently escalated first, the two first escalated left out");
        overview.Escalated.Select(c => c.FlaggedAtUtc).Should().BeInDescendingOrder();
        overview.Escalated.Should().OnlyContain(c => c.State == CaseState.Investigating);
    }

    [Fact]
    public async Task AClosedCaseFlaggedMoreRecently_IsListedAfterTheOpenOnes()
    {
        var open = await App.ACase().Investigating();
        await App.SendAs(Org.Principal1, new EscalateToSchoolOwner.Command(open, null, "Saken er alvorlig og trenger hjelp fra skoleeier."));
        Clock.Advance(TimeSpan.FromMinutes(1));
        var closed = await App.ACase().Investigating();
        await App.SendAs(Org.Principal1, new EscalateToSchoolOwner.Command(closed, null, "Saken er alvorlig og trenger hjelp fra skoleeier."));
        await App.SendAs(Org.Principal1, new RecordPupilVoice.Command(closed, null, PupilView.Safe, "Eleven sier at det går bra nå.", VoiceSource.Pupil));
        await App.SendAs(Org.Principal1, new CloseCase.Command(closed, null, "Undersøkelsen viser at eleven har et trygt og godt skolemiljø."));
        Clock.Advance(TimeSpan.FromMinutes(1));
        var newest = await App.ACase().Investigating();
        await App.SendAs(Org.Principal1, new EscalateToSchoolOwner.Command(newest, null, "Saken er alvorlig og trenger hjelp fra skoleeier."));

        var overview = await App.SendAs(Org.Team, new GetOverview.Query());

        overview.Escalated.Select(c => c.CaseId).Should().Equal([newest, open, closed], "open cases first, each part newest flag first");
        overview.Escalated.Select(c => c.State).Should().Equal(CaseState.Investigating, CaseState.Investigating, CaseState.Closed);
        overview.FlaggedTotal(FlagKind.EscalatedToSchoolOwner).Should().Be(3);
    }
}
