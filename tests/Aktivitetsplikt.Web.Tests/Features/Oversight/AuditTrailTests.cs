using Aktivitetsplikt.Web.Features.Cases;
using Aktivitetsplikt.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Aktivitetsplikt.Web.Tests.Features.Oversight;

/// <summary>The data behind /saker/{id}/logg: who may read a case's audit log, and what it holds.</summary>
[Collection(OversightCollection.Name)]
public class AuditTrailTests
{
    private readonly OversightFixture _fixture;

    public AuditTrailTests(OversightFixture fixture) => _fixture = fixture;

    private Task<(Guid Id, string Number)> CaseOfAsync(string pupilFirstName) => _fixture.ReadAsync(async db =>
    {
        var row = await (from c in db.Cases
                         join p in db.Pupils on c.PupilId equals p.Id
                         where p.FirstName == pupilFirstName
                         select new { c.Id, c.CaseNumber }).SingleAsync();
        return (row.Id, row.CaseNumber);
    });

    [Fact]
    public async Task Team_GetsTheCasesEntriesInOrder_WithTheCaseNumber_AndAnIntactChain()
    {
        var (id, number) = await CaseOfAsync("Nora");

        var trail = await _fixture.SendAsAsync("siri.9a", new GetAuditTrail.Query(id));

        trail.CaseNumber.Should().Be(number);
        trail.Entries.Should().NotBeEmpty();
        trail.Entries.Select(e => e.Sequence).Should().BeInAscendingOrder();
        trail.Entries[0].Action.Should().Be("LogConcern");
        trail.Entries[0].StateBefore.Should().BeNull();
        trail.Verification.IsIntact.Should().BeTrue();
        trail.Verification.EntriesChecked.Should().BeGreaterThanOrEqualTo(trail.Entries[^1].Sequence);
    }

    [Fact]
    public async Task PrincipalOfAnotherSchool_GetsNotFound()
    {
        var (id, _) = await CaseOfAsync("Nora");

        var act = () => _fixture.SendAsAsync("per.rektor", new GetAuditTrail.Query(id));

        await act.Should().ThrowAsync<NotFoundOrNoAccessException>();
    }

    [Fact]
    public async Task Staff_AreRefused()
    {
        var (id, _) = await CaseOfAsync("Nora");

        var act = () => _fixture.SendAsAsync("kari.laerer", new GetAuditTrail.Query(id));

        await act.Should().ThrowAsync<ForbiddenException>();
    }
}
