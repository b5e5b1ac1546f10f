using System.Diagnostics;

namespace Aktivitetsplikt.EndToEnd.Tests;

/// <summary>
/// <see cref="TwoInstances"/> on PostgreSQL: a throwaway database of its own on the server tests/run.sh's second pass names in
/// <c>AKTIVITETSPLIKT_TEST_POSTGRES</c> (a role that may create databases), dropped afterwards. The first instance migrates it
/// and seeds the demo data; the data-protection keys are in it, so both instances read each other's cookies and tokens.
/// Without that variable the tests fail under <c>CI=true</c> and are skipped elsewhere (<see cref="PostgreSqlFactAttribute"/>).
/// </summary>
public sealed class TwoInstancesOnPostgreSql : TwoInstances
{
    public const string ServerVariable = "AKTIVITETSPLIKT_TEST_POSTGRES";

    private readonly string _database = $"akt_e2e_{Guid.NewGuid():N}";
    private Dictionary<string, string>? _server;

    public static string? Server => Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } server ? server : null;

    public override async Task InitializeAsync()
    {
        if (Server is null && !PostgreSqlFactAttribute.OnCi) return; // Every test of it is skipped, and says why.
        await base.InitializeAsync();
    }

    protected override async Task<IReadOnlyDictionary<string, string>> StorageAsync()
    {
        var server = Server ?? throw new InvalidOperationException(
            $"{ServerVariable} is not set: the load-balancer tests on PostgreSQL run in tests/run.sh's PostgreSQL pass, which starts the server and sets it.");
        _server = server.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(part => part.Split('=', 2))
            .ToDictionary(pair => pair[0].Trim(), pair => pair[1].Trim(), StringComparer.OrdinalIgnoreCase);
        await PsqlAsync($"CREATE DATABASE {_database}");
        var connection = string.Join(';', _server.Where(p => !p.Key.Equals("Database", StringComparison.OrdinalIgnoreCase)).Select(p => $"{p.Key}={p.Value}"))
            + $";Database={_database}";
        return new Dictionary<string, string>
        {
            ["Storage__Provider"] = "PostgreSQL",
            ["ConnectionStrings__Aktivitetsplikt"] = connection,
            ["Storage__DataFolder"] = Path.Combine(StateFolder, "app"),
        };
    }

    protected override async Task DropStorageAsync()
    {
        if (_server is not null) await PsqlAsync($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)");
    }

    /// <summary>
    /// Closes the database to new connections and ends every session in it (what the instances see when PostgreSQL stops,
    /// without stopping a server other work shares), or opens it again.
    /// </summary>
    public async Task SetDatabaseReachableAsync(bool reachable)
    {
        await PsqlAsync($"ALTER DATABASE {_database} ALLOW_CONNECTIONS {(reachable ? "true" : "false")}");
        if (!reachable) await PsqlAsync($"SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = '{_database}'");
    }

    /// <summary>psql as the test role, on the server's maintenance database (the database's owner may alter and drop it).</summary>
    private async Task PsqlAsync(string sql)
    {
        var server = _server ?? throw new InvalidOperationException("No PostgreSQL server.");
        string Get(string key, string fallback) => server.TryGetValue(key, out var value) ? value : fallback;
        var start = new ProcessStartInfo("psql") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-v", "ON_ERROR_STOP=1", "-qAt", "-h", Get("Host", "127.0.0.1"), "-p", Get("Port", "5432"),
                     "-U", Get("Username", "postgres"), "-d", Get("Database", "postgres"), "-c", sql })
            start.ArgumentList.Add(argument);
        start.Environment["PGPASSWORD"] = Get("Password", "");
        using var psql = Process.Start(start) ?? throw new InvalidOperationException("psql did not start.");
        var error = psql.StandardError.ReadToEndAsync();
        await psql.StandardOutput.ReadToEndAsync();
        await psql.WaitForExitAsync();
        if (psql.ExitCode != 0) throw new InvalidOperationException($"psql failed ({sql}): {await error}");
    }
}

/// <summary>A test on <see cref="TwoInstancesOnPostgreSql"/>: runs where PostgreSQL is given, fails under CI=true where it is not.</summary>
public sealed class PostgreSqlFactAttribute : FactAttribute
{
    public static bool OnCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public PostgreSqlFactAttribute()
    {
        if (TwoInstancesOnPostgreSql.Server is null && !OnCi)
            Skip = $"needs PostgreSQL: runs in tests/run.sh's PostgreSQL pass ({TwoInstancesOnPostgreSql.ServerVariable}); fails under CI=true without it";
    }
}

[CollectionDefinition(Name)]
public sealed class TwoInstancesOnPostgreSqlCollection : ICollectionFixture<TwoInstancesOnPostgreSql>
{
    public const string Name = "Two instances behind nginx, on PostgreSQL";
}

/// <summary>Its own pair of instances: the outage it causes must not reach the other tests' connection pools.</summary>
[CollectionDefinition(Name)]
public sealed class DatabaseOutageCollection : ICollectionFixture<TwoInstancesOnPostgreSql>
{
    public const string Name = "Two instances behind nginx, on PostgreSQL, the database goes away";
}
