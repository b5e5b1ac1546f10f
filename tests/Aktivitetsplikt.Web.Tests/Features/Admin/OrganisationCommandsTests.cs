using Aktivitetsplikt.Domain.Audit;
using Aktivitetsplikt.Domain.Deadlines;
using Aktivitetsplikt.Web.Features.Admin;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Aktivitetsplikt.Web.Tests.Features.Admin;

public sealed class OrganisationCommandsTests
{
    public static TheoryData<string> Commands => AdminCommands.All();

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task Command_ByTheAdministrator_WritesOneAuditEntryOnAnIntactChain(string command)
    {
        await using var f = await AdminFixture.CreateAsync();

        await f.SendAs(f.Admin, AdminCommands.Build(command, f));

        var entries = await f.AuditEntries();
        var entry = entries.Should().ContainSingle().Subject;
        entry.Action.Should().Be(command);
        entry.UserId.Should().Be(f.Admin.Id);
        entry.Role.Should().Be(Domain.Cases.Role.Administrator);
        entry.CaseId.Should().BeNull();
        entry.Details.Should().NotContain(AdminCommands.NewPassword);
        AuditChain.Verify(entries, Web.Infrastructure.AuditChainSettings.Ephemeral().Keys).IsIntact.Should().BeTrue();
    }

    [Fact]
    public async Task SetSchoolLetterhead_KeepsTheFieldsTrimmed_AndABlankFieldAsNone()
    {
        await using var f = await AdminFixture.CreateAsync();

        await f.SendAs(f.Admin, new SetSchoolLetterhead.Command(f.School.Id, " Skoleveien 1\n8050 Nordvik ", "  ", "75 00 10 00", null));

        var letterhead = (await f.SendAs(f.Admin, new GetSchoolLetterhead.Query(f.School.Id))).Letterhead;
        letterhead.Should().Be(new LetterheadFields("Skoleveien 1\n8050 Nordvik", null, "75 00 10 00", null));
    }

    [Theory]
    [InlineData("http://www.statsforvalteren.no/nordland/")]
    [InlineData("statsforvalteren.no")]
    public async Task SetCountyGovernor_WithAWebAddressThatIsNotAFullHttpsAddress_IsRefusedByTheField_AndNothingIsSaved(string website)
    {
        await using var f = await AdminFixture.CreateAsync();

        var act = () => f.SendAs(f.Admin, new SetCountyGovernor.Command("Statsforvalteren i Nordland", null, website));

        (await act.Should().ThrowAsync<ValidationException>()).Which.Errors.Should().ContainSingle(e => e.PropertyName == "Website" && e.ErrorCode == "Admin.Validation.HttpsAddress");
        (await f.SendAs(f.Admin, new GetCountyGovernor.Query())).Should().Be(new CountyGovernorFields(null, null, null));
    }

    [Fact]
    public async Task CreateSchool_AddsASchoolToTheAdministratorsSchoolOwner()
    {
        await using var f = await AdminFixture.CreateAsync();

        var id = await f.SendAs(f.Admin, new CreateSchool.Command("  Fjellet skole "));

        var school = await f.Read(db => db.Schools.AsNoTracking().SingleAsync(s => s.Id == id));
        school.Name.Should().Be("Fjellet skole");
        school.SchoolOwnerId.Should().Be(f.Owner.Id);
    }

    [Fact]
    public async Task CreateSchool_WithTheNameOfAnotherOfTheOwnersSchools_IsRefused()
    {
        await using var f = await AdminFixture.CreateAsync();

        var act = () => f.SendAs(f.Admin, new CreateSchool.Command("NORDVIK SKOLE"));

        (await act.Should().ThrowAsync<ValidationException>()).Which.Errors
            .Should().ContainSingle(e => e.PropertyName == nameof(CreateSchool.Command.Name) && e.ErrorCode == "Admin.Refusal.SchoolNameTaken");
    }

    [Fact]
    public async Task CreateSchool_WithTheNameOfAnotherOwnersSchool_IsAllowed()
    {
        await using var f = await AdminFixture.CreateAsync();

        await f.SendAs(f.Admin, new CreateSchool.Command(f.OtherSchool.Name));

        (await f.Read(db => db.Schools.CountAsync(s => s.Name == f.OtherSchool.Name))).Should().Be(2);
    }

    [Fact]
    public async Task CreateSchool_WithoutAName_IsRefused()
    {
        await using var f = await AdminFixture.CreateAsync();

        var act = () => f.SendAs(f.Admin, new CreateSchool.Command(" "));

        (await act.Should().ThrowAsync<ValidationException>()).Which.Errors.Should().ContainSingle(e => e.ErrorCode == "NotEmptyValidator");
    }

    [Fact]
    public async Task RenameSchool_ChangesTheName_AndMayKeepItsOwnNameInAnotherCase()
    {
        await using var f = await AdminFixture.CreateAsync();

        await f.SendAs(f.Admin, new RenameSchool.Command(f.School.Id, "Nordvik barneskole"));
        await f.SendAs(f.Admin, new RenameSchool.Command(f.School.Id, "Nordvik Barneskole"));

        (await f.Read(db => db.Schools.AsNoTracking().SingleAsync(s => s.Id == f.School.Id))).Name.Should().Be("Nordvik Barneskole");
    }

    [Fact]
    public async Task RenameSchool_ToTheNameOfAnotherOfTheOwnersSchools_IsRefused()
    {
        await using var f = await AdminFixture.CreateAsync();

        var act = () => f.SendAs(f.Admin, new RenameSchool.Command(f.School.Id, f.SecondSchool.Name));

        (await act.Should().ThrowAsync<ValidationException>()).Which.Errors.Should().ContainSingle(e => e.ErrorCode == "Admin.Refusal.SchoolNameTaken");
    }

    [Fact]
    public async Task AddPupil_StoresNameAndGroupAtTheSchool()
    {
        await using var f = await AdminFixture.CreateAsync();

        var id = await f.SendAs(f.Admin, new AddPupil.Command(f.SecondSchool.Id, " Ada ", "Lovelace", "7C"));

        var pupil = await f.Read(db => db.Pupils.AsNoTracking().SingleAsync(p => p.Id == id));
        pupil.SchoolId.Should().Be(f.SecondSchool.Id);
        pupil.FullName.Should().Be("Ada Lovelace");
        pupil.Group.Should().Be("7C");
    }

    [Fact]
    public void AddPupil_AsksForNoNationalIdentityNumber()
    {
        typeof(AddPupil.Command).GetProperties().Select(p => p.Name)
            .Should().BeEquivalentTo(nameof(AddPupil.Command.SchoolId), nameof(AddPupil.Command.FirstName), nameof(AddPupil.Command.LastName), nameof(AddPupil.Command.Group));
    }

    [Fact]
    public async Task AddPupil_WithoutNamesOrGroup_IsRefusedFieldByField()
    {
        await using var f = await AdminFixture.CreateAsync();

        var act = () => f.SendAs(f.Admin, new AddPupil.Command(f.School.Id, "", "", ""));

        (await act.Should().ThrowAsync<ValidationException>()).Which.Errors.Select(e => e.PropertyName)
            .Should().BeEquivalentTo(nameof(AddPupil.Command.FirstName), nameof(AddPupil.Command.LastName), nameof(AddPupil.Command.Group));
    }

    [Fact]
    public async Task SetDeadlinePolicy_StoresTheSchoolOwnersRoutine()
    {
        await using var f = await AdminFixture.CreateAsync();

        await f.SendAs(f.Admin, new SetDeadlinePolicy.Command(2, 8));

        var owner = await f.Read(db => db.SchoolOwners.AsNoTracking().SingleAsync(o => o.Id == f.Owner.Id));
        owner.DeadlinePolicy.Should().Be(new DeadlinePolicy(2, 8));
        (await f.SendAs(f.Admin, new ListOrganisation.Query())).DeadlinePolicy.Should().Be(new DeadlinePolicy(2, 8));
    }

    [Theory]
    [InlineData(0, 24, nameof(SetDeadlinePolicy.Command.InvestigationStartSchoolDays), "Admin.Validation.SchoolDaysRange")]
    [InlineData(21, 24, nameof(SetDeadlinePolicy.Command.InvestigationStartSchoolDays), "Admin.Validation.SchoolDaysRange")]
    [InlineData(3, 0, nameof(SetDeadlinePolicy.Command.ImmediateInvestigationHours), "Admin.Validation.HoursRange")]
    [InlineData(3, 100, nameof(SetDeadlinePolicy.Command.ImmediateInvestigationHours), "Admin.Validation.HoursRange")]
    public async Task SetDeadlinePolicy_OutsideTheAllowedRange_IsRefusedBeforeTheDomainThrows(int investigate, int immediate, string field, string code)
    {
        await using var f = await AdminFixture.CreateAsync();

        var act = () => f.SendAs(f.Admin, new SetDeadlinePolicy.Command(investigate, immediate));

        (await act.Should().ThrowAsync<ValidationException>()).Which.Errors.Should().ContainSingle(e => e.PropertyName == field && e.ErrorCode == code);
        (await f.Read(db => db.SchoolOwners.AsNoTracking().SingleAsync(o => o.Id == f.Owner.Id))).DeadlinePolicy.Should().Be(DeadlinePolicy.Default);
    }
}
