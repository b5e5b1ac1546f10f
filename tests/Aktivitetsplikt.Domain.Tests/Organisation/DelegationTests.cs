using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Domain.Organisation;
using static Aktivitetsplikt.Domain.Tests.TestData;

namespace Aktivitetsplikt.Domain.Tests.Organisation;

public class DelegationTests
{
    private static readonly Guid OwnerId = Guid.NewGuid();

    private static UserAccount Deputy(Guid? schoolId = null, Role role = Role.Staff) =>
        new("inspektor", "Ivar Inspektør", role, OwnerId, schoolId ?? SchoolId);

    [Theory]
    [InlineData("6A", "6", true)]
    [InlineData("6B", "6B", true)]
    [InlineData("6", "6", true)]
    [InlineData("16A", "6", false)]
    [InlineData("10A", "1", false)]
    [InlineData("6B", "6A", false)]
    public void GroupInGrade_MatchesTheGradeOrTheClass_NotAnotherGradeStartingWithTheSameDigit(string group, string grade, bool expected)
    {
        Delegation.GroupInGrade(group, grade).Should().Be(expected);
    }

    [Fact]
    public void Delegation_RecordsWhoWhenAndWhy_AndCanBeWithdrawn_StayingRecorded()
    {
        var delegation = new Delegation(SchoolId, Principal, Deputy(), null, " 6 ", " Ivar leads grade 6. ", Monday);

        delegation.Grade.Should().Be("6");
        delegation.Reason.Should().Be("Ivar leads grade 6.");
        delegation.PrincipalName.Should().Be(Principal.Name);
        delegation.DelegateName.Should().Be("Ivar Inspektør");
        delegation.GrantedAtUtc.Should().Be(Monday);
        delegation.IsActive.Should().BeTrue();

        delegation.Withdraw(Principal, Later);

        delegation.IsActive.Should().BeFalse();
        delegation.WithdrawnAtUtc.Should().Be(Later);
        delegation.WithdrawnByName.Should().Be(Principal.Name);
        FluentActions.Invoking(() => delegation.Withdraw(Principal, Later)).Should().Throw<CaseRuleViolation>();
    }

    [Fact]
    public void Delegation_ByAnyoneButThePrincipal_IsRefused()
    {
        FluentActions.Invoking(() => new Delegation(SchoolId, SchoolOwnerTeam, Deputy(), Guid.NewGuid(), null, "Why.", Monday))
            .Should().Throw<CaseRuleViolation>().Which.Code.Should().Be(RefusalCode.RoleMayNotAct);
    }

    [Fact]
    public void Delegation_ToSomeoneAtAnotherSchool_IsRefused()
    {
        FluentActions.Invoking(() => new Delegation(SchoolId, Principal, Deputy(Guid.NewGuid()), Guid.NewGuid(), null, "Why.", Monday))
            .Should().Throw<CaseRuleViolation>().Which.Code.Should().Be(RefusalCode.DelegateNotAtSchool);
    }

    [Theory]
    [InlineData(true, "6")]
    [InlineData(false, null)]
    public void Delegation_OfBothOrNeitherACaseAndAGrade_IsRefused(bool withCase, string? grade)
    {
        FluentActions.Invoking(() => new Delegation(SchoolId, Principal, Deputy(), withCase ? Guid.NewGuid() : null, grade, "Why.", Monday))
            .Should().Throw<CaseRuleViolation>().Which.Code.Should().Be(RefusalCode.ReasonRequired);
    }
}
