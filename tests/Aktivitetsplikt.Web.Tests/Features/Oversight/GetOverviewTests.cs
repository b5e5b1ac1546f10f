using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Features.Oversight;
using Aktivitetsplikt.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Aktivitetsplikt.Web.Tests.Features.Oversight;

[Collection(OversightCollection.Name)]
public class GetOverviewTests
{
    private const string Team = "siri.9a";
    private readonly OversightFixture _fixture;

    public GetOverviewTests(OversightFixture fixture) => _fixture = fixture;

    private sealed record CaseFacts(Guid Id, string CaseNumber, Guid SchoolId, CaseState State);

    /// <summary>Nordvik kommune's schools and cases, read straight from the tables.</summary>
    private Task<(Dictionary<Guid, string> Schools, List<CaseFacts> Cases)> NordvikAsync() => _fixture.ReadAsync(async db =>
    {
        var owner = await db.SchoolOwners.Where(o => o.Name == "Nordvik kommune").Select(o => o.Id).SingleAsync();
        var schools = await db.Schools.Where(s => s.SchoolOwnerId == owner).ToDictionaryAsync(s => s.Id, s => s.Name);
        var cases = (await db.Cases.AsNoTracking().ToListAsync())
            .Where(c => schools.ContainsKey(c.SchoolId))
            .Select(c => new CaseFacts(c.Id, c.CaseNumber, c.SchoolId, c.State)).ToList();
        return (schools, cases);
    });

    [Fact]
    public async Task CountsPerSchoolAndState_MatchTheCasesInTheDatabase()
    {
        var (schools, cases) = await NordvikAsync();

        var overview = await _fixture.SendAsAsync(Team, new GetOverview.Query());

        overview.BySchool.Select(r => r.SchoolId!.Value).Should().BeEquivalentTo(schools.Keys);
        foreach (var row in overview.BySchool)
        {
            row.SchoolName.Should().Be(schools[row.SchoolId!.Value]);
            foreach (var state in Enum.GetValues<CaseState>())
                row.Count(state).Should().Be(cases.Count(c => c.SchoolId == row.SchoolId && c.State == state), $"{row.SchoolName}, {state}");
            row.Open.Should().Be(cases.Count(c => c.SchoolId == row.SchoolId && c.State != CaseState.Closed));
        }
        foreach (var state in Enum.GetValues<CaseState>())
            overview.Total.Count(state).Should().Be(cases.Count(c => c.State == state), $"total, {state}");
        overview.Total.Open.Should().BeGreaterThan(0);
        overview.Total.Closed.Should().BeGreaterThan(0, "the demo data has a closed case");
        GetOverview.OpenStates.Should().HaveCount(6).And.NotContain(CaseState.Closed);
    }

    [Fact]
    public async Task Overdue_IsEveryPassedOpenDeadlineOfTheTeamsSchools_OldestFirst()
    {
        var (schools, cases) = await NordvikAsync();

        var overview = await _fixture.SendAsAsync(Team, new GetOverview.Query());

        var caseIds = cases.Select(c => c.Id).ToHashSet();
        var expected = (await _fixture.ReadAsync(db => db.Deadlines.AsNoTracking().ToListAsync()))
            .Where(d => caseIds.Contains(d.CaseId) && d.IsOverdue(overview.AsOfUtc))
            .OrderBy(d => d.DueUtc)
            .Select(d => (d.CaseId, d.Kind, d.DueUtc))
            .ToList();
        expected.Should().NotBeEmpty("the demo data has overdue deadlines");
        overview.Overdue.Select(o => (o.CaseId, o.Kind, o.DueUtc)).Should().Equal(expected);
        overview.Overdue.Select(o => o.DueUtc).Should().BeInAscendingOrder();
        overview.Overdue.Should().OnlyContain(o => o.OverdueBy == overview.AsOfUtc - o.DueUtc && o.OverdueBy > TimeSpan.Zero);
        overview.Overdue.Should().OnlyContain(o => schools.ContainsValue(o.SchoolName));
        overview.Overdue.Should().OnlyContain(o => o.CaseNumber == cases.Single(c => c.Id == o.CaseId).CaseNumber);
    }

    [Fact]
    public async Task FlaggedLists_HoldTheSection12_5_CountyGovernorAndEscalatedCases()
    {
        var (_, cases) = await NordvikAsync();
        var caseIds = cases.Select(c => c.Id).ToHashSet();
        var flags = (await _fixture.ReadAsync(db => db.CaseFlags.AsNoTracking().ToListAsync())).Where(f => caseIds.Contains(f.CaseId)).ToList();
        IEnumerable<Guid> Flagged(FlagKind kind) => flags.Where(f => f.Kind == kind).Select(f => f.CaseId);

        var overview = await _fixture.SendAsAsync(Team, new GetOverview.Query());

        overview.EmployeeSuspected.Select(c => c.CaseId).Should().BeEquivalentTo(Flagged(FlagKind.EmployeeSuspected)).And.HaveCount(2);
        overview.EmployeeSuspected.Where(c => c.LeadershipSuspected).Select(c => c.CaseId)
            .Should().BeEquivalentTo(Flagged(FlagKind.LeadershipSuspected), "the team sees the case the principal may not").And.HaveCount(1);
        overview.WithCountyGovernor.Select(c => c.CaseId).Should().BeEquivalentTo(Flagged(FlagKind.TakenToCountyGovernor)).And.HaveCount(1);
        overview.Escalated.Select(c => c.CaseId).Should().BeEquivalentTo(Flagged(FlagKind.EscalatedToSchoolOwner)).And.HaveCount(1);
        foreach (var item in overview.EmployeeSuspected.Concat(overview.WithCountyGovernor).Concat(overview.Escalated))
            item.State.Should().Be(cases.Single(c => c.Id == item.CaseId).State);
    }

    [Fact]
    public async Task FilterBySchool_ShowsThatSchoolOnly()
    {
        var (schools, cases) = await NordvikAsync();
        var sjokanten = schools.Single(s => s.Value == "Sjøkanten ungdomsskole");

        var all = await _fixture.SendAsAsync(Team, new GetOverview.Query());
        var overview = await _fixture.SendAsAsync(Team, new GetOverview.Query(sjokanten.Key));

        overview.SchoolId.Should().Be(sjokanten.Key);
        overview.SchoolName.Should().Be(sjokanten.Value);
        overview.Schools.Should().HaveCount(2, "the filter still offers every school");
        overview.BySchool.Should().ContainSingle().Which.SchoolId.Should().Be(sjokanten.Key);
        overview.Total.Open.Should().Be(cases.Count(c => c.SchoolId == sjokanten.Key && c.State != CaseState.Closed));
        all.Overdue.Should().Contain(o => o.SchoolName != sjokanten.Value, "there is something to filter away");
        overview.Overdue.Should().OnlyContain(o => o.SchoolName == sjokanten.Value);
        // Compared up to the first query's time: a deadline may pass between the two queries.
        overview.Overdue.Where(o => o.DueUtc < all.AsOfUtc).Select(o => (o.CaseId, o.Kind)).Should().Equal(
            all.Overdue.Where(o => o.SchoolName == sjokanten.Value).Select(o => (o.CaseId, o.Kind)));
        overview.EmployeeSuspected.Concat(overview.WithCountyGovernor).Concat(overview.Escalated)
            .Should().NotBeEmpty().And.OnlyContain(c => c.SchoolName == sjokanten.Value);
    }

    [Fact]
    public async Task FilterByAnotherSchoolOwnersSchool_IsIgnored_AndRevealsNothingOfIt()
    {
        var overview = await _fixture.SendAsAsync(Team, new GetOverview.Query(_fixture.OtherOwnerSchoolId));

        overview.SchoolId.Should().BeNull();
        overview.Schools.Select(s => s.Name).Should().NotContain("Sørby skole");
        overview.BySchool.Should().HaveCount(2);
        overview.Overdue.Select(o => o.CaseId).Should().NotContain(_fixture.OtherOwnerCaseId);
        overview.EmployeeSuspected.Select(o => o.CaseId).Should().NotContain(_fixture.OtherOwnerCaseId);
    }

    [Fact]
    public async Task AnotherSchoolOwnersTeam_SeesOnlyItsOwnSchoolsAndCases()
    {
        var overview = await _fixture.SendAsAsync(OversightFixture.OtherOwnerTeam, new GetOverview.Query());

        overview.Schools.Should().ContainSingle().Which.Name.Should().Be("Sørby skole");
        overview.BySchool.Should().ContainSingle();
        overview.Total.Open.Should().Be(1);
        overview.Overdue.Should().NotBeEmpty().And.OnlyContain(o => o.CaseId == _fixture.OtherOwnerCaseId);
        overview.EmployeeSuspected.Should().ContainSingle().Which.CaseId.Should().Be(_fixture.OtherOwnerCaseId);
        overview.WithCountyGovernor.Should().BeEmpty();
        overview.Escalated.Should().BeEmpty();
    }

    [Theory]
    [InlineData("kari.laerer")]
    [InlineData("randi.rektor")]
    [InlineData("arne.admin")]
    public async Task OtherRoles_AreRefused(string userName)
    {
        var act = () => _fixture.SendAsAsync(userName, new GetOverview.Query());

        await act.Should().ThrowAsync<ForbiddenException>();
    }
}
