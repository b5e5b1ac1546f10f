using Aktivitetsplikt.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Aktivitetsplikt.Web.Tests.Support;

/// <summary>
/// A throwaway database for one test (or one fixture), on the provider the run tests: SQLite by default, a temp file deleted
/// afterwards; PostgreSQL when <c>AKTIVITETSPLIKT_TEST_PROVIDER=PostgreSQL</c> (tests/run.sh's second pass), a database of its
/// own copied from a migrated template (<c>CREATE DATABASE … TEMPLATE</c>: the migrations run once per test process) and
/// dropped afterwards. <c>AKTIVITETSPLIKT_TEST_POSTGRES</c> is the connection string of a role that may create databases.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable, IDisposable
{
    public const string ProviderVariable = "AKTIVITETSPLIKT_TEST_PROVIDER";
    public const string ServerVariable = "AKTIVITETSPLIKT_TEST_POSTGRES";

    /// <summary>The trait of a test that is about SQLite itself and so runs only in the SQLite pass (the reason is beside each).</summary>
    public const string SqliteOnly = "SqliteOnly";
    public const string PostgreSqlOnly = "PostgreSqlOnly";

    public static StorageProvider Provider { get; } = StorageSettings.ParseProvider(Environment.GetEnvironmentVariable(ProviderVariable));

    public static bool OnPostgreSql => Provider == StorageProvider.PostgreSql;

    private static readonly Lazy<string> Template = new(CreateTemplate, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly string? _sqlitePath;
    private readonly string? _postgresName;
    private bool _disposed;

    private TestDatabase(StorageSettings storage, string? sqlitePath, string? postgresName)
    {
        Storage = storage;
        _sqlitePath = sqlitePath;
        _postgresName = postgresName;
    }

    public StorageSettings Storage { get; }

    public string ConnectionString => Storage.ConnectionString;

    /// <summary>A new empty database (migrated already on PostgreSQL; <see cref="DatabaseSetup.MigrateAsync"/> migrates SQLite's).</summary>
    /// <param name="sqlitePath">Where the SQLite file goes (a temp file when not given); unused on PostgreSQL.</param>
    public static TestDatabase Create(string purpose, string? sqlitePath = null)
    {
        if (!OnPostgreSql)
        {
            var path = sqlitePath ?? Path.Combine(Path.GetTempPath(), $"aktivitetsplikt-{purpose}-{Guid.NewGuid():N}.db");
            return new TestDatabase(StorageSettings.Sqlite(path) with { NewDatabase = false }, path, null);
        }
        var name = $"akt_t_{Guid.NewGuid():N}";
        Execute($"CREATE DATABASE {name} TEMPLATE {Template.Value}");
        return new TestDatabase(new StorageSettings(StorageProvider.PostgreSql, ConnectionStringFor(name), "", NewDatabase: false), null, name);
    }

    /// <summary>The settings an app host needs to use this database, keeping what is not in it (keys, anchors) in <paramref name="dataFolder"/>.</summary>
    public IEnumerable<KeyValuePair<string, string?>> HostSettings(string dataFolder)
    {
        if (_sqlitePath is not null)
        {
            yield return new("Storage:DatabasePath", _sqlitePath);
            yield break;
        }
        yield return new("Storage:Provider", "PostgreSQL");
        yield return new($"ConnectionStrings:{StorageSettings.ConnectionStringName}", ConnectionString);
        yield return new("Storage:DataFolder", dataFolder);
    }

    private static string ServerConnectionString =>
        Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{ProviderVariable}=PostgreSQL needs {ServerVariable} (a connection string of a role that may create databases); tests/run.sh sets both.");

    private static string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = database }.ConnectionString;

    private static void Execute(string sql)
    {
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = "postgres", Pooling = false }.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    /// <summary>Migrates one template database per test process; it is dropped when the process ends.</summary>
    private static string CreateTemplate()
    {
        var name = $"akt_tpl_{Guid.NewGuid():N}";
        Execute($"CREATE DATABASE {name}");
        var connectionString = new NpgsqlConnectionStringBuilder(ConnectionStringFor(name)) { Pooling = false }.ConnectionString;
        using (var db = new PostgreSqlAppDbContext(new DbContextOptionsBuilder<PostgreSqlAppDbContext>().UseNpgsql(connectionString).Options))
            db.Database.Migrate();
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { Execute($"DROP DATABASE IF EXISTS {name} WITH (FORCE)"); }
            catch (NpgsqlException) { } // the run's clean-up (tests/run.sh) drops what is left
        };
        return name;
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        if (_postgresName is not null)
        {
            NpgsqlConnection.ClearPool(new NpgsqlConnection(ConnectionString));
            Drop(_postgresName);
        }
        else if (_sqlitePath is not null)
        {
            SqliteConnection.ClearPool(new SqliteConnection(ConnectionString));
            foreach (var file in new[] { _sqlitePath, _sqlitePath + "-wal", _sqlitePath + "-shm" })
                if (File.Exists(file)) File.Delete(file);
        }
    }

    /// <summary>
    /// FORCE ends the test's own leftover connections; a server process of another role in the database (autovacuum) cannot be
    /// ended by this role, so it tries again shortly, and leaves the rest to the run's clean-up, which drops every database
    /// of its role.
    /// </summary>
    private static void Drop(string name)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                Execute($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
                return;
            }
            catch (PostgresException) when (attempt < 5)
            {
                Thread.Sleep(200 * attempt);
            }
            catch (PostgresException)
            {
                return;
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
