using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Features.Admin;
using Aktivitetsplikt.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Aktivitetsplikt.Web.Tests.Features.Admin;

public sealed class AdminAccessTests
{
    public static TheoryData<Role, string> OtherRoles => AdminCommands.ForEveryOtherRole();
    public static TheoryData<string> Foreign => AdminCommands.ReachingIntoAnotherOwner();

    [Theory]
    [MemberData(nameof(OtherRoles))]
    public async Task Command_FromARoleOtherThanAdministrator_IsForbiddenAndWritesNothing(Role role, string command)
    {
        await using var f = await AdminFixture.CreateAsync();

        var act = () => f.SendAs(f.InRole(role), AdminCommands.Build(command, f));

        await act.Should().ThrowAsync<ForbiddenException>();
        (await f.AuditEntries()).Should().BeEmpty();
        (await f.Read(db => db.Schools.CountAsync())).Should().Be(3);
        (await f.UserNamed(f.Staff.UserName)).Role.Should().Be(Role.Staff);
    }

    [Theory]
    [InlineData(Role.Staff)]
    [InlineData(Role.Principal)]
    [InlineData(Role.SchoolOwnerTeam)]
    public async Task ListOrganisation_FromARoleOtherThanAdministrator_IsForbidden(Role role)
    {
        await using var f = await AdminFixture.CreateAsync();

        var act = () => f.SendAs(f.InRole(role), new ListOrganisation.Query());

        await act.Should().ThrowAsync<ForbiddenException>();
    }

    [Theory]
    [MemberData(nameof(Foreign))]
    public async Task Command_NamingAnotherSchoolOwnersSchoolOrUser_IsRefusedAsNotFound(string command)
    {
        await using var f = await AdminFixture.CreateAsync();

        var act = () => f.SendAs(f.Admin, AdminCommands.BuildForeign(command, f));

        await act.Should().ThrowAsync<NotFoundOrNoAccessException>();
        (await f.AuditEntries()).Should().BeEmpty();
        var otherSchool = await f.Read(db => db.Schools.AsNoTracking().SingleAsync(s => s.Id == f.OtherSchool.Id));
        otherSchool.Name.Should().Be("Sørvik skole");
        var otherStaff = await f.UserNamed(f.OtherStaff.UserName);
        otherStaff.IsActive.Should().BeTrue();
        otherStaff.Role.Should().Be(Role.Staff);
        f.PasswordMatches(otherStaff, AdminFixture.InitialPassword).Should().BeTrue();
        (await f.Read(db => db.Pupils.CountAsync(p => p.SchoolId == f.OtherSchool.Id))).Should().Be(1);
    }

    [Fact]
    public async Task SetDeadlinePolicy_ChangesOnlyTheAdministratorsOwnSchoolOwner()
    {
        await using var f = await AdminFixture.CreateAsync();

        await f.SendAs(f.Admin, new SetDeadlinePolicy.Command(5, 12));

        var owners = await f.Read(db => db.SchoolOwners.AsNoTracking().ToDictionaryAsync(o => o.Id));
        owners[f.Owner.Id].DeadlinePolicy.Should().Be(new Domain.Deadlines.DeadlinePolicy(5, 12));
        owners[f.OtherOwner.Id].DeadlinePolicy.Should().Be(Domain.Deadlines.DeadlinePolicy.Default);
    }

    [Fact]
    public async Task ListOrganisation_ShowsOnlyTheAdministratorsOwnSchoolOwner()
    {
        await using var f = await AdminFixture.CreateAsync();

        var result = await f.SendAs(f.Admin, new ListOrganisation.Query());

        result.SchoolOwnerName.Should().Be("Nordvik kommune");
        result.Schools.Select(s => s.Name).Should().Equal("Nordvik skole", "Sjøkanten ungdomsskole");
        result.Users.Select(u => u.UserName).Should().BeEquivalentTo("arne.admin", "kari.laerer", "randi.rektor", "siri.9a");
        var nordvik = result.School(f.School.Id)!;
        nordvik.UserCount.Should().Be(2);
        nordvik.PupilCount.Should().Be(1);
        result.User(f.Staff.Id)!.SchoolName.Should().Be("Nordvik skole");
        result.User(f.Team.Id)!.SchoolName.Should().BeNull();
    }
}
