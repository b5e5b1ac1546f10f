using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Features.Cases;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Tests.Support;

namespace Aktivitetsplikt.Web.Tests.Features.Cases;

public sealed class GetAuditTrailTests : SliceTest
{
    [Fact]
    public async Task GetAuditTrail_ForPrincipal_ListsTheCasesChangesAndReads_AndVerifiesTheChain()
    {
        var id = await App.ACase().Investigating();
        await App.SendAs(Org.StaffA, new GetCaseDetail.Query(id));

        var trail = await App.SendAs(Org.Principal1, new GetAuditTrail.Query(id));

        trail.Entries.Select(e => e.Action).Should().Equal("LogConcern", "StartInvestigation", "ViewCase");
        trail.Entries.Select(e => e.Sequence).Should().BeInAscendingOrder();
        trail.Entries[1].StateBefore.Should().Be(CaseState.PrincipalNotified);
        trail.Entries[1].StateAfter.Should().Be(CaseState.Investigating);
        trail.Entries[1].UserName.Should().Be(Org.Principal1.DisplayName);
        trail.Verification.IsIntact.Should().BeTrue();
    }

    [Fact]
    public async Task GetAuditTrail_ChangesOnly_HidesTheReads_AndCountsThem()
    {
        var id = await App.ACase().Investigating();
        await App.SendAs(Org.StaffA, new GetCaseDetail.Query(id));
        await App.SendAs(Org.Principal1, new GetAuditTrail.Query(id));

        var trail = await App.SendAs(Org.Principal1, new GetAuditTrail.Query(id, ChangesOnly: true));

        trail.Entries.Select(e => e.Action).Should().Equal("LogConcern", "StartInvestigation");
        trail.HiddenReads.Should().Be(2, "the staff member's view of the case and the principal's first look at the log are reads");
        trail.TotalCount.Should().Be(4);
        trail.Verification.IsIntact.Should().BeTrue("the filter only hides rows; the whole chain is still verified");
    }

    [Fact]
    public async Task GetAuditTrail_ForTeam_CoversEverySchool()
    {
        var id = await App.ACase().ReportedBy(Org.Staff2).About(Org.Leah).PrincipalNotified();

        var trail = await App.SendAs(Org.Team, new GetAuditTrail.Query(id));

        trail.Entries.Should().ContainSingle(e => e.Action == "LogConcern");
    }

    [Fact]
    public async Task GetAuditTrail_ForStaff_IsForbidden_EvenOnTheirOwnCase()
    {
        var id = await App.ACase().PrincipalNotified();

        await FluentActions.Awaiting(() => App.SendAs(Org.StaffA, new GetAuditTrail.Query(id)))
            .Should().ThrowAsync<ForbiddenException>();
    }

    [Fact]
    public async Task GetAuditTrail_ForPrincipalOfAnotherSchool_IsNotFoundOrNoAccess()
    {
        var id = await App.ACase().PrincipalNotified();

        await FluentActions.Awaiting(() => App.SendAs(Org.Principal2, new GetAuditTrail.Query(id)))
            .Should().ThrowAsync<NotFoundOrNoAccessException>();
    }
}
