using System.Reflection;
using Aktivitetsplikt.Domain.Audit;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Pipeline;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Aktivitetsplikt.Web.Data;

/// <summary>How many rows a table held in the SQLite file and holds in PostgreSQL after the copy.</summary>
public sealed record TableCount(string Table, long Source, long Target);

public sealed record StorageCopyReport(IReadOnlyList<TableCount> Tables, ChainVerification SourceChain, ChainVerification TargetChain)
{
    public bool Complete => Tables.All(t => t.Source == t.Target);
}

/// <summary>
/// Moves a school owner from SQLite to PostgreSQL (issue 11): every row of every table into an empty PostgreSQL database,
/// through the same EF Core model on both sides, so every value is converted by the providers and nothing by hand. Both
/// databases are migrated to the current model first. A target that holds any row is refused, so nothing is ever merged or
/// overwritten. The audit chain is verified on both sides afterwards with the same keys and anchors.
/// <c>dotnet run --project src/Aktivitetsplikt.Web -- copy-to-postgresql &lt;sqlite-file&gt;</c> with the target in
/// <c>ConnectionStrings:Aktivitetsplikt</c>.
/// </summary>
public static class StorageCopy
{
    public const string CommandName = "copy-to-postgresql";
    private const int BatchSize = 1_000;

    /// <summary>Runs the command when the app was started with it; false when the app should start as usual.</summary>
    public static async Task<bool> RunFromCommandLineAsync(string[] args)
    {
        if (args.Length == 0 || args[0] != CommandName) return false;
        var builder = WebApplication.CreateBuilder(args[1..]);
        if (args.Length < 2 || args[1].StartsWith('-'))
            throw new InvalidOperationException($"Usage: {CommandName} <sqlite-file> (the target from ConnectionStrings:{StorageSettings.ConnectionStringName}).");
        var source = Path.GetFullPath(args[1]);
        var target = builder.Configuration.GetConnectionString(StorageSettings.ConnectionStringName);
        if (string.IsNullOrWhiteSpace(target))
            throw new InvalidOperationException($"Set the PostgreSQL target in ConnectionStrings:{StorageSettings.ConnectionStringName} (e.g. ConnectionStrings__{StorageSettings.ConnectionStringName}=...).");
        var chain = AuditChainSettings.FromConfiguration(builder.Configuration, builder.Environment, Path.GetDirectoryName(source)!);

        var report = await CopyAsync(source, target, chain, CancellationToken.None);
        Console.WriteLine($"{"table",-24} {"SQLite",10} {"PostgreSQL",10}");
        foreach (var table in report.Tables) Console.WriteLine($"{table.Table,-24} {table.Source,10} {table.Target,10}");
        Console.WriteLine($"Audit chain, SQLite:     {Describe(report.SourceChain)}");
        Console.WriteLine($"Audit chain, PostgreSQL: {Describe(report.TargetChain)}");
        Console.WriteLine(report.Complete ? "Copied: every row, the chain as it was." : "The copy is NOT complete: see above.");
        Environment.ExitCode = report.Complete && report.TargetChain.IsIntact ? 0 : 1;
        return true;
    }

    public static async Task<StorageCopyReport> CopyAsync(string sqliteFile, string postgresConnectionString, AuditChainSettings chain,
        CancellationToken cancellationToken)
    {
        if (!File.Exists(sqliteFile)) throw new InvalidOperationException($"The SQLite database {sqliteFile} does not exist.");
        await using var sourceServices = Services(StorageSettings.Sqlite(sqliteFile), chain);
        await using var targetServices = Services(new StorageSettings(StorageProvider.PostgreSql, postgresConnectionString, "", NewDatabase: false), chain);
        await using var sourceScope = sourceServices.CreateAsyncScope();
        await using var targetScope = targetServices.CreateAsyncScope();
        var from = sourceScope.ServiceProvider.GetRequiredService<AppDbContext>();
        var to = targetScope.ServiceProvider.GetRequiredService<AppDbContext>();
        await DatabaseSetup.MigrateAsync(from, cancellationToken);
        await DatabaseSetup.MigrateAsync(to, cancellationToken);

        var types = InDependencyOrder(from.Model);
        foreach (var type in types)
        {
            if (await CountAsync(to, type, cancellationToken) > 0)
                throw new InvalidOperationException($"The PostgreSQL database is not empty ({type.GetTableName()} has rows): the copy writes only into an empty database.");
        }

        await using (var transaction = await to.Database.BeginTransactionAsync(cancellationToken))
        {
            foreach (var type in types) await CopyTableAsync(from, to, type, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        var counts = new List<TableCount>();
        foreach (var type in types)
            counts.Add(new TableCount(type.GetTableName()!, await CountAsync(from, type, cancellationToken), await CountAsync(to, type, cancellationToken)));
        return new StorageCopyReport(counts,
            await sourceScope.ServiceProvider.GetRequiredService<AuditChainVerifier>().VerifyAsync(cancellationToken),
            await targetScope.ServiceProvider.GetRequiredService<AuditChainVerifier>().VerifyAsync(cancellationToken));
    }

    private static ServiceProvider Services(StorageSettings storage, AuditChainSettings chain) =>
        new ServiceCollection().AddLogging().AddAktivitetsplikt(storage, chain).BuildServiceProvider();

    private static string Describe(ChainVerification verification) =>
        verification.IsIntact ? $"intact, {verification.EntriesChecked} entries" : $"BROKEN at {verification.FirstBrokenSequence}: {verification.Problem}";

    /// <summary>The tables (owned types travel with their owner), each after every table it refers to.</summary>
    private static List<IEntityType> InDependencyOrder(IModel model)
    {
        var remaining = model.GetEntityTypes().Where(t => !t.IsOwned()).ToList();
        var ordered = new List<IEntityType>();
        while (remaining.Count > 0)
        {
            var next = remaining.FirstOrDefault(t => t.GetForeignKeys()
                    .All(fk => fk.PrincipalEntityType == t || fk.PrincipalEntityType.IsOwned() || ordered.Contains(fk.PrincipalEntityType)))
                ?? throw new InvalidOperationException("The model's foreign keys form a cycle; the copy cannot order its tables.");
            ordered.Add(next);
            remaining.Remove(next);
        }
        return ordered;
    }

    private static Task<int> CountAsync(AppDbContext db, IEntityType type, CancellationToken cancellationToken) =>
        (Task<int>)Method(nameof(CountOfAsync), type).Invoke(null, [db, cancellationToken])!;

    private static Task CopyTableAsync(AppDbContext from, AppDbContext to, IEntityType type, CancellationToken cancellationToken) =>
        (Task)Method(nameof(CopyRowsAsync), type).Invoke(null, [from, to, cancellationToken])!;

    private static MethodInfo Method(string name, IEntityType type) =>
        typeof(StorageCopy).GetMethod(name, BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(type.ClrType);

    private static Task<int> CountOfAsync<T>(AppDbContext db, CancellationToken cancellationToken) where T : class =>
        db.Set<T>().CountAsync(cancellationToken);

    /// <summary>
    /// Reads without tracking, so a case comes without its entries (they are rows of their own table, copied in their turn),
    /// and adds in batches, clearing the tracker between them.
    /// </summary>
    private static async Task CopyRowsAsync<T>(AppDbContext from, AppDbContext to, CancellationToken cancellationToken) where T : class
    {
        var batch = new List<T>(BatchSize);
        await foreach (var row in from.Set<T>().AsNoTracking().AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            batch.Add(row);
            if (batch.Count == BatchSize) await SaveAsync(to, batch, cancellationToken);
        }
        await SaveAsync(to, batch, cancellationToken);
    }

    private static async Task SaveAsync<T>(AppDbContext to, List<T> batch, CancellationToken cancellationToken) where T : class
    {
        if (batch.Count == 0) return;
        to.Set<T>().AddRange(batch);
        await to.SaveChangesAsync(cancellationToken);
        to.ChangeTracker.Clear();
        batch.Clear();
    }
}
