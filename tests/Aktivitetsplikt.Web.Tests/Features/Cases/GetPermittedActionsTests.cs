using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Features.Cases;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Tests.Support;

namespace Aktivitetsplikt.Web.Tests.Features.Cases;

public sealed class GetPermittedActionsTests : SliceTest
{
    [Fact]
    public async Task PermittedActions_FollowTheRole_AndMatchWhatTheCasePageOffers()
    {
        var id = await App.ACase().Investigating();

        var principal = await App.SendAs(Org.Principal1, new GetPermittedActions.Query(id));
        var staff = await App.SendAs(Org.StaffA, new GetPermittedActions.Query(id));

        principal.State.Should().Be(CaseState.Investigating);
        principal.Actions.Should().Contain(new[] { CaseTrigger.AdoptPlan, CaseTrigger.RecordFinding });
        staff.Actions.Should().Contain(CaseTrigger.RecordPupilVoice).And.NotContain(CaseTrigger.AdoptPlan);
        principal.Actions.Should().BeEquivalentTo((await App.SendAs(Org.Principal1, new GetCaseDetail.Query(id))).PermittedActions);
    }

    [Fact]
    public async Task PermittedActions_ForACaseOutsideScope_AreRefusedLikeAMissingCase()
    {
        var id = await App.ACase().Investigating();

        await FluentActions.Awaiting(() => App.SendAs(Org.Principal2, new GetPermittedActions.Query(id)))
            .Should().ThrowAsync<NotFoundOrNoAccessException>();
    }
}
