using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Features.Admin;

namespace Aktivitetsplikt.Web.Tests.Features.Admin;

/// <summary>Every administration command by name, built against a fixture, for the theories that must hold for all of them.</summary>
public static class AdminCommands
{
    public const string NewPassword = "Tyttebær-og-multer-7";

    public static readonly string[] Names =
    {
        nameof(CreateSchool), nameof(RenameSchool), nameof(CreateUser), nameof(ChangeUserRole), nameof(DeactivateUser),
        nameof(ActivateUser), nameof(ResetPassword), nameof(AddPupil), nameof(SetDeadlinePolicy),
        nameof(SetSchoolLetterhead), nameof(SetCountyGovernor),
    };

    public static TheoryData<string> All()
    {
        var data = new TheoryData<string>();
        foreach (var name in Names) data.Add(name);
        return data;
    }

    public static TheoryData<Role, string> ForEveryOtherRole()
    {
        var data = new TheoryData<Role, string>();
        foreach (var role in new[] { Role.Staff, Role.Principal, Role.SchoolOwnerTeam })
            foreach (var name in Names) data.Add(role, name);
        return data;
    }

    /// <summary>A valid command on the administrator's own school owner.</summary>
    public static object Build(string name, AdminFixture f) => name switch
    {
        nameof(CreateSchool) => new CreateSchool.Command("Fjellet skole"),
        nameof(RenameSchool) => new RenameSchool.Command(f.School.Id, "Nordvik barneskole"),
        nameof(CreateUser) => new CreateUser.Command("ny.bruker", "Ny Bruker", Role.Staff, f.School.Id, NewPassword),
        nameof(ChangeUserRole) => new ChangeUserRole.Command(f.Staff.Id, Role.Principal, f.School.Id),
        nameof(DeactivateUser) => new DeactivateUser.Command(f.Staff.Id),
        nameof(ActivateUser) => new ActivateUser.Command(f.Staff.Id),
        nameof(ResetPassword) => new ResetPassword.Command(f.Staff.Id, NewPassword),
        nameof(AddPupil) => new AddPupil.Command(f.School.Id, "Ada", "Lovelace", "7C"),
        nameof(SetDeadlinePolicy) => new SetDeadlinePolicy.Command(5, 12),
        nameof(SetSchoolLetterhead) => new SetSchoolLetterhead.Command(f.School.Id, "Skoleveien 1\n8050 Nordvik", "Randi Rektor", "75 00 10 00", "skole@example.org"),
        nameof(SetCountyGovernor) => new SetCountyGovernor.Command("Statsforvalteren i Nordland", "Postboks 1405, 8002 Bodø", "https://www.statsforvalteren.no/nordland/"),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    public static TheoryData<string> ReachingIntoAnotherOwner()
    {
        var data = new TheoryData<string>();
        foreach (var name in new[]
                 {
                     "RenameSchool", "CreateUserAtSchool", "ChangeUserRoleOfUser", "ChangeUserRoleToSchool", "DeactivateUser",
                     "ActivateUser", "ResetPassword", "AddPupil", "SetSchoolLetterhead",
                 })
            data.Add(name);
        return data;
    }

    /// <summary>A command that names the other school owner's school or user.</summary>
    public static object BuildForeign(string name, AdminFixture f) => name switch
    {
        "RenameSchool" => new RenameSchool.Command(f.OtherSchool.Id, "Overtatt skole"),
        "CreateUserAtSchool" => new CreateUser.Command("ny.bruker", "Ny Bruker", Role.Staff, f.OtherSchool.Id, NewPassword),
        "ChangeUserRoleOfUser" => new ChangeUserRole.Command(f.OtherStaff.Id, Role.Principal, f.School.Id),
        "ChangeUserRoleToSchool" => new ChangeUserRole.Command(f.Staff.Id, Role.Staff, f.OtherSchool.Id),
        "DeactivateUser" => new DeactivateUser.Command(f.OtherStaff.Id),
        "ActivateUser" => new ActivateUser.Command(f.OtherStaff.Id),
        "ResetPassword" => new ResetPassword.Command(f.OtherStaff.Id, NewPassword),
        "AddPupil" => new AddPupil.Command(f.OtherSchool.Id, "Ada", "Lovelace", "7C"),
        "SetSchoolLetterhead" => new SetSchoolLetterhead.Command(f.OtherSchool.Id, "Et annet sted 1", null, null, null),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };
}
