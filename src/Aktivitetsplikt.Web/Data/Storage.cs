using Microsoft.EntityFrameworkCore;

namespace Aktivitetsplikt.Web.Data;

/// <summary>The database engine the app stores its data in (<c>Storage:Provider</c>).</summary>
public enum StorageProvider
{
    /// <summary>An embedded file, one writer at a time: the default for a school or a small kommune.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server, for several app instances (many writers). ADR 012.</summary>
    PostgreSql,
}

/// <summary>
/// Where the data lives. <c>Storage:Provider</c> = <c>Sqlite</c> (default: the file <c>Storage:DatabasePath</c>) or
/// <c>PostgreSQL</c> (the connection string <c>ConnectionStrings:Aktivitetsplikt</c>). The data folder holds what is
/// not in the database (the audit keys and anchors, the key rings): the SQLite file's folder, or
/// <c>Storage:DataFolder</c> (default <c>App_Data</c>) with PostgreSQL.
/// </summary>
public sealed record StorageSettings(StorageProvider Provider, string ConnectionString, string DataFolder, bool NewDatabase)
{
    public const string ConnectionStringName = "Aktivitetsplikt";

    public static StorageSettings Sqlite(string databasePath) =>
        new(StorageProvider.Sqlite, DatabaseSetup.ConnectionString(databasePath), Path.GetDirectoryName(Path.GetFullPath(databasePath))!,
            NewDatabase: !File.Exists(databasePath));

    public static StorageSettings FromConfiguration(IConfiguration configuration, IHostEnvironment environment)
    {
        var provider = ParseProvider(configuration["Storage:Provider"]);
        if (provider == StorageProvider.Sqlite) return Sqlite(DatabaseSetup.DatabasePath(configuration, environment));

        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
            throw new InvalidOperationException(
                $"Storage:Provider is PostgreSQL, but ConnectionStrings:{ConnectionStringName} is not set (e.g. the environment variable " +
                $"ConnectionStrings__{ConnectionStringName}=\"Host=db;Database=aktivitetsplikt;Username=app;Password=...\").");
        var configured = configuration["Storage:DataFolder"];
        var folder = string.IsNullOrWhiteSpace(configured)
            ? Path.Combine(environment.ContentRootPath, "App_Data")
            : Path.GetFullPath(configured, environment.ContentRootPath);
        Infrastructure.DataFolder.EnsurePrivateDirectory(folder, tightenExisting: string.IsNullOrWhiteSpace(configured));
        // A PostgreSQL database is made by its operator, never deleted by a demo reset: its anchors are never moved aside.
        return new StorageSettings(StorageProvider.PostgreSql, connectionString, folder, NewDatabase: false);
    }

    public static StorageProvider ParseProvider(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "sqlite" => StorageProvider.Sqlite,
        "postgresql" or "postgres" or "npgsql" => StorageProvider.PostgreSql,
        _ => throw new InvalidOperationException($"Storage:Provider '{value}' is not known: use Sqlite (the default) or PostgreSQL."),
    };

    /// <summary>The context options for this provider. PostgreSQL has its own context type so it has its own migrations.</summary>
    public void Configure(DbContextOptionsBuilder options)
    {
        if (Provider == StorageProvider.Sqlite) options.UseSqlite(ConnectionString);
        else options.UseNpgsql(ConnectionString);
    }
}
