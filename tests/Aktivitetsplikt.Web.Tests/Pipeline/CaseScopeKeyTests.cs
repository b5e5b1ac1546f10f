using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Pipeline;

namespace Aktivitetsplikt.Web.Tests.Pipeline;

/// <summary>
/// A list's total is kept per <see cref="CaseScope.ScopeKey"/> (ADR 026): two users may share a key only when
/// <see cref="CaseScope.VisibleTo"/> gives them the same cases, or a figure counted over one user's cases is shown to another.
/// </summary>
public sealed class CaseScopeKeyTests
{
    private sealed record User(Guid UserId, Role Role, Guid SchoolOwnerId, Guid? SchoolId) : ICurrentUser
    {
        public bool IsAuthenticated => true;
        public string Name => "Test";
    }

    private static readonly Guid Owner = Guid.NewGuid(), SchoolA = Guid.NewGuid(), SchoolB = Guid.NewGuid();

    [Theory]
    [InlineData(Role.Staff)]
    [InlineData(Role.Guardian)]
    [InlineData(Role.Pupil)]
    public void UsersWhoSeeOnlyTheirOwnCases_EachHaveTheirOwnKey_EvenAtOneSchool(Role role)
    {
        var one = new User(Guid.NewGuid(), role, Owner, SchoolA);
        var other = new User(Guid.NewGuid(), role, Owner, SchoolA);

        CaseScope.ScopeKey(one).Should().NotBe(CaseScope.ScopeKey(other));
        CaseScope.ScopeKey(one).Should().NotBe("none", "a user who sees cases must not share the key of those who see none");
    }

    [Fact]
    public void PrincipalsShareTheirSchoolsKey_AndTheSchoolOwnersTeamTheirOwners_ButNeverAcrossSchoolsOrRoles()
    {
        var principalA = new User(Guid.NewGuid(), Role.Principal, Owner, SchoolA);
        var deputyA = new User(Guid.NewGuid(), Role.Principal, Owner, SchoolA);
        var principalB = new User(Guid.NewGuid(), Role.Principal, Owner, SchoolB);
        var team = new User(Guid.NewGuid(), Role.SchoolOwnerTeam, Owner, null);

        CaseScope.ScopeKey(principalA).Should().Be(CaseScope.ScopeKey(deputyA));
        new[] { CaseScope.ScopeKey(principalA), CaseScope.ScopeKey(principalB), CaseScope.ScopeKey(team) }.Should().OnlyHaveUniqueItems();
    }
}
