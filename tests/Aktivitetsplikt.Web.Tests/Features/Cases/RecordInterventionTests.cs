using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Features.Cases;
using Aktivitetsplikt.Web.Tests.Support;

namespace Aktivitetsplikt.Web.Tests.Features.Cases;

public sealed class RecordInterventionTests : SliceTest
{
    [Fact]
    public async Task RecordIntervention_OnFollowingUpCase_MovesToIntervened_AndKeepsWhenItHappened()
    {
        var id = await App.ACase().FollowingUp();
        var occurred = Clock.UtcDateTime.AddMinutes(-30);

        var result = await App.SendAs(Org.StaffA, new RecordIntervention.Command(id, null, "Gikk mellom elevene.", occurred));

        var @case = await App.LoadCaseAsync(id);
        @case.State.Should().Be(CaseState.Intervened);
        @case.Revision.Should().Be(result.Revision);
        var entry = @case.Entries[^1];
        entry.Kind.Should().Be(EntryKind.Intervention);
        entry.OccurredAtUtc.Should().Be(occurred);
        entry.ActorUserId.Should().Be(Org.StaffA.Id);
        entry.StateBefore.Should().Be(CaseState.FollowingUp);
        entry.StateAfter.Should().Be(CaseState.Intervened);
    }

    [Fact]
    public async Task RecordIntervention_ByTeam_IsRefusedAsRoleMayNotAct()
    {
        var id = await App.ACase().FollowingUp();

        var refused = await FluentActions.Awaiting(() => App.SendAs(Org.Team, new RecordIntervention.Command(id, null, "Grep inn.")))
            .Should().ThrowAsync<CaseRuleViolation>();
        refused.Which.Code.Should().Be(RefusalCode.RoleMayNotAct);
    }
}
