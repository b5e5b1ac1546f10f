using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Features.Demo;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aktivitetsplikt.Web.Tests.Features.Demo;

/// <summary>The demo seeder travels in time with AppTimeProvider, so the app's own clock stays registered here.</summary>
public sealed class DemoDataTests : SliceTest
{
    protected override bool SeedOrganisation => false;
    protected override bool RealClock => true;

    [Fact]
    public void Fixture_KeepsTheRealAppTimeProvider()
    {
        App.Services.GetRequiredService<TimeProvider>().Should().BeOfType<AppTimeProvider>();
    }

    [Fact]
    public async Task SeedIfEmpty_OnEmptyDatabase_CreatesSchoolsUsersForEveryRoleAndCasesAcrossTheWorkflow()
    {
        await DemoData.SeedIfEmptyAsync(App.Services);

        (await App.WithDb(db => db.SchoolOwners.CountAsync())).Should().Be(1);
        (await App.WithDb(db => db.Schools.CountAsync())).Should().Be(2);
        var roles = await App.WithDb(db => db.Users.Select(u => u.Role).Distinct().ToListAsync());
        roles.Should().BeEquivalentTo(Enum.GetValues<Role>());
        // Staff sign in with a demo password; a guardian only with ID-porten and a pupil only with Feide, so they have none.
        (await App.WithDb(db => db.Users.Where(u => u.Role != Role.Guardian && u.Role != Role.Pupil).AllAsync(u => u.IsDemo && u.PasswordHash != ""))).Should().BeTrue();
        (await App.WithDb(db => db.Users.Where(u => u.Role == Role.Pupil).AllAsync(u => u.PasswordHash == ""))).Should().BeTrue();

        var states = await App.WithDb(db => db.Cases.Select(c => c.State).Distinct().ToListAsync());
        states.Should().Contain(new[]
        {
            CaseState.FollowingUp, CaseState.PrincipalNotified, CaseState.Investigating,
            CaseState.Measures, CaseState.Evaluating, CaseState.Closed,
        });
        (await App.WithDb(db => db.Cases.AnyAsync(c => c.Flags.Any(f => f.Kind == FlagKind.LeadershipSuspected)))).Should().BeTrue();
        (await App.WithDb(db => db.Cases.AnyAsync(c => c.NextDeadlineUtc < DateTime.UtcNow))).Should().BeTrue("the demo shows overdue cases");
    }

    [Fact]
    public async Task SeedIfEmpty_LeavesAnIntactAuditChain_WithOneEntryPerCommand()
    {
        await DemoData.SeedIfEmptyAsync(App.Services);

        var verification = await App.VerifyChainAsync();
        verification.IsIntact.Should().BeTrue(verification.Problem);
        verification.EntriesChecked.Should().BeGreaterThan(30);
        (await App.WithDb(db => db.AuditEntries.CountAsync(a => a.Action == "LogConcern"))).Should().Be(await App.WithDb(db => db.Cases.CountAsync()));
    }

    [Fact]
    public async Task SeedIfEmpty_CalledTwice_AddsNothingTheSecondTime()
    {
        await DemoData.SeedIfEmptyAsync(App.Services);
        var counts = await Counts();

        await DemoData.SeedIfEmptyAsync(App.Services);

        (await Counts()).Should().Be(counts);
    }

    private Task<(int Users, int Pupils, int Cases, int Entries, int Audit)> Counts() =>
        App.WithDb(async db => (await db.Users.CountAsync(), await db.Pupils.CountAsync(), await db.Cases.CountAsync(),
            await db.CaseEntries.CountAsync(), await db.AuditEntries.CountAsync()));
}
