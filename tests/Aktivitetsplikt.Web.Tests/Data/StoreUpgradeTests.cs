using Aktivitetsplikt.Web.Tests.Support;
using Aktivitetsplikt.Web.Pipeline;
using Aktivitetsplikt.Domain.Audit;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Features.Cases;
using Aktivitetsplikt.Web.Infrastructure;
using MediatR;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aktivitetsplikt.Web.Tests.Data;

/// <summary>
/// A database made by the previous release (EF Core 6.0.7, SQLite 3.35, with its demo data: ten cases in
/// every state) opens under the current code, migrates in place, and loses nothing: every case, entry,
/// plan measure and audit entry reads back as the old release wrote it, and the audit chain verifies.
/// The fixture is committed (Data/Fixtures/release-ef6-demo.db); each run migrates a temp copy.
/// </summary>
[Trait("Provider", TestDatabase.SqliteOnly)] // upgrades a SQLite file made by an earlier release; PostgreSQL starts from its own InitialCreate
public sealed class StoreUpgradeTests : IAsyncLifetime
{
    private static readonly string Fixture = Path.Combine(AppContext.BaseDirectory, "Data", "Fixtures", "release-ef6-demo.db");
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"aktivitetsplikt-upgrade-{Guid.NewGuid():N}.db");

    public Task InitializeAsync()
    {
        File.Copy(Fixture, _path);
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" })
            if (File.Exists(file)) File.Delete(file);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task PreviousReleasesDatabase_MigratesInPlace_WithEveryCaseReadableAndTheAuditChainIntact()
    {
        var before = await ReadRawAsync();
        before.Cases.Should().HaveCount(10, "the fixture holds the previous release's demo data");

        await using var services = new ServiceCollection().AddLogging().AddAktivitetsplikt(DatabaseSetup.ConnectionString(_path))
            .BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        await using (var scope = services.CreateAsyncScope())
            await DatabaseSetup.MigrateAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>());

        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            (await db.Database.GetPendingMigrationsAsync()).Should().BeEmpty();
            (await db.Database.GetAppliedMigrationsAsync()).Should().StartWith(before.Migrations, "the migration history stays readable");
        }

        var team = await WithDb(services, db => db.Users.AsNoTracking().SingleAsync(u => u.UserName == "siri.9a"));
        foreach (var (id, caseNumber, state, entryTexts) in before.Cases)
        {
            await using var scope = services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAs(team);
            var detail = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new GetCaseDetail.Query(id));

            detail.CaseNumber.Should().Be(caseNumber);
            detail.State.ToString().Should().Be(state);
            detail.Timeline.Select(e => e.Text).Should().Equal(entryTexts, $"case {caseNumber}'s history reads back entry by entry");
        }

        var measures = await WithDb(services, db => db.PlanVersions.AsNoTracking().Include(p => p.Measures)
            .SelectMany(p => p.Measures.Select(m => m.Description)).ToListAsync());
        measures.Order(StringComparer.Ordinal).Should().Equal(before.MeasureDescriptions.Order(StringComparer.Ordinal));

        ChainVerification chain;
        await using (var scope = services.CreateAsyncScope())
            chain = await scope.ServiceProvider.GetRequiredService<AuditChainVerifier>().VerifyAsync(CancellationToken.None);
        chain.IsIntact.Should().BeTrue(chain.Problem);
        chain.EntriesChecked.Should().Be(before.AuditEntries + before.Cases.Count, "the old entries plus one logged read per case opened here");
    }

    private static async Task<T> WithDb<T>(IServiceProvider services, Func<AppDbContext, Task<T>> work)
    {
        await using var scope = services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    private sealed record RawStore(
        List<(Guid Id, string CaseNumber, string State, List<string> EntryTexts)> Cases,
        List<string> MeasureDescriptions, long AuditEntries, List<string> Migrations);

    /// <summary>What the old release stored, read with plain SQL before the new code touches the file.</summary>
    private async Task<RawStore> ReadRawAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={_path};Pooling=False");
        await connection.OpenAsync();

        async Task<List<T>> Query<T>(string sql, Func<SqliteDataReader, T> read)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            await using var reader = await command.ExecuteReaderAsync();
            var rows = new List<T>();
            while (await reader.ReadAsync()) rows.Add(read(reader));
            return rows;
        }

        var entries = await Query("SELECT CaseId, Text FROM CaseEntries ORDER BY CaseId, Sequence", r => (CaseId: r.GetString(0), Text: r.GetString(1)));
        var cases = await Query("SELECT Id, CaseNumber, State FROM Cases ORDER BY CaseNumber",
            r => (Id: Guid.Parse(r.GetString(0)), CaseNumber: r.GetString(1), State: r.GetString(2), RawId: r.GetString(0)));
        var audit = (await Query("SELECT COUNT(*) FROM AuditLog", r => r.GetInt64(0)))[0];
        return new RawStore(
            cases.Select(c => (c.Id, c.CaseNumber, c.State, entries.Where(e => e.CaseId == c.RawId).Select(e => e.Text).ToList())).ToList(),
            await Query("SELECT Description FROM PlanMeasures", r => r.GetString(0)),
            audit,
            await Query("SELECT MigrationId FROM __EFMigrationsHistory ORDER BY MigrationId", r => r.GetString(0)));
    }
}
