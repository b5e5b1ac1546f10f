using Aktivitetsplikt.Domain.Organisation;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aktivitetsplikt.Web.Tests.Data;

/// <summary>
/// The app's contexts are pooled (ADR 038): a scope leases one and gives it back when it ends, and the next scope may be
/// handed the same instance. Nothing one scope did to it — entities tracked or changed, tracking switched, a command timeout,
/// a transaction left open, an open connection — may reach the next scope: that would be another request's data or
/// another request's settings. Each test uses a provider of its own, so its pool holds only the contexts it made.
/// </summary>
public sealed class PooledContextTests : SliceTest
{
    [Fact]
    public async Task AScopeThatEnded_HandsItsContextToTheNextScope()
    {
        await using var services = NewServices();

        var first = await InScopeAsync(services, db => Task.FromResult(db));
        var second = await InScopeAsync(services, db => Task.FromResult(db));

        second.Should().BeSameAs(first, "the contexts are pooled, so the tests below reach the instance a scope before used");
    }

    [Fact]
    public async Task APooledContext_StartsEachScopeWithNothingTrackedAndTheDefaultSettings()
    {
        await using var services = NewServices();
        var defaultTimeout = await InScopeAsync(services, db => Task.FromResult(db.Database.GetCommandTimeout()));

        var leaked = await InScopeAsync(services, async db =>
        {
            var school = await db.Schools.SingleAsync(s => s.Id == Org.School1.Id);
            school.Rename("Renamed in an earlier scope, never saved");
            db.Pupils.Add(new Pupil(Org.School1.Id, "Unsaved", "Pupil", "7C"));
            db.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            db.ChangeTracker.LazyLoadingEnabled = false;
            db.Database.AutoTransactionBehavior = AutoTransactionBehavior.Never;
            db.Database.SetCommandTimeout(1);
            db.ChangeTracker.Entries().Should().HaveCount(2);
            return db;
        });

        var next = await InScopeAsync(services, async db =>
        {
            db.Should().BeSameAs(leaked);
            db.ChangeTracker.Entries().Should().BeEmpty("what the last scope tracked is not this scope's");
            db.ChangeTracker.QueryTrackingBehavior.Should().Be(QueryTrackingBehavior.TrackAll);
            db.ChangeTracker.AutoDetectChangesEnabled.Should().BeTrue();
            db.ChangeTracker.LazyLoadingEnabled.Should().BeTrue();
            db.Database.AutoTransactionBehavior.Should().Be(AutoTransactionBehavior.WhenNeeded);
            db.Database.GetCommandTimeout().Should().Be(defaultTimeout);
            var school = await db.Schools.SingleAsync(s => s.Id == Org.School1.Id);
            db.ChangeTracker.Entries().Should().ContainSingle("a read tracks again, as in a new context");
            return (school.Name, Unsaved: await db.Pupils.CountAsync(p => p.FirstName == "Unsaved"));
        });

        next.Name.Should().Be(Org.School1.Name);
        next.Unsaved.Should().Be(0);
    }

    [Fact]
    public async Task ATransactionAScopeLeftOpen_IsRolledBack_AndTheNextScopeStartsWithoutOneOnAClosedConnection()
    {
        await using var services = NewServices();

        var leaked = await InScopeAsync(services, async db =>
        {
            await db.Database.OpenConnectionAsync();
            await db.Database.BeginTransactionAsync();
            db.Pupils.Add(new Pupil(Org.School1.Id, "Uncommitted", "Pupil", "7C"));
            await db.SaveChangesAsync();
            return db;
        });

        var next = await InScopeAsync(services, async db =>
        {
            db.Should().BeSameAs(leaked);
            db.Database.CurrentTransaction.Should().BeNull("the last scope's transaction is not this scope's");
            db.Database.GetDbConnection().State.Should().Be(System.Data.ConnectionState.Closed);
            // A write here would wait on SQLite's lock, or on PostgreSQL commit into the last scope's transaction, if it were still open.
            db.Pupils.Add(new Pupil(Org.School1.Id, "Committed", "Pupil", "7C"));
            await db.SaveChangesAsync();
            return db;
        });

        next.Should().BeSameAs(leaked);
        var names = await App.WithDb(db => db.Pupils.Where(p => p.LastName == "Pupil").Select(p => p.FirstName).ToListAsync());
        names.Should().Equal("Committed");
    }

    private ServiceProvider NewServices() =>
        new ServiceCollection().AddLogging().AddAktivitetsplikt(App.Storage)
            .BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });

    private static async Task<T> InScopeAsync<T>(IServiceProvider services, Func<AppDbContext, Task<T>> work)
    {
        await using var scope = services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }
}
