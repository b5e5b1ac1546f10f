using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Threading.Channels;
using Aktivitetsplikt.Domain.Audit;
using Aktivitetsplikt.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Aktivitetsplikt.Web.Pipeline;

/// <summary>
/// Walks the stored chain fast: a plain <c>SELECT</c> of the audit table's columns through EF Core's own connection (the same
/// statement on SQLite and PostgreSQL; column and table names from the model), read with a <see cref="DbDataReader"/> into
/// <see cref="AuditRecord"/>s instead of materialised entities, while a second task hashes and checks them
/// (<see cref="AuditContentHasher"/>: one reused buffer, the hash on the stack). The two meet in a bounded channel of
/// reused batches, so memory stays the same however long the chain is. The verdict is the <see cref="ChainWalk"/>'s, the
/// same as walking the entities. On SQLite (UTF-8) <see cref="SqliteChainReader"/> walks instead: the same rows as bytes,
/// hashed on several tasks; this reader is PostgreSQL's.
/// </summary>
internal static class AuditChainReader
{
    private const int BatchSize = 1024;
    private const int BatchesInFlight = 4;

    public static async Task<ChainVerification> WalkAsync(AppDbContext db, ChainWalk walk, long fromSequence, CancellationToken cancellationToken) =>
        await SqliteChainReader.WalkAsync(db, walk, fromSequence, cancellationToken)
        ?? await WalkRecordsAsync(db, walk, fromSequence, cancellationToken);

    /// <summary>The provider-neutral walk (PostgreSQL): rows read into <see cref="AuditRecord"/>s, hashed on a second task.</summary>
    internal static async Task<ChainVerification> WalkRecordsAsync(AppDbContext db, ChainWalk walk, long fromSequence, CancellationToken cancellationToken)
    {
        if (fromSequence > 1 && await InlineWalkAsync(db, walk, fromSequence, cancellationToken) is { } walked) return walked;
        var free = Channel.CreateBounded<AuditRecord[]>(BatchesInFlight);
        for (var i = 0; i < BatchesInFlight; i++) free.Writer.TryWrite(new AuditRecord[BatchSize]);
        var full = Channel.CreateBounded<(AuditRecord[] Rows, int Count)>(BatchesInFlight);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reading = Task.Run(() => ReadAsync(db, fromSequence, free.Reader, full.Writer, stop.Token), stop.Token);
        try
        {
            using var hasher = new AuditContentHasher();
            await foreach (var (rows, count) in full.Reader.ReadAllAsync(stop.Token))
            {
                for (var i = 0; i < count; i++)
                {
                    ref readonly var row = ref rows[i];
                    var secret = walk.SecretFor(row.KeyId);
                    var matches = (row.KeyId is null || secret is not null) && hasher.Matches(row, secret);
                    if (walk.Check(row, matches) is { } broken) return broken;
                }
                Array.Clear(rows, 0, count);
                free.Writer.TryWrite(rows);
            }
            return walk.Finish();
        }
        finally
        {
            await stop.CancelAsync();
            try { await reading; }
            catch (OperationCanceledException) when (stop.IsCancellationRequested) { }
            catch (ChannelClosedException) { }
        }
    }

    /// <summary>
    /// A walk of at most <see cref="BatchSize"/> rows (the audit page's from a recent head) on the caller's task, into one array the
    /// gap's size, each row hashed and linked as it is read: without the second task, the channels and four arrays of 1,024
    /// records. Null when the gap is longer; then the two tasks walk it.
    /// </summary>
    private static async Task<ChainVerification?> InlineWalkAsync(AppDbContext db, ChainWalk walk, long fromSequence, CancellationToken cancellationToken)
    {
        var columns = Columns.For(db);
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != ConnectionState.Open;
        if (opened) await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            long head;
            await using (var command = connection.CreateCommand())
            {
                command.Transaction = transaction;
                command.CommandText = columns.Head;
                head = await command.ExecuteScalarAsync(cancellationToken) is { } value and not DBNull ? Convert.ToInt64(value, CultureInfo.InvariantCulture) : 0;
            }
            if (head - fromSequence + 1 > BatchSize) return null;
            await using var select = connection.CreateCommand();
            select.Transaction = transaction;
            select.CommandText = columns.Select(fromSequence);
            await using var reader = await select.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken);
            var ticksStored = reader.GetFieldType(1) == typeof(long);
            using var hasher = new AuditContentHasher();
            while (await reader.ReadAsync(cancellationToken))
            {
                var row = Record(reader, columns, ticksStored);
                var secret = walk.SecretFor(row.KeyId);
                var matches = (row.KeyId is null || secret is not null) && hasher.Matches(row, secret);
                if (walk.Check(row, matches) is { } broken) return broken;
            }
            return walk.Finish();
        }
        finally
        {
            if (opened) await db.Database.CloseConnectionAsync();
        }
    }

    private static AuditRecord Record(DbDataReader reader, Columns columns, bool ticksStored) => new(
        reader.GetInt64(0),
        ticksStored ? reader.GetInt64(1) : reader.GetDateTime(1).Ticks,
        reader.IsDBNull(2) ? null : reader.GetGuid(2),
        reader.GetString(3),
        columns.Role(reader.IsDBNull(4) ? null : reader.GetString(4)),
        reader.GetString(5),
        reader.IsDBNull(6) ? null : reader.GetGuid(6),
        columns.State(reader.IsDBNull(7) ? null : reader.GetString(7)),
        columns.State(reader.IsDBNull(8) ? null : reader.GetString(8)),
        reader.GetString(9),
        reader.GetString(10),
        reader.GetString(11),
        reader.IsDBNull(12) ? null : reader.GetString(12));

    private static async Task ReadAsync(AppDbContext db, long fromSequence, ChannelReader<AuditRecord[]> free,
        ChannelWriter<(AuditRecord[] Rows, int Count)> full, CancellationToken cancellationToken)
    {
        Exception? failed = null;
        try
        {
            var columns = Columns.For(db);
            var connection = db.Database.GetDbConnection();
            var opened = connection.State != ConnectionState.Open;
            if (opened) await db.Database.OpenConnectionAsync(cancellationToken);
            try
            {
                await using var command = connection.CreateCommand();
                command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
                command.CommandText = columns.Select(fromSequence);
                await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken);
                var ticksStored = reader.GetFieldType(1) == typeof(long);
                var batch = await free.ReadAsync(cancellationToken);
                var count = 0;
                while (await reader.ReadAsync(cancellationToken))
                {
                    batch[count++] = Record(reader, columns, ticksStored);
                    if (count < batch.Length) continue;
                    await full.WriteAsync((batch, count), cancellationToken);
                    batch = await free.ReadAsync(cancellationToken);
                    count = 0;
                }
                if (count > 0) await full.WriteAsync((batch, count), cancellationToken);
            }
            finally
            {
                if (opened) await db.Database.CloseConnectionAsync();
            }
        }
        catch (Exception exception)
        {
            failed = exception;
            throw;
        }
        finally
        {
            full.TryComplete(failed);
        }
    }

    /// <summary>The statement and the enum columns' names as the model maps them, for this context's provider.</summary>
    internal sealed class Columns
    {
        private static readonly string[] Properties =
        [
            nameof(AuditEntry.Sequence), nameof(AuditEntry.AtUtc), nameof(AuditEntry.UserId), nameof(AuditEntry.UserName), nameof(AuditEntry.Role),
            nameof(AuditEntry.Action), nameof(AuditEntry.CaseId), nameof(AuditEntry.StateBefore), nameof(AuditEntry.StateAfter), nameof(AuditEntry.Details),
            nameof(AuditEntry.PreviousHash), nameof(AuditEntry.Hash), nameof(AuditEntry.KeyId),
        ];

        private readonly string _select;
        private readonly string _sequence;
        private readonly string _table;
        private readonly ValueConverter? _role;
        private readonly ValueConverter? _state;
        private readonly Dictionary<string, string> _roles = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _states = new(StringComparer.Ordinal);

        private Columns(AppDbContext db)
        {
            var entity = db.Model.FindEntityType(typeof(AuditEntry))!;
            var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            var sql = db.GetService<ISqlGenerationHelper>();
            string Column(string property) => sql.DelimitIdentifier(entity.FindProperty(property)!.GetColumnName(table)!);
            _sequence = Column(nameof(AuditEntry.Sequence));
            _table = sql.DelimitIdentifier(table.Name, table.Schema);
            _select = $"SELECT {string.Join(", ", Properties.Select(Column))} FROM {_table}";
            _role = entity.FindProperty(nameof(AuditEntry.Role))!.GetTypeMapping().Converter;
            _state = entity.FindProperty(nameof(AuditEntry.StateBefore))!.GetTypeMapping().Converter;
        }

        public static Columns For(AppDbContext db) => new(db);

        /// <summary>The newest entry's sequence (NULL for an empty chain).</summary>
        public string Head => $"SELECT MAX({_sequence}) FROM {_table}";

        /// <summary>The whole chain in order; from a checkpoint, its entry and everything after it.</summary>
        public string Select(long fromSequence) => fromSequence <= 1
            ? $"{_select} ORDER BY {_sequence}"
            : string.Create(CultureInfo.InvariantCulture, $"{_select} WHERE {_sequence} >= {fromSequence} ORDER BY {_sequence}");

        public string? Role(string? stored) => Name(stored, _role, _roles);

        public string? State(string? stored) => Name(stored, _state, _states);

        /// <summary>
        /// The enum's name as the entity would give it (<c>Role.ToString()</c>), through the model's own converter, so a row
        /// EF Core could not read fails here too; each stored value is converted once.
        /// </summary>
        private static string? Name(string? stored, ValueConverter? converter, Dictionary<string, string> names)
        {
            if (stored is null) return null;
            if (names.TryGetValue(stored, out var name)) return name;
            name = (converter is null ? stored : converter.ConvertFromProvider(stored)?.ToString()) ?? "";
            names[stored] = name;
            return name;
        }
    }
}
