using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Features.Cases;
using Aktivitetsplikt.Web.Tests.Support;

namespace Aktivitetsplikt.Web.Tests.Features.Cases;

/// <summary>RecordCountyGovernorCase and RecordCountyGovernorDecision (§ 12-6).</summary>
public sealed class RecordCountyGovernorCaseTests : SliceTest
{
    [Fact]
    public async Task RecordCountyGovernorCase_OnClosedCase_SetsFlag_AndCaseStaysClosed()
    {
        var id = await App.ACase().Closed();

        await App.SendAs(Org.Principal1, new RecordCountyGovernorCase.Command(id, null, "Foreldrene meldte saken til Statsforvalteren."));

        var @case = await App.LoadCaseAsync(id);
        @case.State.Should().Be(CaseState.Closed);
        @case.Flags.Should().ContainSingle(f => f.Kind == FlagKind.TakenToCountyGovernor);
        @case.Entries[^1].Kind.Should().Be(EntryKind.CountyGovernorCase);
    }

    [Fact]
    public async Task RecordCountyGovernorDecision_BeforeTheCaseWasTakenThere_IsRefused()
    {
        var id = await App.ACase().Closed();

        var refused = await FluentActions.Awaiting(() => App.SendAs(Org.Team, new RecordCountyGovernorDecision.Command(id, null, "Vedtak.")))
            .Should().ThrowAsync<CaseRuleViolation>();
        refused.Which.Code.Should().Be(RefusalCode.NotTakenToCountyGovernor);
    }

    [Fact]
    public async Task RecordCountyGovernorDecision_AfterTheCase_RecordsDecisionWithItsDate()
    {
        var id = await App.ACase().Closed();
        await App.SendAs(Org.Principal1, new RecordCountyGovernorCase.Command(id, null, "Meldt 15. oktober."));
        var decided = Clock.UtcDateTime.AddDays(-2);

        await App.SendAs(Org.Team, new RecordCountyGovernorDecision.Command(id, null, "Skolen har ikke oppfylt aktivitetsplikten.", decided));

        var entry = (await App.LoadCaseAsync(id)).Entries[^1];
        entry.Kind.Should().Be(EntryKind.CountyGovernorDecision);
        entry.OccurredAtUtc.Should().Be(decided);
        entry.ActorRole.Should().Be(Role.SchoolOwnerTeam);
    }
}
