using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Features.Account;
using Aktivitetsplikt.Web.Features.Admin;
using Aktivitetsplikt.Web.Features.Pupils;
using Aktivitetsplikt.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Aktivitetsplikt.Web.Tests.Features.Pupils;

/// <summary>The import's Feide column: pupils linked to their Feide identity as the pupil page links one, by the file.</summary>
public sealed class PupilImportFeideTests : SliceTest
{
    private string[] Schools => [Org.School1.Name, Org.School2.Name];

    private async Task<(Guid Batch, PupilImportPlan Plan)> UploadAsync(IEnumerable<PupilFiles.Row> rows)
    {
        var result = await App.SendAs(Org.Admin, new UploadPupilImport.Command("elever.csv", PupilFiles.Encode(PupilFiles.Csv(rows, ';'), "utf-8"), false));
        result.FileProblems.Should().BeEmpty();
        var preview = await App.SendAs(Org.Admin, new PreviewPupilImport.Query(result.BatchId!.Value));
        return (result.BatchId.Value, preview.Plan!);
    }

    private async Task<PupilImportPlan> ImportAsync(IEnumerable<PupilFiles.Row> rows)
    {
        var (batch, plan) = await UploadAsync(rows);
        await App.SendAs(Org.Admin, new ApplyPupilImport.Command(batch, plan.Fingerprint));
        return plan;
    }

    private Task<List<(string ExternalId, string Key, bool Open, Role Role)>> FeideLinksAsync() => App.WithDb(async db =>
        (await (from l in db.ExternalLogins
                where l.Provider == ExternalProvider.Feide
                join u in db.Users on l.UserId equals u.Id
                join p in db.Pupils on u.PupilId equals p.Id
                select new { p.ExternalId, l.Key, l.UnlinkedUtc, u.Role }).ToListAsync())
        .Select(x => (x.ExternalId!, x.Key, x.UnlinkedUtc == null, x.Role)).ToList());

    [Fact]
    public async Task TheFeideColumn_LinksNewAndExistingPupils_ReplacingAnOldLinkAndKeepingIt_AndAReImportChangesNothing()
    {
        var rows = PupilFiles.Generate(6, Schools);
        rows[0] = rows[0] with { Feide = "  Ola.Nordmann@Skole.NO " };
        rows[1] = rows[1] with { Feide = "kari@skole.no" };
        await ImportAsync(rows);

        (await FeideLinksAsync()).Should().BeEquivalentTo([
            (rows[0].ExternalId, "ola.nordmann@skole.no", true, Role.Pupil),
            (rows[1].ExternalId, "kari@skole.no", true, Role.Pupil)], "the identifier is kept as sign-in compares it, on the pupil's own account");

        rows[1] = rows[1] with { Feide = "kari.ny@skole.no" };
        rows[2] = rows[2] with { Feide = "per@skole.no" };
        var (batch, plan) = await UploadAsync(rows);
        plan.FeideLinks.Select(l => (l.Row.ExternalId, l.Row.Feide, l.Before)).Should().BeEquivalentTo([
            (rows[1].ExternalId, "kari.ny@skole.no", "kari@skole.no"), (rows[2].ExternalId, "per@skole.no", (string?)null)]);
        plan.HasWork.Should().BeTrue("a link is work even when nothing else in the file changed");
        await App.SendAs(Org.Admin, new ApplyPupilImport.Command(batch, plan.Fingerprint));

        var links = await FeideLinksAsync();
        links.Where(l => l.ExternalId == rows[1].ExternalId).Should().BeEquivalentTo([
            (rows[1].ExternalId, "kari@skole.no", false, Role.Pupil), (rows[1].ExternalId, "kari.ny@skole.no", true, Role.Pupil)],
            "the old link is ended and stays as history");
        links.Should().Contain((rows[2].ExternalId, "per@skole.no", true, Role.Pupil));
        (await App.AuditEntriesAsync()).Where(a => a.Action == "PupilImportApplied").Last().Details.Should().Contain("\"feideLinked\":2");

        var (_, again) = await UploadAsync(rows);
        again.FeideLinks.Should().BeEmpty();
        again.HasWork.Should().BeFalse();
    }

    [Fact]
    public async Task AnEmptyFeideCell_KeepsThePupilsLink()
    {
        var rows = PupilFiles.Generate(3, Schools);
        await ImportAsync([rows[0] with { Feide = "ola@skole.no" }, rows[1], rows[2]]);

        var plan = await ImportAsync(rows);

        plan.FeideLinks.Should().BeEmpty();
        (await FeideLinksAsync()).Should().ContainSingle().Which.Should().Be((rows[0].ExternalId, "ola@skole.no", true, Role.Pupil));
    }

    [Fact]
    public async Task AnIdentifierThatIsAStaffUsersOrAnotherPupils_IsRefused_AndThePupilIsStillImportedUnlinked()
    {
        await App.SendAs(Org.Admin, new LinkFeide.Command(Org.StaffA.Id, "kari.a@testvik.example.org"));
        await App.SendAs(Org.Admin, new LinkPupilFeide.Command(Org.Olivia.Id, "olivia@testvik.example.org"));
        var rows = PupilFiles.Generate(3, Schools);
        rows[0] = rows[0] with { Feide = "KARI.A@testvik.example.org" };
        rows[1] = rows[1] with { Feide = "olivia@testvik.example.org" };
        rows[2] = rows[2] with { Feide = "eget@testvik.example.org" };

        var plan = await ImportAsync(rows);

        plan.FeideRefused.Select(r => r.ExternalId).Should().BeEquivalentTo([rows[0].ExternalId, rows[1].ExternalId]);
        plan.Added.Should().HaveCount(3, "a refused link does not stop the pupil's import");
        (await FeideLinksAsync()).Where(l => l.ExternalId != null && l.ExternalId.StartsWith('E'))
            .Should().ContainSingle().Which.Key.Should().Be("eget@testvik.example.org");
        var staffs = await App.WithDb(db => db.ExternalLogins.SingleAsync(l => l.Key == "kari.a@testvik.example.org"));
        (staffs.UserId, staffs.UnlinkedUtc).Should().Be((Org.StaffA.Id, (DateTime?)null), "the staff user's link is untouched");
        (await App.AuditEntriesAsync()).Single(a => a.Action == "PupilImportApplied").Details.Should().Contain("\"feideRefused\":2");
    }

    [Fact]
    public async Task OneFeideIdentifierOnTwoRows_SkipsBothRowsWithTheReason_AndABadIdentifierItsRow()
    {
        var rows = PupilFiles.Generate(4, Schools);
        rows[0] = rows[0] with { Feide = "samme@skole.no" };
        rows[1] = rows[1] with { Feide = "SAMME@skole.no" };
        rows[2] = rows[2] with { Feide = "ugyldig\u0007@skole.no" };

        var (_, plan) = await UploadAsync(rows);

        plan.Skipped.Select(r => r.ExternalId).Should().BeEquivalentTo([rows[0].ExternalId, rows[1].ExternalId, rows[2].ExternalId]);
        plan.Skipped.Take(2).Should().AllSatisfy(r => r.Problems.Should().Contain(new ImportProblem("Import.Error.DuplicateFeide", "samme@skole.no")));
        plan.Skipped[2].Problems.Should().Contain(new ImportProblem("Import.Error.BadCharacter", "Import.Column.Feide"));
        plan.Added.Should().ContainSingle().Which.Row.ExternalId.Should().Be(rows[3].ExternalId);
    }
}
