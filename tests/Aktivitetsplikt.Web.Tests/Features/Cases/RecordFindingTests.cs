using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Features.Cases;
using Aktivitetsplikt.Web.Tests.Support;

namespace Aktivitetsplikt.Web.Tests.Features.Cases;

public sealed class RecordFindingTests : SliceTest
{
    [Fact]
    public async Task RecordFinding_WhileInvestigating_AppendsFinding_AndStaysInvestigating()
    {
        var id = await App.ACase().Investigating();

        await App.SendAs(Org.Principal1, new RecordFinding.Command(id, null, "Tre elever har sendt stygge meldinger.", Clock.UtcDateTime.AddDays(-1)));

        var @case = await App.LoadCaseAsync(id);
        @case.State.Should().Be(CaseState.Investigating);
        var finding = @case.Entries[^1];
        finding.Kind.Should().Be(EntryKind.Finding);
        finding.Text.Should().Be("Tre elever har sendt stygge meldinger.");
        finding.OccurredAtUtc.Should().Be(Clock.UtcDateTime.AddDays(-1));
    }

    [Fact]
    public async Task RecordFinding_BeforeInvestigation_IsRefusedAsNotAllowedInState()
    {
        var id = await App.ACase().PrincipalNotified();

        var refused = await FluentActions.Awaiting(() => App.SendAs(Org.Principal1, new RecordFinding.Command(id, null, "Funn.")))
            .Should().ThrowAsync<CaseRuleViolation>();
        refused.Which.Code.Should().Be(RefusalCode.NotAllowedInState);
    }
}
