using System.Globalization;
using System.Text;
using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Features.Cases;
using Aktivitetsplikt.Web.Features.Statistics;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Aktivitetsplikt.Web.Tests.Features.Statistics;

public class ExportTests : SliceTest
{
    private static readonly UiText Text = new(new JsonStringLocalizerFactory());

    /// <summary>The file as lines of cells, after checking the byte-order mark. Splits on ";" (no test cell holds one).</summary>
    private static List<string[]> Parse(byte[] file)
    {
        file.Take(3).Should().Equal(new byte[] { 0xEF, 0xBB, 0xBF }, "Excel needs the byte-order mark to read UTF-8");
        var text = Encoding.UTF8.GetString(file, 3, file.Length - 3);
        text.Should().EndWith("\r\n");
        return text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split(';')).ToList();
    }

    private static T InBokmal<T>(Func<T> work)
    {
        var (culture, ui) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("nb-NO");
        try { return work(); }
        finally { (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, ui); }
    }

    [Fact]
    public async Task CaseList_HasAHeaderAndARowPerCase_WithoutPupilNamesByDefault()
    {
        var investigating = await App.ACase().About(Org.Emma).Investigating();
        await App.ACase().About(Org.Leah).ReportedBy(Org.Staff2).FollowingUp();

        var result = await App.SendAs(Org.Team, new ExportCaseList.Query(new ListCases.Query()));
        var lines = InBokmal(() => Parse(ExportCaseList.ToCsv(result, Text)));

        result.IncludesNames.Should().BeFalse();
        lines[0].Should().Equal("Saksnr.", "Skole", "Klasse/gruppe", "Status", "Opprettet", "Neste frist", "Frist passert", "Merknader");
        lines.Should().HaveCount(3);
        var emma = lines.Single(l => l[1] == "Testvik skole");
        emma[2].Should().Be("5A");
        emma[3].Should().Be("Undersøkes");
        emma[4].Should().Be("18.11.2026 kl. 11:00", "created at the fixture's start, 10:00 UTC, shown in Oslo time");
        emma[6].Should().Be("Nei");
        var number = (await App.LoadCaseAsync(investigating)).CaseNumber;
        emma[0].Should().Be(number);
        var file = Encoding.UTF8.GetString(ExportCaseList.ToCsv(result, Text));
        file.Should().NotContain("Emma").And.NotContain("Hansen").And.NotContain("Leah").And.NotContain("Berg");
        result.Items.Should().OnlyContain(i => i.PupilName == "", "names do not leave the handler unless asked for");
    }

    [Fact]
    public async Task CaseList_WithNamesAsked_HasThePupilColumn_ForThePrincipalAndTheTeam()
    {
        await App.ACase().About(Org.Emma).Investigating();

        foreach (var user in new[] { Org.Principal1, Org.Team })
        {
            var result = await App.SendAs(user, new ExportCaseList.Query(new ListCases.Query(), IncludeNames: true));
            var lines = InBokmal(() => Parse(ExportCaseList.ToCsv(result, Text)));

            lines[0][1].Should().Be("Elev");
            lines[1][1].Should().Be("Emma Hansen");
        }
    }

    [Fact]
    public async Task CaseList_UsesTheListsFilters_AndEveryPage()
    {
        for (var i = 0; i < 3; i++) await App.ACase().About(Org.Emma).FollowingUp();
        await App.ACase().About(Org.Leah).ReportedBy(Org.Staff2).Investigating();

        var school2 = await App.SendAs(Org.Team, new ExportCaseList.Query(new ListCases.Query(SchoolId: Org.School2.Id)));
        var following = await App.SendAs(Org.Team, new ExportCaseList.Query(new ListCases.Query(State: CaseState.FollowingUp, PageSize: 2)));

        school2.Items.Should().ContainSingle().Which.SchoolName.Should().Be("Fjordbotn ungdomsskole");
        following.Items.Should().HaveCount(3, "the export takes every page, not the page size of the list").And.OnlyContain(i => i.State == CaseState.FollowingUp);
    }

    [Fact]
    public async Task CaseList_ForStaff_IsRefused_AndForThePrincipal_HoldsOnlyTheirSchool()
    {
        await App.ACase().About(Org.Emma).FollowingUp();
        await App.ACase().About(Org.Leah).ReportedBy(Org.Staff2).FollowingUp();

        var staff = () => App.SendAs(Org.StaffA, new ExportCaseList.Query(new ListCases.Query()));
        var admin = () => App.SendAs(Org.Admin, new ExportStatistics.Query(new GetStatistics.Query()));
        var principal = await App.SendAs(Org.Principal2, new ExportCaseList.Query(new ListCases.Query(SchoolId: Org.School1.Id)));

        await staff.Should().ThrowAsync<ForbiddenException>();
        await admin.Should().ThrowAsync<ForbiddenException>();
        principal.Items.Should().BeEmpty("a principal asking for another school gets nothing of it");
    }

    [Fact]
    public async Task EveryExport_IsWrittenToTheAuditChain_WithItsFilter_Names_AndRowCount()
    {
        await App.ACase().About(Org.Emma).FollowingUp();

        await App.SendAs(Org.Team, new ExportCaseList.Query(new ListCases.Query(SchoolId: Org.School1.Id), IncludeNames: true));
        await App.SendAs(Org.Principal1, new ExportStatistics.Query(new GetStatistics.Query(FromMonth: new DateOnly(2026, 1, 1))));

        var entries = await App.AuditEntriesAsync();
        var caseList = entries.Single(e => e.Action == "ExportCaseList");
        caseList.UserId.Should().Be(Org.Team.Id);
        caseList.CaseId.Should().BeNull();
        caseList.Details.Should().Contain(Org.School1.Id.ToString()).And.Contain("\"names\":true").And.Contain("\"rows\":1");
        var statistics = entries.Single(e => e.Action == "ExportStatistics");
        statistics.UserId.Should().Be(Org.Principal1.Id);
        statistics.Details.Should().Contain("\"from\":\"2026-01\"").And.Contain("\"to\":\"2026-12\"").And.Contain("\"rows\":1");
        (await App.VerifyChainAsync()).IsIntact.Should().BeTrue();
    }

    [Fact]
    public async Task Statistics_HasARowPerSchool_AndATotal_WithDecimalCommas()
    {
        // One case in school 1: logged at the start, investigated 10 minutes later (10 / 1440 days = 0.0069…, shown as 0,0).
        await App.ACase().About(Org.Emma).Investigating();

        var result = await App.SendAs(Org.Team, new ExportStatistics.Query(new GetStatistics.Query()));
        var lines = InBokmal(() => Parse(ExportStatistics.ToCsv(result, Text)));

        var header = lines[0];
        header.Take(4).Should().Equal("Skole", "Periode fra", "Periode til og med", "Åpne: Følges med");
        header.Should().Contain("Nye saker 2026-11").And.Contain("Median dager fra bekymring til undersøkelse").And.Contain("Saker meldt til Statsforvalteren");
        lines.Select(l => l[0]).Skip(1).Should().Equal("Fjordbotn ungdomsskole", "Testvik skole", "Alle skoler");
        string Cell(string school, string column) => lines.Single(l => l[0] == school)[Array.IndexOf(header, column)];
        Cell("Testvik skole", "Periode fra").Should().Be("2025-12");
        Cell("Testvik skole", "Åpne: Undersøkes").Should().Be("1");
        Cell("Testvik skole", "Nye saker 2026-11").Should().Be("1");
        Cell("Testvik skole", "Median dager fra bekymring til undersøkelse").Should().Be("0,0");
        Cell("Testvik skole", "Saker undersøkt").Should().Be("1");
        Cell("Fjordbotn ungdomsskole", "Median dager fra bekymring til undersøkelse").Should().Be("", "no case: no median");
        Cell("Alle skoler", "Åpne i alt").Should().Be("1");
        Cell("Alle skoler", "Andel evaluert innen fristen (%)").Should().Be("");
        ExportStatistics.FileName(result).Should().Be("statistikk-2025-12-til-2026-11.csv");
    }

    [Fact]
    public async Task ASchoolNameThatLooksLikeAFormula_IsWrittenAsText()
    {
        await App.ACase().About(Org.Emma).FollowingUp();
        await App.WithDb(async db =>
        {
            (await db.Schools.SingleAsync(s => s.Id == Org.School1.Id)).Rename("=HYPERLINK(\"http://x\";\"klikk\")");
            return await db.SaveChangesAsync();
        });

        var result = await App.SendAs(Org.Team, new ExportCaseList.Query(new ListCases.Query()));
        var file = Encoding.UTF8.GetString(InBokmal(() => ExportCaseList.ToCsv(result, Text)));

        file.Should().Contain(";\"'=HYPERLINK(\"\"http://x\"\";\"\"klikk\"\")\";");
    }

    [Theory]
    [InlineData("Testvik skole", "Testvik skole")]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+47 12345678", "'+47 12345678")]
    [InlineData("-2", "'-2")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("a;b", "\"a;b\"")]
    [InlineData("sa \"hei\"", "\"sa \"\"hei\"\"\"")]
    [InlineData("to\nlinjer", "\"to\nlinjer\"")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Cell_GuardsFormulas_AndQuotesAsRfc4180Says(string? value, string expected)
    {
        Csv.Cell(value).Should().Be(expected);
    }
}
