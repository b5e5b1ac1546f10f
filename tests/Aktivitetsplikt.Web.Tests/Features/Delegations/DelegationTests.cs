using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Features.Cases;
using Aktivitetsplikt.Web.Features.Delegations;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Tests.Support;

namespace Aktivitetsplikt.Web.Tests.Features.Delegations;

/// <summary>A deputy (staff) acts with the principal's rights on delegated cases, sees them, and loses them when withdrawn.</summary>
public sealed class DelegationTests : SliceTest
{
    [Fact]
    public async Task DelegatedCase_TheDeputySeesIt_AndActsWithThePrincipalsRights_ThePrincipalStillSeesIt()
    {
        var id = await App.ACase().ReportedBy(Org.StaffA).PrincipalNotified();
        await FluentActions.Awaiting(() => App.SendAs(Org.StaffB, new GetCaseDetail.Query(id))).Should().ThrowAsync<NotFoundOrNoAccessException>();

        await App.SendAs(Org.Principal1, new DelegateCases.Command(Org.StaffB.Id, id, null, "Ivar er avdelingsleder for trinnet."));

        var detail = await App.SendAs(Org.StaffB, new GetCaseDetail.Query(id));
        detail.ActsForPrincipal.Should().BeTrue();
        detail.May(CaseTrigger.StartInvestigation).Should().BeTrue();
        detail.Delegations.Should().ContainSingle().Which.Reason.Should().Be("Ivar er avdelingsleder for trinnet.");
        await App.SendAs(Org.StaffB, new StartInvestigation.Command(id, null, "Samtaler med eleven."));
        var entry = (await App.LoadCaseAsync(id)).Entries[^1];
        entry.ActorUserId.Should().Be(Org.StaffB.Id);
        entry.ActorRole.Should().Be(Role.Principal, "the delegate acts with the principal's rights");
        (await App.SendAs(Org.Principal1, new GetCaseDetail.Query(id))).Delegations.Should().ContainSingle();
    }

    [Fact]
    public async Task GradeDelegation_CoversTheCasesOfThePupilsInThatGrade_UntilWithdrawn()
    {
        var id = await App.ACase().ReportedBy(Org.StaffA).About(Org.Emma).PrincipalNotified();
        var grade = new string(Org.Emma.Group.TakeWhile(char.IsDigit).ToArray());

        var delegationId = await App.SendAs(Org.Principal1, new DelegateCases.Command(Org.StaffB.Id, null, grade, "Avdelingsleder for trinnet."));

        (await App.SendAs(Org.StaffB, new ListCases.Query())).Items.Should().Contain(c => c.Id == id);
        (await App.SendAs(Org.StaffB, new GetCaseDetail.Query(id))).ActsForPrincipal.Should().BeTrue();

        await App.SendAs(Org.Principal1, new WithdrawDelegation.Command(delegationId));

        await FluentActions.Awaiting(() => App.SendAs(Org.StaffB, new GetCaseDetail.Query(id))).Should().ThrowAsync<NotFoundOrNoAccessException>();
        var list = await App.SendAs(Org.Principal1, new ListDelegations.Query());
        list.Delegations.Should().ContainSingle().Which.WithdrawnAtUtc.Should().NotBeNull("a withdrawn delegation stays recorded");
    }

    [Fact]
    public async Task Delegation_ToStaffAtAnotherSchool_IsRefused()
    {
        var id = await App.ACase().PrincipalNotified();

        var refused = await FluentActions.Awaiting(() => App.SendAs(Org.Principal1, new DelegateCases.Command(Org.Staff2.Id, id, null, "Hjelp.")))
            .Should().ThrowAsync<CaseRuleViolation>();
        refused.Which.Code.Should().Be(RefusalCode.DelegateNotAtSchool);
    }

    [Fact]
    public async Task Delegation_ByStaff_IsForbidden()
    {
        var id = await App.ACase().PrincipalNotified();

        await FluentActions.Awaiting(() => App.SendAs(Org.StaffA, new DelegateCases.Command(Org.StaffB.Id, id, null, "Hjelp.")))
            .Should().ThrowAsync<ForbiddenException>();
    }
}
