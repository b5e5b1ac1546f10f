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
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return path;
    }

    public static string ConnectionString(string path) => $"Data Source={path};Default Timeout=30";

    /// <summary>Applies the committed migrations and turns on write-ahead logging (readers do not block the writer).</summary>
    public static async Task MigrateAsync(AppDbContext db, CancellationToken cancellationToken = default)
    {
        await db.Database.MigrateAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
    }
}
