using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Features.Demo;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Aktivitetsplikt.Web.Tests.Data;

/// <summary>Moving a school owner from SQLite to PostgreSQL (issue 11): <c>copy-to-postgresql</c>, Data/StorageCopy.cs.</summary>
public sealed class StorageCopyTests : IAsyncLifetime
{
    private readonly string _sqlite = Path.Combine(Path.GetTempPath(), $"aktivitetsplikt-copy-{Guid.NewGuid():N}.db");
    private readonly AuditChainSettings _chain = AuditChainSettings.Ephemeral();
    private TestDatabase? _target;

    public async Task InitializeAsync()
    {
        if (!TestDatabase.OnPostgreSql) return;
        _target = TestDatabase.Create("copy");
        await using var demo = new ServiceCollection().AddLogging().AddAktivitetsplikt(StorageSettings.Sqlite(_sqlite), _chain).BuildServiceProvider();
        await using (var scope = demo.CreateAsyncScope())
            await DatabaseSetup.MigrateAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>());
        await DemoData.SeedIfEmptyAsync(demo);
    }

    public async Task DisposeAsync()
    {
        if (_target is not null) await _target.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _sqlite, _sqlite + "-wal", _sqlite + "-shm" })
            if (File.Exists(file)) File.Delete(file);
    }

    [PostgreSqlFact, Trait("Provider", TestDatabase.PostgreSqlOnly)]
    public async Task TheDemoDatabase_IsCopiedRowForRow_AndItsAuditChainStillVerifies()
    {
        var report = await StorageCopy.CopyAsync(_sqlite, _target!.ConnectionString, _chain, CancellationToken.None);

        report.Tables.Should().Contain(t => t.Table == "Cases" && t.Source == 10, "the demo has ten cases");
        report.Tables.Should().Contain(t => t.Table == "AuditLog" && t.Source > 0);
        report.Tables.Should().OnlyContain(t => t.Source == t.Target, "every row of every table is copied");
        report.Complete.Should().BeTrue();
        report.SourceChain.IsIntact.Should().BeTrue(report.SourceChain.ToString());
        report.TargetChain.IsIntact.Should().BeTrue(report.TargetChain.ToString());
        report.TargetChain.EntriesChecked.Should().Be(report.SourceChain.EntriesChecked);
    }

    [PostgreSqlFact, Trait("Provider", TestDatabase.PostgreSqlOnly)]
    public async Task ANonEmptyTarget_IsRefused_AndNothingIsWrittenToIt()
    {
        await StorageCopy.CopyAsync(_sqlite, _target!.ConnectionString, _chain, CancellationToken.None);
        var before = await CaseCountAsync();

        var again = () => StorageCopy.CopyAsync(_sqlite, _target.ConnectionString, _chain, CancellationToken.None);

        await again.Should().ThrowAsync<InvalidOperationException>().WithMessage("*not empty*");
        (await CaseCountAsync()).Should().Be(before);
    }

    private async Task<long> CaseCountAsync()
    {
        await using var connection = new NpgsqlConnection(_target!.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM \"Cases\"", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
