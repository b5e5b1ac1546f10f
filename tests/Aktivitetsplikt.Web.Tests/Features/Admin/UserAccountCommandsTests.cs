using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Features.Account;
using Aktivitetsplikt.Web.Features.Admin;
using FluentValidation;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aktivitetsplikt.Web.Tests.Features.Admin;

public sealed class UserAccountCommandsTests
{
    [Fact]
    public async Task DeactivateUser_KeepsTheRowAndOnlyMarksItInactive()
    {
        await using var f = await AdminFixture.CreateAsync();

        await f.SendAs(f.Admin, new DeactivateUser.Command(f.Staff.Id));

        var user = await f.UserNamed(f.Staff.UserName);
        user.IsActive.Should().BeFalse();
        user.Role.Should().Be(Role.Staff);
        user.SchoolId.Should().Be(f.School.Id);
        user.PasswordHash.Should().Be(f.Staff.PasswordHash);
        (await f.Read(db => db.Users.CountAsync())).Should().Be(6);
    }

    [Fact]
    public async Task DeactivateUser_ThenTheUserCannotSignIn_AndActivateUserMakesThemActiveAgain()
    {
        await using var f = await AdminFixture.CreateAsync();

        await f.SendAs(f.Admin, new DeactivateUser.Command(f.Staff.Id));
        (await SignInAsync(f, f.Staff.UserName, AdminFixture.InitialPassword)).Outcome.Should().Be(SignInOutcome.Failed);

        await f.SendAs(f.Admin, new ActivateUser.Command(f.Staff.Id));
        (await f.UserNamed(f.Staff.UserName)).IsActive.Should().BeTrue();
    }

    [Fact]
    public async Task DeactivateUser_OfOneself_IsRefused()
    {
        await using var f = await AdminFixture.CreateAsync();

        var act = () => f.SendAs(f.Admin, new DeactivateUser.Command(f.Admin.Id));

        (await act.Should().ThrowAsync<ValidationException>()).Which.Errors.Should().ContainSingle(e => e.ErrorCode == "Admin.Refusal.DeactivateSelf");
        (await f.UserNamed(f.Admin.UserName)).IsActive.Should().BeTrue();
    }

    [Fact]
    public async Task ResetPassword_HashesTheNewPassword_AndEndsEverySessionOfTheUser()
    {
        await using var f = await AdminFixture.CreateAsync();
        var now = DateTime.UtcNow;
        await f.Read(async db =>
        {
            db.UserSessions.AddRange(new UserSession(f.Staff.Id, now), new UserSession(f.Staff.Id, now), new UserSession(f.Principal.Id, now));
            return await db.SaveChangesAsync();
        });

        await f.SendAs(f.Admin, new ResetPassword.Command(f.Staff.Id, AdminCommands.NewPassword));

        var user = await f.UserNamed(f.Staff.UserName);
        user.PasswordHash.Should().NotContain(AdminCommands.NewPassword);
        f.PasswordMatches(user, AdminCommands.NewPassword).Should().BeTrue();
        f.PasswordMatches(user, AdminFixture.InitialPassword).Should().BeFalse();
        var sessions = await f.Read(db => db.UserSessions.AsNoTracking().ToListAsync());
        sessions.Where(s => s.UserId == f.Staff.Id).Should().HaveCount(2).And.OnlyContain(s => s.EndedUtc != null && s.EndReason == SessionEnd.PasswordSet);
        sessions.Single(s => s.UserId == f.Principal.Id).EndedUtc.Should().BeNull("another user's session is not touched");
    }

    [Fact]
    public async Task ResetPassword_NeverWritesThePasswordToTheAuditLog()
    {
        await using var f = await AdminFixture.CreateAsync();

        await f.SendAs(f.Admin, new ResetPassword.Command(f.Staff.Id, AdminCommands.NewPassword));

        var entry = (await f.AuditEntries()).Should().ContainSingle().Subject;
        entry.Action.Should().Be(nameof(ResetPassword));
        entry.Details.Should().Contain(f.Staff.Id.ToString()).And.NotContain(AdminCommands.NewPassword).And.NotContain("NewPassword");
    }

    [Fact]
    public async Task ResetPassword_ShorterThanTwelve_IsRefused()
    {
        await using var f = await AdminFixture.CreateAsync();

        var act = () => f.SendAs(f.Admin, new ResetPassword.Command(f.Staff.Id, "kort"));

        (await act.Should().ThrowAsync<ValidationException>()).Which.Errors
            .Should().ContainSingle(e => e.PropertyName == nameof(ResetPassword.Command.NewPassword) && e.ErrorCode == "Admin.Validation.PasswordTooShort");
        f.PasswordMatches(await f.UserNamed(f.Staff.UserName), AdminFixture.InitialPassword).Should().BeTrue();
    }

    [Theory]
    [InlineData("Vinter2026!!", "Admin.Validation.PasswordTooCommon")]
    [InlineData("kari.laerer.nordvik", "Admin.Validation.PasswordFromContext")]
    public async Task ResetPassword_ToACommonOrContextPassword_IsRefused(string password, string code)
    {
        await using var f = await AdminFixture.CreateAsync();

        var act = () => f.SendAs(f.Admin, new ResetPassword.Command(f.Staff.Id, password));

        (await act.Should().ThrowAsync<ValidationException>()).Which.Errors
            .Should().ContainSingle(e => e.PropertyName == nameof(ResetPassword.Command.NewPassword) && e.ErrorCode == code);
        f.PasswordMatches(await f.UserNamed(f.Staff.UserName), AdminFixture.InitialPassword).Should().BeTrue();
    }

    [Fact]
    public async Task ChangeUserRole_MovesAUserToAnotherRoleAndSchool()
    {
        await using var f = await AdminFixture.CreateAsync();

        await f.SendAs(f.Admin, new ChangeUserRole.Command(f.Staff.Id, Role.Principal, f.SecondSchool.Id));

        var user = await f.UserNamed(f.Staff.UserName);
        user.Role.Should().Be(Role.Principal);
        user.SchoolId.Should().Be(f.SecondSchool.Id);
    }

    [Fact]
    public async Task ChangeUserRole_ToTheSchoolOwnersTeam_DropsTheSchool()
    {
        await using var f = await AdminFixture.CreateAsync();

        await f.SendAs(f.Admin, new ChangeUserRole.Command(f.Staff.Id, Role.SchoolOwnerTeam, null));

        var user = await f.UserNamed(f.Staff.UserName);
        user.Role.Should().Be(Role.SchoolOwnerTeam);
        user.SchoolId.Should().BeNull();
    }

    [Fact]
    public async Task ChangeUserRole_ToStaffWithoutASchool_IsRefused()
    {
        await using var f = await AdminFixture.CreateAsync();

        var act = () => f.SendAs(f.Admin, new ChangeUserRole.Command(f.Team.Id, Role.Staff, null));

        (await act.Should().ThrowAsync<ValidationException>()).Which.Errors.Should().ContainSingle(e => e.ErrorCode == "Admin.Validation.SchoolRequired");
    }

    [Fact]
    public async Task ChangeUserRole_TakingAwayOnesOwnAdministratorRole_IsRefused()
    {
        await using var f = await AdminFixture.CreateAsync();

        var act = () => f.SendAs(f.Admin, new ChangeUserRole.Command(f.Admin.Id, Role.Staff, f.School.Id));

        (await act.Should().ThrowAsync<ValidationException>()).Which.Errors
            .Should().ContainSingle(e => e.PropertyName == nameof(ChangeUserRole.Command.Role) && e.ErrorCode == "Admin.Refusal.OwnRole");
        (await f.UserNamed(f.Admin.UserName)).Role.Should().Be(Role.Administrator);
    }

    /// <summary>Only failed attempts here: a successful one would need the cookie handler, which these slice tests do not host.</summary>
    private static async Task<SignInResult> SignInAsync(AdminFixture f, string userName, string password)
    {
        using var scope = f.Services.CreateScope();
        var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        var signIn = scope.ServiceProvider.GetRequiredService<SignInService>();
        return await signIn.SignInAsync(http, userName, password);
    }
}
