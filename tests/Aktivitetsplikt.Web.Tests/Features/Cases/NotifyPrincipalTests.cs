using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Domain.Deadlines;
using Aktivitetsplikt.Web.Features.Cases;
using Aktivitetsplikt.Web.Tests.Support;

namespace Aktivitetsplikt.Web.Tests.Features.Cases;

public sealed class NotifyPrincipalTests : SliceTest
{
    [Fact]
    public async Task NotifyPrincipal_FromIntervened_MovesToPrincipalNotified_MeetsDeadline_AndStartsInvestigationDeadline()
    {
        var id = await App.ACase().Intervened();
        Clock.Advance(TimeSpan.FromHours(1));

        await App.SendAs(Org.StaffA, new NotifyPrincipal.Command(id, null, "Sa fra til rektor på kontoret."));

        var @case = await App.LoadCaseAsync(id);
        @case.State.Should().Be(CaseState.PrincipalNotified);
        @case.Entries[^1].Kind.Should().Be(EntryKind.PrincipalNotified);
        @case.Entries[^1].Text.Should().Be("Sa fra til rektor på kontoret.");
        @case.Deadlines.Single(d => d.Kind == DeadlineKind.NotifyPrincipal).MetAtUtc.Should().Be(Clock.UtcDateTime);
        @case.Deadlines.Should().ContainSingle(d => d.Kind == DeadlineKind.StartInvestigation && d.IsOpen);
    }

    [Fact]
    public async Task NotifyPrincipal_Twice_IsRefusedAsNotAllowedInState()
    {
        var id = await App.ACase().PrincipalNotified();
        var before = await App.SnapshotAsync(id);

        var refused = await FluentActions.Awaiting(() => App.SendAs(Org.StaffA, new NotifyPrincipal.Command(id, null)))
            .Should().ThrowAsync<CaseRuleViolation>();
        refused.Which.Code.Should().Be(RefusalCode.NotAllowedInState);
        (await App.SnapshotAsync(id)).Should().Be(before);
    }
}
