using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Aktivitetsplikt.Web.Tests.Data;

/// <summary>
/// Start-up skips EF Core's <c>Migrate</c> when every migration of the build is applied (ADR 023): these prove the check says
/// "up to date" only then, so a database that lacks a migration is still migrated.
/// </summary>
public sealed class MigrationCheckTests
{
    [Fact]
    [Trait("Provider", TestDatabase.SqliteOnly)] // an empty database; PostgreSQL's test databases are copies of a migrated template
    public async Task UpToDate_IsFalseForAnEmptyDatabase_AndTrueOnceMigrated()
    {
        await using var database = TestDatabase.Create("migration-check-empty");
        await using var db = Context(database.Storage);

        (await DatabaseSetup.UpToDateAsync(db)).Should().BeFalse();
        await DatabaseSetup.MigrateAsync(db);
        (await DatabaseSetup.UpToDateAsync(db)).Should().BeTrue();
    }

    [Fact]
    public async Task UpToDate_IsFalseWhileTheNewestMigrationIsNotRecordedAsApplied()
    {
        await using var database = TestDatabase.Create("migration-check-missing");
        await using var db = Context(database.Storage);
        await DatabaseSetup.MigrateAsync(db);
        var newest = db.Database.GetMigrations().Last();

        await db.Database.ExecuteSqlAsync($"DELETE FROM \"__EFMigrationsHistory\" WHERE \"MigrationId\" = {newest}");

        (await DatabaseSetup.UpToDateAsync(db)).Should().BeFalse();
        (await db.Database.GetPendingMigrationsAsync()).Should().Equal(newest);
    }

    private static AppDbContext Context(StorageSettings storage) => storage.Provider == StorageProvider.PostgreSql
        ? new PostgreSqlAppDbContext(new DbContextOptionsBuilder<PostgreSqlAppDbContext>().UseNpgsql(storage.ConnectionString).Options)
        : new AppDbContext(new DbContextOptionsBuilder<AppDbContext>().UseSqlite(storage.ConnectionString).Options);
}
