using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Features.Admin;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Aktivitetsplikt.Web.Tests.Features.Admin;

public sealed class CreateUserTests
{
    private const string Password = "Et-langt-startpassord";

    [Fact]
    public async Task CreateUser_StoresTheUserWithAHashedPassword()
    {
        await using var f = await AdminFixture.CreateAsync();

        var id = await f.SendAs(f.Admin, new CreateUser.Command("  Ny.Bruker ", "Ny Bruker", Role.Principal, f.SecondSchool.Id, Password));

        var user = await f.Read(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == id));
        user.UserName.Should().Be("ny.bruker");
        user.DisplayName.Should().Be("Ny Bruker");
        user.Role.Should().Be(Role.Principal);
        user.SchoolId.Should().Be(f.SecondSchool.Id);
        user.SchoolOwnerId.Should().Be(f.Owner.Id);
        user.IsActive.Should().BeTrue();
        user.PasswordHash.Should().NotBeNullOrEmpty().And.NotContain(Password);
        f.PasswordMatches(user, Password).Should().BeTrue();
    }

    [Fact]
    public async Task CreateUser_NeverWritesThePasswordToTheAuditLog()
    {
        await using var f = await AdminFixture.CreateAsync();

        await f.SendAs(f.Admin, new CreateUser.Command("ny.bruker", "Ny Bruker", Role.Staff, f.School.Id, Password));

        var entry = (await f.AuditEntries()).Should().ContainSingle().Subject;
        entry.Action.Should().Be(nameof(CreateUser));
        entry.UserId.Should().Be(f.Admin.Id);
        entry.Details.Should().Contain("ny.bruker").And.NotContain(Password).And.NotContain("Password");
    }

    [Theory]
    [InlineData("kari.laerer")]
    [InlineData("KARI.LAERER")]
    [InlineData(" kari.laerer ")]
    public async Task CreateUser_WithAUserNameAlreadyTaken_IsRefusedOnTheUserNameField(string userName)
    {
        await using var f = await AdminFixture.CreateAsync();

        var act = () => f.SendAs(f.Admin, new CreateUser.Command(userName, "Kari Andre", Role.Staff, f.School.Id, Password));

        var refusal = (await act.Should().ThrowAsync<ValidationException>()).Which;
        refusal.Errors.Should().ContainSingle(e => e.PropertyName == nameof(CreateUser.Command.UserName) && e.ErrorCode == "Admin.Refusal.UserNameTaken");
        (await f.Read(db => db.Users.CountAsync(u => u.UserName == "kari.laerer"))).Should().Be(1);
        (await f.AuditEntries()).Should().BeEmpty();
    }

    [Fact]
    public async Task CreateUser_WithAUserNameTakenAtAnotherSchoolOwner_IsRefused()
    {
        await using var f = await AdminFixture.CreateAsync();

        var act = () => f.SendAs(f.Admin, new CreateUser.Command(f.OtherStaff.UserName, "Sara", Role.Staff, f.School.Id, Password));

        (await act.Should().ThrowAsync<ValidationException>()).Which.Errors.Should().ContainSingle(e => e.ErrorCode == "Admin.Refusal.UserNameTaken");
    }

    [Theory]
    [InlineData(Role.Staff)]
    [InlineData(Role.Principal)]
    public async Task CreateUser_StaffOrPrincipalWithoutASchool_IsRefusedOnTheSchoolField(Role role)
    {
        await using var f = await AdminFixture.CreateAsync();

        var act = () => f.SendAs(f.Admin, new CreateUser.Command("ny.bruker", "Ny Bruker", role, null, Password));

        (await act.Should().ThrowAsync<ValidationException>()).Which.Errors
            .Should().ContainSingle(e => e.PropertyName == nameof(CreateUser.Command.SchoolId) && e.ErrorCode == "Admin.Validation.SchoolRequired");
    }

    [Theory]
    [InlineData(Role.SchoolOwnerTeam)]
    [InlineData(Role.Administrator)]
    public async Task CreateUser_ForTheSchoolOwnerLevel_BelongsToNoSchool(Role role)
    {
        await using var f = await AdminFixture.CreateAsync();

        var id = await f.SendAs(f.Admin, new CreateUser.Command("ny.bruker", "Ny Bruker", role, f.School.Id, Password));

        (await f.Read(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == id))).SchoolId.Should().BeNull();
    }

    [Theory]
    [InlineData("kort", "Admin.Validation.PasswordTooShort")]
    [InlineData("123456789", "Admin.Validation.PasswordTooShort")]
    [InlineData("Nordvik2026", "Admin.Validation.PasswordTooShort")]
    [InlineData("", "NotEmptyValidator")]
    public async Task CreateUser_WithAPasswordShorterThanTwelve_IsRefused(string password, string code)
    {
        await using var f = await AdminFixture.CreateAsync();

        var act = () => f.SendAs(f.Admin, new CreateUser.Command("ny.bruker", "Ny Bruker", Role.Staff, f.School.Id, password));

        (await act.Should().ThrowAsync<ValidationException>()).Which.Errors
            .Should().ContainSingle(e => e.PropertyName == nameof(CreateUser.Command.Password) && e.ErrorCode == code);
    }

    [Theory]
    [InlineData("Sommer2026!!")]
    [InlineData("aaaaaaaaaaaa")]
    [InlineData("Passord12345")]
    public async Task CreateUser_WithACommonPassword_IsRefused(string password)
    {
        await using var f = await AdminFixture.CreateAsync();

        var act = () => f.SendAs(f.Admin, new CreateUser.Command("ny.bruker", "Ny Bruker", Role.Staff, f.School.Id, password));

        (await act.Should().ThrowAsync<ValidationException>()).Which.Errors
            .Should().ContainSingle(e => e.PropertyName == nameof(CreateUser.Command.Password) && e.ErrorCode == "Admin.Validation.PasswordTooCommon");
        (await f.Read(db => db.Users.AnyAsync(u => u.UserName == "ny.bruker"))).Should().BeFalse();
    }

    [Theory]
    [InlineData("ny.bruker-2026!")]
    [InlineData("NyBruker123456")]
    [InlineData("Sjøkanten ungdomsskole 1")]
    [InlineData("Nordvik kommune 2026")]
    [InlineData("Ny Bruker Sjøkanten 9")]
    public async Task CreateUser_WithAPasswordBuiltOnTheUsersNamesTheSchoolOrTheProduct_IsRefused(string password)
    {
        await using var f = await AdminFixture.CreateAsync();

        var act = () => f.SendAs(f.Admin, new CreateUser.Command("ny.bruker", "Ny Bruker", Role.Staff, f.SecondSchool.Id, password));

        (await act.Should().ThrowAsync<ValidationException>()).Which.Errors
            .Should().ContainSingle(e => e.PropertyName == nameof(CreateUser.Command.Password) && e.ErrorCode == "Admin.Validation.PasswordFromContext");
    }

    [Theory]
    [InlineData("kari lærer")]
    [InlineData("kari/laerer")]
    public async Task CreateUser_WithAUserNameOutsideTheAllowedCharacters_IsRefused(string userName)
    {
        await using var f = await AdminFixture.CreateAsync();

        var act = () => f.SendAs(f.Admin, new CreateUser.Command(userName, "Kari", Role.Staff, f.School.Id, Password));

        (await act.Should().ThrowAsync<ValidationException>()).Which.Errors
            .Should().ContainSingle(e => e.ErrorCode == "Admin.Validation.UserNameCharacters");
    }
}
