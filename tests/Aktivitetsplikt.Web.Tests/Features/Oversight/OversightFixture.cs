using Aktivitetsplikt.Web.Tests.Support;
using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Domain.Organisation;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Features.Cases;
using Aktivitetsplikt.Web.Features.Demo;
using Aktivitetsplikt.Web.Infrastructure;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aktivitetsplikt.Web.Tests.Features.Oversight;

/// <summary>
/// The demo data (Nordvik kommune: two schools, cases in every state, § 12-5 cases, a county-governor
/// case, overdue deadlines) in a throwaway database (SQLite or PostgreSQL: TestDatabase), plus a second school owner (Sørby kommune)
/// with one overdue § 12-5 case of its own, which Nordvik's § 9A team must never see.
/// </summary>
public sealed class OversightFixture : IAsyncLifetime
{
    public const string OtherOwnerTeam = "tone.9a";
    public const string OtherOwnerStaff = "sondre.laerer";

    private readonly TestDatabase _database = TestDatabase.Create("oversight");

    public ServiceProvider Provider { get; private set; } = default!;
    public Guid OtherOwnerSchoolId { get; private set; }
    public Guid OtherOwnerCaseId { get; private set; }

    public async Task InitializeAsync()
    {
        Provider = new ServiceCollection().AddLogging().AddAktivitetsplikt(_database.Storage).BuildServiceProvider();
        using (var scope = Provider.CreateScope())
            await DatabaseSetup.MigrateAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>());
        await DemoData.SeedIfEmptyAsync(Provider);
        await SeedOtherSchoolOwnerAsync();
    }

    public async Task DisposeAsync()
    {
        await Provider.DisposeAsync();
        await _database.DisposeAsync();
    }

    /// <summary>Sends the request in a fresh scope, acting as the named user.</summary>
    public async Task<TResult> SendAsAsync<TResult>(string userName, IRequest<TResult> request)
    {
        using var scope = Provider.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.UserName == userName);
        ((CurrentUser)scope.ServiceProvider.GetRequiredService<ICurrentUser>()).ActAs(user);
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
    }

    /// <summary>Reads the database directly, outside the pipeline: the independent side of a comparison.</summary>
    public async Task<T> ReadAsync<T>(Func<AppDbContext, Task<T>> read)
    {
        using var scope = Provider.CreateScope();
        return await read(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    private async Task SeedOtherSchoolOwnerAsync()
    {
        using (var scope = Provider.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var owner = new SchoolOwner("Sørby kommune");
            var school = new School(owner.Id, "Sørby skole");
            db.SchoolOwners.Add(owner);
            db.Schools.Add(school);
            db.Pupils.Add(new Pupil(school.Id, "Tuva", "Strand", "4A"));
            db.Users.Add(new UserAccount(OtherOwnerStaff, "Sondre Lærer", Role.Staff, owner.Id, school.Id));
            db.Users.Add(new UserAccount(OtherOwnerTeam, "Tone Vik (§ 9A-teamet)", Role.SchoolOwnerTeam, owner.Id, null));
            await db.SaveChangesAsync();
            OtherOwnerSchoolId = school.Id;
        }

        var pupilId = await ReadAsync(db => db.Pupils.Where(p => p.FirstName == "Tuva").Select(p => p.Id).SingleAsync());
        var loggedAt = DateTimeOffset.UtcNow.AddDays(-10);
        using (AppTimeProvider.TravelTo(loggedAt))
        {
            var result = await SendAsAsync(OtherOwnerStaff, new LogConcern.Command(pupilId, "En assistent har klypt Tuva i armen.",
                loggedAt.UtcDateTime.AddHours(-1), ConcernLocation.Classroom, null, NotifyPrincipalNow: true, PupilSaysNotSafe: true,
                EmployeeSuspected: true, LeadershipSuspected: false));
            OtherOwnerCaseId = result.CaseId;
        }
    }
}

[CollectionDefinition(Name)]
public sealed class OversightCollection : ICollectionFixture<OversightFixture>
{
    public const string Name = "Oversight database";
}
