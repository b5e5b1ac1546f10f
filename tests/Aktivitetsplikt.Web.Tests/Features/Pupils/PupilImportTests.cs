using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Features.Admin;
using Aktivitetsplikt.Web.Features.Cases;
using Aktivitetsplikt.Web.Features.Pupils;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Tests.Support;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Aktivitetsplikt.Web.Tests.Features.Pupils;

public sealed class PupilImportTests : SliceTest
{
    private string[] Schools => [Org.School1.Name, Org.School2.Name];

    private async Task<(Guid Batch, PreviewPupilImport.Result Preview)> UploadAsync(byte[] content, bool full = true)
    {
        var result = await App.SendAs(Org.Admin, new UploadPupilImport.Command("elever.csv", content, full));
        result.FileProblems.Should().BeEmpty();
        var batch = result.BatchId!.Value;
        return (batch, await App.SendAs(Org.Admin, new PreviewPupilImport.Query(batch)));
    }

    private async Task<PreviewPupilImport.Counts> ImportAsync(IEnumerable<PupilFiles.Row> rows, bool full = true, char separator = ';', string encoding = "utf-8")
    {
        var (batch, preview) = await UploadAsync(PupilFiles.Encode(PupilFiles.Csv(rows, separator), encoding), full);
        return await App.SendAs(Org.Admin, new ApplyPupilImport.Command(batch, preview.Plan!.Fingerprint));
    }

    [Theory]
    [InlineData("utf-8-bom", ';')]
    [InlineData("utf-8", ',')]
    [InlineData("windows-1252", ';')]
    [InlineData("windows-1252", ',')]
    public async Task ImportOfThreeThousandPupils_InEitherEncodingAndSeparator_AddsEveryPupilWithTheirNorwegianLetters(string encoding, char separator)
    {
        var rows = PupilFiles.Generate(3000, Schools);

        var (batch, preview) = await UploadAsync(PupilFiles.Encode(PupilFiles.Csv(rows, separator), encoding));

        preview.EncodingName.Should().Be(encoding.StartsWith("utf-8") ? "UTF-8" : "Windows-1252");
        preview.Separator.Should().Be(separator.ToString());
        preview.Plan!.Added.Should().HaveCount(3000);
        preview.Plan.Skipped.Should().BeEmpty();
        preview.Plan.GuardiansAdded.Should().Be(300);
        (await App.WithDb(db => db.Pupils.CountAsync())).Should().Be(5, "the preview changes nothing");

        var counts = await App.SendAs(Org.Admin, new ApplyPupilImport.Command(batch, preview.Plan.Fingerprint));

        counts.Should().Be(new PreviewPupilImport.Counts(3000, 0, 0, 300, 0));
        var stored = await App.WithDb(db => db.Pupils.Where(p => p.ExternalId != null).ToListAsync());
        stored.Should().HaveCount(3000);
        var sample = rows.First(r => r.FirstName.Contains('Å') || r.LastName.Contains('ø') || r.LastName.Contains('æ'));
        stored.Should().ContainSingle(p => p.ExternalId == sample.ExternalId && p.FirstName == sample.FirstName && p.LastName == sample.LastName
            && p.Group == sample.Group);
        (await App.WithDb(db => db.Guardianships.CountAsync())).Should().Be(300);
    }

    [Fact]
    public async Task ReImport_MovesAPupilToTheNewClass_AndDeactivatesTheOneMissing_WhoseCaseStaysAndStillShowsThem()
    {
        var rows = PupilFiles.Generate(40, Schools);
        await ImportAsync(rows);
        var leaver = rows[7];
        var leaverId = await App.WithDb(db => db.Pupils.Where(p => p.ExternalId == leaver.ExternalId).Select(p => p.Id).SingleAsync());
        var school = await App.WithDb(db => db.Pupils.Where(p => p.Id == leaverId).Select(p => p.SchoolId).SingleAsync());
        var staff = school == Org.School1.Id ? Org.StaffA : Org.Staff2;
        var caseResult = await App.SendAs(staff, new LogConcern.Command(leaverId, "Eleven ble utestengt fra leken.", Clock.UtcDateTime.AddHours(-1),
            ConcernLocation.Classroom, null, true, false, false, false));
        var promoted = rows[3] with { Group = "7C", LastName = rows[3].LastName + "-Berg" };

        var (batch, preview) = await UploadAsync(PupilFiles.Encode(PupilFiles.Csv([.. rows.Where(r => r != leaver && r != rows[3]), promoted], ';'), "utf-8"));

        preview.Plan!.Added.Should().BeEmpty();
        preview.Plan.Changed.Should().ContainSingle().Which.Changes.Select(c => c.Field).Should().BeEquivalentTo([PupilImportPlan.FieldName, PupilImportPlan.FieldGroup]);
        preview.Plan.Deactivated.Should().ContainSingle().Which.ExternalId.Should().Be(leaver.ExternalId);
        await App.SendAs(Org.Admin, new ApplyPupilImport.Command(batch, preview.Plan.Fingerprint));

        var moved = await App.WithDb(db => db.Pupils.SingleAsync(p => p.ExternalId == promoted.ExternalId));
        (moved.Group, moved.LastName, moved.IsActive).Should().Be(("7C", promoted.LastName, true));
        var gone = await App.WithDb(db => db.Pupils.SingleAsync(p => p.Id == leaverId));
        gone.IsActive.Should().BeFalse("a leaver is deactivated, never deleted");
        gone.DeactivatedUtc.Should().Be(Clock.UtcDateTime);
        var @case = await App.LoadCaseAsync(caseResult.CaseId);
        @case.PupilId.Should().Be(leaverId, "the case stays and still points at the pupil");

        var newCase = () => App.SendAs(staff, new LogConcern.Command(leaverId, "Igjen.", Clock.UtcDateTime.AddHours(-1),
            ConcernLocation.Classroom, null, true, false, false, false));
        (await newCase.Should().ThrowAsync<ValidationException>()).Which.Errors.Should().ContainSingle(e => e.ErrorCode == "PupilInactive");
        (await App.SendAs(staff, new ListPupils.Query())).Should().NotContain(p => p.Id == leaverId);
    }

    [Fact]
    public async Task BadRows_AreReportedByLineInNorwegian_AndSkipped_AndNoPupilOnABadRowIsDeactivated()
    {
        var rows = PupilFiles.Generate(10, Schools);
        await ImportAsync(rows);
        var bad = new List<PupilFiles.Row>(rows)
        {
            [1] = rows[1] with { FirstName = "" },
            [2] = rows[2] with { School = "Ukjent skole" },
            [3] = rows[3] with { BirthDate = "31.02.2015" },
            [4] = rows[4] with { GuardianName = "Mor", GuardianNumber = "12345678901", Relation = "mor" },
        };
        bad.Add(new PupilFiles.Row("E999", "Ny", "Elev", "01.01.2016", "4A", Org.School1.Name));
        bad.Add(new PupilFiles.Row("E999", "Dobbel", "Elev", "01.01.2016", "4A", Org.School1.Name));

        var (batch, preview) = await UploadAsync(PupilFiles.Encode(PupilFiles.Csv(bad, ';'), "utf-8"));

        var skipped = preview.Plan!.Skipped;
        skipped.Select(r => r.Line).Should().Equal(3, 4, 5, 6, 12, 13);
        var texts = skipped.ToDictionary(r => r.Line, r => string.Join(" ", r.Problems.Select(p => ImportTexts.Problem(Norwegian, p))));
        texts[3].Should().Be("Mangler fornavn.");
        texts[4].Should().Be("Ukjent skole «Ukjent skole».");
        texts[5].Should().Be("Ugyldig fødselsdato «31.02.2015» (bruk dd.mm.åååå).");
        texts[6].Should().Be("Fødselsnummeret til foresatt 1 er ikke gyldig.").And.NotContain("12345678901");
        texts[12].Should().Be("Elevnummeret E999 står på flere rader.");
        preview.Plan.Deactivated.Should().BeEmpty("a pupil whose row has a problem is left as they are");
        preview.Plan.Added.Should().BeEmpty();

        await App.SendAs(Org.Admin, new ApplyPupilImport.Command(batch, preview.Plan.Fingerprint));
        (await App.WithDb(db => db.Pupils.CountAsync(p => p.IsActive && p.ExternalId != null))).Should().Be(10);
    }

    [Fact]
    public async Task AFileWithoutTheRequiredColumns_IsRefusedAsAWhole_AndNothingIsKept()
    {
        var result = await App.SendAs(Org.Admin, new UploadPupilImport.Command("feil.csv", "navn;klasse\r\nOla;5A\r\n"u8.ToArray(), true));

        result.BatchId.Should().BeNull();
        result.FileProblems.Select(p => ImportTexts.Problem(Norwegian, p)).Should().Contain("Kolonnen «elevnummer» mangler i overskriftslinjen.");
        (await App.WithDb(db => db.PupilImportBatches.CountAsync())).Should().Be(0);
    }

    [Fact]
    public async Task Apply_AfterThePupilsChangedSinceThePreview_IsRefused_AndAppliedOnlyOnce()
    {
        var rows = PupilFiles.Generate(5, Schools);
        var (batch, preview) = await UploadAsync(PupilFiles.Encode(PupilFiles.Csv(rows, ';'), "utf-8"));
        await ImportAsync(rows[..2], full: false);

        var stale = () => App.SendAs(Org.Admin, new ApplyPupilImport.Command(batch, preview.Plan!.Fingerprint));
        (await stale.Should().ThrowAsync<ValidationException>()).Which.Errors.Should().ContainSingle(e => e.ErrorCode == "Admin.Refusal.ImportSuperseded");

        var (second, fresh) = await UploadAsync(PupilFiles.Encode(PupilFiles.Csv(rows, ';'), "utf-8"));
        await App.SendAs(Org.Admin, new UpdatePupil.Command(
            await App.WithDb(db => db.Pupils.Where(p => p.ExternalId == rows[0].ExternalId).Select(p => p.Id).SingleAsync()),
            Org.School1.Id, "Endret", "Navn", "1A", rows[0].ExternalId, true));
        var changed = () => App.SendAs(Org.Admin, new ApplyPupilImport.Command(second, fresh.Plan!.Fingerprint));
        (await changed.Should().ThrowAsync<ValidationException>()).Which.Errors.Should().ContainSingle(e => e.ErrorCode == "Admin.Refusal.ImportChanged");

        var again = (await App.SendAs(Org.Admin, new PreviewPupilImport.Query(second))).Plan!;
        await App.SendAs(Org.Admin, new ApplyPupilImport.Command(second, again.Fingerprint));
        var twice = () => App.SendAs(Org.Admin, new ApplyPupilImport.Command(second, again.Fingerprint));
        (await twice.Should().ThrowAsync<ValidationException>()).Which.Errors.Should().ContainSingle(e => e.ErrorCode == "Admin.Refusal.ImportAlreadyApplied");
    }

    [Fact]
    public async Task AnAppliedImport_IsAuditedWithWhoAndTheCounts_AndNoIdentityNumberIsKeptAnywhere()
    {
        var rows = PupilFiles.Generate(20, Schools);

        await ImportAsync(rows);

        var audit = await App.AuditEntriesAsync();
        audit.Should().Contain(a => a.Action == "UploadPupilImport" && a.UserId == Org.Admin.Id);
        audit.Should().ContainSingle(a => a.Action == "PupilImportApplied").Which.Details.Should().Contain("\"added\":20").And.Contain("\"guardiansAdded\":2");
        var numbers = rows.Where(r => r.GuardianNumber is not null).Select(r => r.GuardianNumber!).ToList();
        numbers.Should().HaveCount(2);
        var stored = string.Join("\n", audit.Select(a => a.Details)) + await App.WithDb(async db => string.Join("\n",
            (await db.PupilImportBatches.Select(b => b.RowsJson).ToListAsync()).Select(j => j ?? "")));
        numbers.Should().AllSatisfy(n => stored.Should().NotContain(n));
        (await App.WithDb(db => db.PupilImportBatches.SingleAsync())).RowsJson.Should().BeNull("the rows are cleared once applied");
        (await App.VerifyChainAsync()).IsIntact.Should().BeTrue();
    }

    [Fact]
    public async Task OnlyTheAdministrator_MayImport_ListOrEditPupils()
    {
        foreach (var user in new[] { Org.Principal1, Org.StaffA, Org.Team })
        {
            var upload = () => App.SendAs(user, new UploadPupilImport.Command("elever.csv", "x"u8.ToArray(), true));
            await upload.Should().ThrowAsync<ForbiddenException>();
            var list = () => App.SendAs(user, new ListAdminPupils.Query());
            await list.Should().ThrowAsync<ForbiddenException>();
            var edit = () => App.SendAs(user, new UpdatePupil.Command(Org.Emma.Id, Org.School1.Id, "Emma", "Hansen", "6A", null, true));
            await edit.Should().ThrowAsync<ForbiddenException>();
        }
    }

    [Fact]
    public async Task ThePupilList_SearchesByNameClassAndSchool_PagesByFifty_AndHidesLeaversUnlessAsked()
    {
        await ImportAsync(PupilFiles.Generate(120, Schools));
        await App.SendAs(Org.Admin, new UpdatePupil.Command(Org.Emma.Id, Org.School1.Id, "Emma", "Hansen", "5A", "X1", false));

        var first = await App.SendAs(Org.Admin, new ListAdminPupils.Query());
        first.Total.Should().Be(124);
        first.Items.Should().HaveCount(50);
        (await App.SendAs(Org.Admin, new ListAdminPupils.Query(Page: 3))).Items.Should().HaveCount(24);
        (await App.SendAs(Org.Admin, new ListAdminPupils.Query(IncludeInactive: true))).Total.Should().Be(125);
        var found = await App.SendAs(Org.Admin, new ListAdminPupils.Query("johansen", Org.School1.Id, "5a"));
        found.Items.Should().Contain(p => p.Id == Org.Noah.Id).And.OnlyContain(p => p.LastName == "Johansen" && p.Group == "5A" && p.SchoolName == Org.School1.Name);
        (await App.SendAs(Org.Admin, new ListAdminPupils.Query("X1", IncludeInactive: true))).Items.Should().ContainSingle(p => p.Id == Org.Emma.Id && !p.IsActive);
        var audit = await App.AuditEntriesAsync();
        audit.Should().ContainSingle(a => a.Action == "PupilChanged").Which.Details.Should().Contain("\"IsActive\":true").And.Contain("\"IsActive\":false");
    }

    /// <summary>The UI's texts in bokmål, as the preview shows them.</summary>
    private static UiText Norwegian
    {
        get
        {
            System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo("nb-NO");
            return new UiText(new JsonStringLocalizerFactory());
        }
    }
}
