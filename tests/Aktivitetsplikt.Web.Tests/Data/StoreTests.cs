using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace Aktivitetsplikt.Web.Tests.Data;

public sealed class StoreTests : SliceTest
{
    [Fact]
    public async Task CommittedMigrations_MatchTheModel_SoAFreshCloneGetsEveryTable()
    {
        var differences = await App.WithDb(db =>
        {
            // A snapshot of its own: the migrations assembly's lives as long as a pooled context (ADR 038) and is finalized by
            // the first to compare it on that instance (EF Core's own Migrate does), so it cannot be finalized again here.
            var kept = db.GetService<IMigrationsAssembly>().ModelSnapshot;
            var snapshot = kept is null ? null : ((ModelSnapshot)Activator.CreateInstance(kept.GetType())!).Model;
            if (snapshot is IMutableModel mutable) snapshot = mutable.FinalizeModel();
            if (snapshot is not null) snapshot = db.GetService<IModelRuntimeInitializer>().Initialize(snapshot);
            var current = db.GetService<IDesignTimeModel>().Model;
            return Task.FromResult(db.GetService<IMigrationsModelDiffer>()
                .GetDifferences(snapshot?.GetRelationalModel(), current.GetRelationalModel()));
        });

        differences.Should().BeEmpty("a model change needs a committed migration (dotnet ef migrations add)");
    }

    [Fact]
    [Trait("Provider", TestDatabase.SqliteOnly)] // SQLite's journal mode; PostgreSQL has no such setting
    public async Task Database_RunsInWriteAheadLogMode()
    {
        var mode = await App.WithDb(async db =>
        {
            var connection = db.Database.GetDbConnection();
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode;";
            return (string?)await command.ExecuteScalarAsync();
        });

        mode.Should().Be("wal");
    }
}

public sealed class ProductionGuardTests
{
    private sealed class Factory : WebApplicationFactory<Program>
    {
        private readonly string _environment;
        private readonly bool _demo;

        private readonly TestDatabase _database;

        public Factory(TestDatabase database, string databasePath, string environment, bool demo)
        {
            _database = database;
            DatabasePath = databasePath;
            _environment = environment;
            _demo = demo;
        }

        public string DatabasePath { get; }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment(_environment);
            foreach (var (key, value) in _database.HostSettings(Path.GetDirectoryName(DatabasePath)!)) builder.UseSetting(key, value);
            builder.UseSetting("Demo:Enabled", _demo ? "true" : "false");
            // What Production needs besides (docs/security.md): an audit key and anchor file outside the database, and the
            // key ring's protection (here the explicit opt-out; DataAtRestTests covers the certificate).
            builder.UseSetting("Audit:Keys:guard", Convert.ToBase64String(new byte[32]));
            builder.UseSetting("Audit:AnchorFile", Path.Combine(Path.GetDirectoryName(DatabasePath)!, "anchors.log"));
            builder.UseSetting("DataProtection:AllowUnprotectedKeys", "true");
        }
    }

    private static string TempDatabase() => Path.Combine(Path.GetTempPath(), "aktivitetsplikt-guard-" + Guid.NewGuid().ToString("N"), "app.db");

    private static void Delete(string path)
    {
        SqliteConnection.ClearAllPools();
        var directory = Path.GetDirectoryName(path)!;
        if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public void Production_WithDemoModeOn_RefusesToStart()
    {
        var path = TempDatabase();
        using var database = TestDatabase.Create("guard", path);
        try
        {
            using var factory = new Factory(database, path, "Production", demo: true);

            var start = () => factory.CreateClient();

            start.Should().Throw<InvalidOperationException>().WithMessage("*Demo mode*Production*");
        }
        finally
        {
            Delete(path);
        }
    }

    [Fact]
    public async Task Production_WithDemoUsersInTheDatabase_RefusesToStart()
    {
        var path = TempDatabase();
        using var database = TestDatabase.Create("guard", path);
        try
        {
            using (var development = new Factory(database, path, "Development", demo: true))
            {
                using var client = development.CreateClient();
                (await client.GetAsync("/logg-inn")).IsSuccessStatusCode.Should().BeTrue();
            }

            using var production = new Factory(database, path, "Production", demo: false);
            var start = () => production.CreateClient();

            start.Should().Throw<InvalidOperationException>().WithMessage("*demo users*");
        }
        finally
        {
            Delete(path);
        }
    }

    [Fact]
    public async Task Production_WithoutDemoData_Starts()
    {
        var path = TempDatabase();
        using var database = TestDatabase.Create("guard", path);
        try
        {
            using var production = new Factory(database, path, "Production", demo: false);
            // Production redirects plain http to https (ProxyTests); the app is reached over https.
            using var client = production.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost") });

            (await client.GetAsync("/logg-inn")).IsSuccessStatusCode.Should().BeTrue();
        }
        finally
        {
            Delete(path);
        }
    }
}
