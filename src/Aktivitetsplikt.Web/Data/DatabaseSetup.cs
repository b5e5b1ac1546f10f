using Aktivitetsplikt.Web.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Aktivitetsplikt.Web.Data;

public static class DatabaseSetup
{
    /// <summary>The database file: Storage:DatabasePath, or App_Data/aktivitetsplikt.db under the app (git-ignored).</summary>
    public static string DatabasePath(IConfiguration configuration, IHostEnvironment environment)
    {
        var configured = configuration["Storage:DatabasePath"];
        var path = string.IsNullOrWhiteSpace(configured)
            ? Path.Combine(environment.ContentRootPath, "App_Data", "aktivitetsplikt.db")
            : Path.GetFullPath(configured, environment.ContentRootPath);
        // Owner-only (0700) when the app creates it, and the default App_Data (the app's own) tightened if it is not;
        // a folder an operator configured and made is left as it is (StartUp warns when others can read it).
        DataFolder.EnsurePrivateDirectory(Path.GetDirectoryName(path)!, tightenExisting: string.IsNullOrWhiteSpace(configured));
        return path;
    }

    public static string ConnectionString(string path) => $"Data Source={path};Default Timeout=30";

    /// <summary>
    /// Applies the committed migrations and turns on write-ahead logging (readers do not block the writer). The
    /// database file is created owner-only (0600) before SQLite opens it, so its -wal and -shm files are too; files
    /// from an earlier version are tightened.
    /// </summary>
    public static async Task MigrateAsync(AppDbContext db, CancellationToken cancellationToken = default)
    {
        if (!db.Database.IsSqlite())
        {
            // PostgreSQL: the provider's own migrations (Data/PostgreSqlMigrations); concurrent start-ups of several instances
            // wait on EF Core's migration lock.
            if (!await UpToDateAsync(db, cancellationToken)) await db.Database.MigrateAsync(cancellationToken);
            return;
        }
        var file = DatabaseFile(db);
        if (file is not null) DataFolder.SecureDatabaseFiles(file);
        if (!await UpToDateAsync(db, cancellationToken)) await db.Database.MigrateAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        if (file is not null) DataFolder.SecureDatabaseFiles(file);
    }

    /// <summary>
    /// Whether every migration this build carries is already applied: one read of the history table against the migrations'
    /// ids (no model is built, no lock taken). Most starts have nothing to apply, and EF Core's <c>Migrate</c> would still take
    /// its migration lock and compare the snapshot's model with the code's (ADR 023). When one is missing, <c>Migrate</c>
    /// runs as before and applies it under its lock; a database ahead of this build (a migration it does not know) is left
    /// as it is, as <c>Migrate</c> leaves it.
    /// </summary>
    internal static async Task<bool> UpToDateAsync(AppDbContext db, CancellationToken cancellationToken = default)
    {
        var applied = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        return db.Database.GetMigrations().All(applied.Contains);
    }

    /// <summary>The database's file, or null for an in-memory database.</summary>
    private static string? DatabaseFile(AppDbContext db)
    {
        var builder = new SqliteConnectionStringBuilder(db.Database.GetConnectionString());
        return builder.Mode == SqliteOpenMode.Memory || string.IsNullOrEmpty(builder.DataSource) || builder.DataSource == ":memory:"
            ? null
            : Path.GetFullPath(builder.DataSource);
    }
}
