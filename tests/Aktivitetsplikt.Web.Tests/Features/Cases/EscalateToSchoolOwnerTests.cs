using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Features.Cases;
using Aktivitetsplikt.Web.Tests.Support;

namespace Aktivitetsplikt.Web.Tests.Features.Cases;

public sealed class EscalateToSchoolOwnerTests : SliceTest
{
    [Fact]
    public async Task EscalateToSchoolOwner_ByPrincipal_SetsFlagWithWhoWhenWhy_WithoutChangingState()
    {
        var id = await App.ACase().Investigating();

        await App.SendAs(Org.Principal1, new EscalateToSchoolOwner.Command(id, null, "Saken er alvorlig; skoleeier bør følge den."));

        var @case = await App.LoadCaseAsync(id);
        @case.State.Should().Be(CaseState.Investigating);
        var flag = @case.Flags.Should().ContainSingle().Subject;
        flag.Kind.Should().Be(FlagKind.EscalatedToSchoolOwner);
        flag.SetByUserId.Should().Be(Org.Principal1.Id);
        flag.SetByRole.Should().Be(Role.Principal);
        flag.SetAtUtc.Should().Be(Clock.UtcDateTime);
        flag.Reason.Should().Be("Saken er alvorlig; skoleeier bør følge den.");
        @case.Entries[^1].Kind.Should().Be(EntryKind.Escalated);

        var list = await App.SendAs(Org.Team, new ListCases.Query());
        list.Items.Single(i => i.Id == id).Escalated.Should().BeTrue();
    }

    [Fact]
    public async Task EscalateToSchoolOwner_Twice_IsRefusedAsAlreadyFlagged()
    {
        var id = await App.ACase().Investigating();
        await App.SendAs(Org.Principal1, new EscalateToSchoolOwner.Command(id, null, "Første gang."));

        var refused = await FluentActions.Awaiting(() => App.SendAs(Org.Principal1, new EscalateToSchoolOwner.Command(id, null, "Andre gang.")))
            .Should().ThrowAsync<CaseRuleViolation>();
        refused.Which.Code.Should().Be(RefusalCode.AlreadyFlagged);
    }

    [Fact]
    public async Task EscalateToSchoolOwner_ByTeam_IsRefusedAsRoleMayNotAct()
    {
        var id = await App.ACase().Investigating();

        var refused = await FluentActions.Awaiting(() => App.SendAs(Org.Team, new EscalateToSchoolOwner.Command(id, null, "Grunn.")))
            .Should().ThrowAsync<CaseRuleViolation>();
        refused.Which.Code.Should().Be(RefusalCode.RoleMayNotAct);
    }
}
