using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Features.Cases;
using Aktivitetsplikt.Web.Tests.Support;

namespace Aktivitetsplikt.Web.Tests.Features.Cases;

public sealed class ReopenCaseTests : SliceTest
{
    [Fact]
    public async Task ReopenCase_WithReason_MovesClosedCaseBackToInvestigating()
    {
        var id = await App.ACase().Closed();

        await App.SendAs(Org.Principal1, new ReopenCase.Command(id, null, "Ny informasjon fra foreldrene."));

        var @case = await App.LoadCaseAsync(id);
        @case.State.Should().Be(CaseState.Investigating);
        @case.ClosedAtUtc.Should().BeNull();
        var entry = @case.Entries[^1];
        entry.Kind.Should().Be(EntryKind.Reopened);
        entry.StateBefore.Should().Be(CaseState.Closed);
        entry.StateAfter.Should().Be(CaseState.Investigating);
        @case.Entries.Should().Contain(e => e.Kind == EntryKind.Closed, "the earlier closing stays in the history");
    }

    [Fact]
    public async Task ReopenCase_OnOpenCase_IsRefusedAsNotAllowedInState()
    {
        var id = await App.ACase().Investigating();

        var refused = await FluentActions.Awaiting(() => App.SendAs(Org.Principal1, new ReopenCase.Command(id, null, "Grunn.")))
            .Should().ThrowAsync<CaseRuleViolation>();
        refused.Which.Code.Should().Be(RefusalCode.NotAllowedInState);
    }
}
