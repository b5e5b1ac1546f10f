using Aktivitetsplikt.Domain.Audit;
using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Domain.Organisation;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Features.Cases;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Pipeline;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Aktivitetsplikt.Web.Tests.Support;

/// <summary>
/// The application without the web host, over a real database of its own that is deleted afterwards: a SQLite temp
/// file, or a PostgreSQL database in the PostgreSQL pass (<see cref="TestDatabase"/>). The services are the app's own (<c>AddAktivitetsplikt</c>) with the clock replaced by a
/// <see cref="TestClock"/>. One per test: every test starts from the same small organisation.
/// </summary>
public sealed class TestApp : IAsyncDisposable
{
    /// <summary>Wednesday 18 November 2026, 11:00 in Oslo: a school day, far from midnight.</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 18, 10, 0, 0, TimeSpan.Zero);

    private readonly TestDatabase _database;

    private TestApp(TestDatabase database, ServiceProvider services, TestClock clock, TestOrganisation org)
    {
        _database = database;
        Services = services;
        Clock = clock;
        Org = org;
    }

    public ServiceProvider Services { get; }
    public TestClock Clock { get; }
    public TestOrganisation Org { get; }
    public StorageSettings Storage => _database.Storage;

    /// <param name="seedOrganisation">Seed the small test organisation.</param>
    /// <param name="realClock">Keep the app's own AppTimeProvider (the demo seeder needs it to travel in time).</param>
    public static async Task<TestApp> CreateAsync(bool seedOrganisation = true, bool realClock = false)
    {
        var database = TestDatabase.Create("test");
        var clock = new TestClock(Start);
        var collection = new ServiceCollection().AddLogging().AddAktivitetsplikt(database.Storage);
        if (!realClock) collection.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock));
        var services = collection.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        var org = new TestOrganisation();
        var app = new TestApp(database, services, clock, org);
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await DatabaseSetup.MigrateAsync(db);
            if (seedOrganisation) await org.SeedAsync(db);
        }
        return app;
    }

    /// <summary>Sends the request through the real pipeline in a new DI scope, acting as the user (null: nobody signed in).</summary>
    public async Task<TResponse> SendAs<TResponse>(UserAccount? user, IRequest<TResponse> request)
    {
        await using var scope = Services.CreateAsyncScope();
        if (user is not null) ((CurrentUser)scope.ServiceProvider.GetRequiredService<ICurrentUser>()).ActAs(user);
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
    }

    /// <summary>Runs against a fresh DbContext in its own scope: what is read here was read back from the database.</summary>
    public async Task<T> WithDb<T>(Func<AppDbContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    public Task<Case> LoadCaseAsync(Guid caseId) =>
        WithDb(db => db.CasesWithHistory.AsNoTracking().SingleAsync(c => c.Id == caseId));

    /// <summary>The chain's entries (of a case), after the queued reads are written (<see cref="ReadAuditQueue"/>).</summary>
    public async Task<List<AuditEntry>> AuditEntriesAsync(Guid? caseId = null)
    {
        await FlushReadsAsync();
        return await WithDb(db => db.AuditEntries.AsNoTracking().Where(a => caseId == null || a.CaseId == caseId).OrderBy(a => a.Sequence).ToListAsync());
    }

    public async Task<int> AuditCountAsync()
    {
        await FlushReadsAsync();
        return await WithDb(db => db.AuditEntries.CountAsync());
    }

    public Task FlushReadsAsync() => Services.GetRequiredService<ReadAuditQueue>().FlushAsync(CancellationToken.None);

    public async Task<ChainVerification> VerifyChainAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AuditChainVerifier>().VerifyAsync(CancellationToken.None);
    }

    /// <summary>Everything a refused command could have left behind, to prove it left nothing.</summary>
    public async Task<CaseSnapshot> SnapshotAsync(Guid caseId)
    {
        var @case = await LoadCaseAsync(caseId);
        return new CaseSnapshot(@case.State, @case.Revision, @case.Entries.Count, @case.Plans.Count, @case.Flags.Count, @case.Deadlines.Count, await AuditCountAsync());
    }

    public CaseBuilder ACase() => new(this);

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await _database.DisposeAsync();
    }
}

public sealed record CaseSnapshot(CaseState State, int Revision, int Entries, int Plans, int Flags, int Deadlines, int AuditEntries);

/// <summary>A fresh <see cref="TestApp"/> for every test.</summary>
public abstract class SliceTest : IAsyncLifetime
{
    private TestApp? _app;

    protected TestApp App => _app ?? throw new InvalidOperationException("The test app is not initialised.");
    protected TestOrganisation Org => App.Org;
    protected TestClock Clock => App.Clock;

    protected virtual bool SeedOrganisation => true;
    protected virtual bool RealClock => false;

    public async Task InitializeAsync() => _app = await TestApp.CreateAsync(SeedOrganisation, RealClock);

    public async Task DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }
}
