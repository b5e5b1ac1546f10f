using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Channels;
using Aktivitetsplikt.Domain.Audit;
using Aktivitetsplikt.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SQLitePCL;

namespace Aktivitetsplikt.Web.Pipeline;

/// <summary>
/// The full walk on SQLite without a .NET string per column (ADR 025, amendment "walk"): one task steps the statement through
/// SQLite's own handle and copies each row's columns as the UTF-8 bytes the database holds into a reused batch; several tasks
/// turn batches into the content <see cref="AuditEntry.ComputeHash(byte[])"/> hashes (time and ids formatted as it formats
/// them, the enum columns through the model's converters) and check each row's HMAC; the caller links the rows in order
/// through the same <see cref="ChainWalk"/>. Batches circulate in a fixed set, so memory does not grow with the chain.
/// </summary>
internal static class SqliteChainReader
{
    private const int RowsPerBatch = 1024;
    /// <summary>Room in an inline walk's batch for entries appended between reading the head and reading the rows; more are walked all the same, a batch at a time.</summary>
    private const int InlineSlack = 32;
    private const int Slots = 11;
    private const int NullSlot = -1;
    // Slots in a row's bytes, in the order of the SELECT's columns 1..11 (Sequence and KeyId are kept apart).
    private const int AtUtc = 0, UserId = 1, UserName = 2, Role = 3, Action = 4, CaseId = 5, StateBefore = 6, StateAfter = 7, Details = 8,
        PreviousHash = 9, Hash = 10;

    /// <summary>The walk, or null when <paramref name="db"/> is not a SQLite database with UTF-8 text (then the provider-neutral reader walks).</summary>
    /// <param name="inlineRows">Walk inline in batches of this many rows whatever the gap (tests: several inline batches over any rows);
    /// by default a walk from a later entry than the first is inline when its gap is at most one batch, in one batch its size.</param>
    public static async Task<ChainVerification?> WalkAsync(AppDbContext db, ChainWalk walk, long fromSequence, CancellationToken cancellationToken,
        int? inlineRows = null)
    {
        if (!db.Database.IsSqlite()) return null;
        var opened = db.Database.GetDbConnection().State != System.Data.ConnectionState.Open;
        if (opened) await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var connection = (SqliteConnection)db.Database.GetDbConnection();
            if (!IsUtf8(connection.Handle!)) return null;
            var columns = AuditChainReader.Columns.For(db);
            // The audit page's walk from a recent head is a handful of rows: read and hashed here, in one batch its size, without
            // the tasks and channels that let a long walk read and hash at once (the same rows, the same checks, the same verdict).
            if (inlineRows is { } rows) return new RowReader(columns, walk, connection, fromSequence).ReadInline(walk, rows);
            var gap = fromSequence > 1 ? Head(connection.Handle!, columns) - fromSequence + 1 : long.MaxValue;
            if (gap <= RowsPerBatch)
                return new RowReader(columns, walk, connection, fromSequence).ReadInline(walk, (int)Math.Max(1, gap + InlineSlack));
            var hashers = Math.Max(2, Environment.ProcessorCount);
            var batches = 2 * hashers + 2;
            // Batches are made as the walk needs them, up to that many: the audit page's walk from a recent head needs one.
            var free = Channel.CreateBounded<Batch>(batches);
            var toHash = Channel.CreateUnbounded<Batch>(new UnboundedChannelOptions { SingleWriter = true });
            var inOrder = Channel.CreateUnbounded<Batch>(new UnboundedChannelOptions { SingleWriter = true, SingleReader = true });
            var reader = new RowReader(columns, walk, connection, fromSequence);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var tasks = new List<Task> { Task.Run(() => reader.Read(free.Reader, batches, toHash.Writer, inOrder.Writer, stop.Token), stop.Token) };
            for (var i = 0; i < hashers; i++) tasks.Add(Task.Run(() => HashAsync(toHash.Reader, stop.Token), stop.Token));
            try
            {
                await foreach (var batch in inOrder.Reader.ReadAllAsync(stop.Token))
                {
                    await batch.Hashed.Task.WaitAsync(stop.Token);
                    for (var row = 0; row < batch.Count; row++)
                        if (walk.Check(batch.Sequences[row], batch.Slot(row, PreviousHash), batch.Slot(row, Hash), batch.KeyIds[row], batch.Matches[row]) is { } broken)
                            return broken;
                    batch.Clear();
                    free.Writer.TryWrite(batch);
                }
                return walk.Finish();
            }
            finally
            {
                await stop.CancelAsync();
                foreach (var task in tasks)
                {
                    try { await task; }
                    catch (OperationCanceledException) when (stop.IsCancellationRequested) { }
                    catch (ChannelClosedException) { }
                }
            }
        }
        finally
        {
            if (opened) await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>The newest entry's sequence (0 for an empty chain): how long the walk from a given entry is, as the chain stands now.</summary>
    private static long Head(sqlite3 handle, AuditChainReader.Columns columns)
    {
        var rc = raw.sqlite3_prepare_v2(handle, columns.Head, out var statement);
        SqliteException.ThrowExceptionForRC(rc, handle);
        using (statement)
            return raw.sqlite3_step(statement) == raw.SQLITE_ROW ? raw.sqlite3_column_int64(statement, 0) : 0;
    }

    private static bool IsUtf8(sqlite3 handle)
    {
        var rc = raw.sqlite3_prepare_v2(handle, "PRAGMA encoding", out var statement);
        SqliteException.ThrowExceptionForRC(rc, handle);
        using (statement)
            return raw.sqlite3_step(statement) == raw.SQLITE_ROW && raw.sqlite3_column_text(statement, 0).utf8_to_string() == "UTF-8";
    }

    private static async Task HashAsync(ChannelReader<Batch> batches, CancellationToken cancellationToken)
    {
        using var content = new ContentHasher();
        await foreach (var batch in batches.ReadAllAsync(cancellationToken))
        {
            try
            {
                for (var row = 0; row < batch.Count; row++) batch.Matches[row] = content.Matches(batch, row);
                batch.Hashed.TrySetResult();
            }
            catch (Exception exception)
            {
                batch.Hashed.TrySetException(exception);
            }
        }
    }

    /// <summary>Up to <see cref="RowsPerBatch"/> rows: their sequences, key ids and secrets, and their columns' bytes in one reused array.</summary>
    private sealed class Batch(int capacity = RowsPerBatch)
    {
        public readonly int Capacity = capacity;
        public readonly long[] Sequences = new long[capacity];
        public readonly string?[] KeyIds = new string?[capacity];
        public readonly byte[]?[] Secrets = new byte[]?[capacity];
        public readonly bool[] Matches = new bool[capacity];
        public readonly int[] Starts = new int[capacity * Slots];
        public readonly int[] Lengths = new int[capacity * Slots];
        // Grows (doubling) to what the rows need and is then reused; starts below the large-object heap's threshold, and at
        // about what a typical row needs (a few hundred bytes) for a small batch.
        public byte[] Bytes = new byte[Math.Min(64 * 1024, capacity * 512)];
        public int Used;
        public int Count;
        public TaskCompletionSource Hashed = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool IsNull(int row, int slot) => Lengths[row * Slots + slot] == NullSlot;

        public ReadOnlySpan<byte> Slot(int row, int slot)
        {
            var length = Lengths[row * Slots + slot];
            return length <= 0 ? [] : Bytes.AsSpan(Starts[row * Slots + slot], length);
        }

        public void Put(int row, int slot, ReadOnlySpan<byte> value)
        {
            if (Used + value.Length > Bytes.Length) Array.Resize(ref Bytes, Math.Max(2 * Bytes.Length, Used + value.Length));
            value.CopyTo(Bytes.AsSpan(Used));
            Starts[row * Slots + slot] = Used;
            Lengths[row * Slots + slot] = value.Length;
            Used += value.Length;
        }

        public void PutNull(int row, int slot) => Lengths[row * Slots + slot] = NullSlot;

        public void Clear()
        {
            Array.Clear(KeyIds, 0, Count);
            Array.Clear(Secrets, 0, Count);
            Used = 0;
            Count = 0;
            Hashed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    /// <summary>Steps the statement on SQLite's handle; one per walk, on one task.</summary>
    private sealed class RowReader(AuditChainReader.Columns columns, ChainWalk walk, SqliteConnection connection, long fromSequence)
    {
        private readonly List<(byte[] Stored, byte[] Name)> _roles = [];
        private readonly List<(byte[] Stored, byte[] Name)> _states = [];
        private readonly List<(byte[] Stored, string KeyId)> _keyIds = [];

        public async Task Read(ChannelReader<Batch> free, int mostBatches, ChannelWriter<Batch> toHash, ChannelWriter<Batch> inOrder,
            CancellationToken cancellationToken)
        {
            Exception? failed = null;
            var made = 0;
            ValueTask<Batch> NextBatch()
            {
                if (free.TryRead(out var reused)) return ValueTask.FromResult(reused);
                if (made == mostBatches) return free.ReadAsync(cancellationToken);
                made++;
                return ValueTask.FromResult(new Batch());
            }
            try
            {
                var handle = connection.Handle!;
                using var statement = Prepare(handle, columns.Select(fromSequence));
                var batch = await NextBatch();
                while (Step(handle, statement))
                {
                    Row(statement, batch, batch.Count++);
                    if (batch.Count < RowsPerBatch) continue;
                    Send(batch, toHash, inOrder);
                    batch = await NextBatch();
                }
                if (batch.Count > 0) Send(batch, toHash, inOrder);
            }
            catch (Exception exception)
            {
                failed = exception;
                throw;
            }
            finally
            {
                toHash.TryComplete(failed);
                inOrder.TryComplete(failed);
            }
        }

        /// <summary>
        /// The whole walk on the caller's thread: rows into one batch of <paramref name="capacity"/>, and each full batch (and the last)
        /// hashed and linked before the next is read — what the tasks do for a long walk, one step after the other.
        /// </summary>
        public ChainVerification ReadInline(ChainWalk walk, int capacity)
        {
            var handle = connection.Handle!;
            var batch = new Batch(capacity);
            using var content = new ContentHasher();
            using var statement = Prepare(handle, columns.Select(fromSequence));
            while (true)
            {
                var more = Step(handle, statement);
                if (more)
                {
                    Row(statement, batch, batch.Count++);
                    if (batch.Count < batch.Capacity) continue;
                }
                for (var row = 0; row < batch.Count; row++)
                    if (walk.Check(batch.Sequences[row], batch.Slot(row, PreviousHash), batch.Slot(row, Hash), batch.KeyIds[row], content.Matches(batch, row)) is { } broken)
                        return broken;
                batch.Clear();
                if (!more) return walk.Finish();
            }
        }

        private static void Send(Batch batch, ChannelWriter<Batch> toHash, ChannelWriter<Batch> inOrder)
        {
            toHash.TryWrite(batch);
            inOrder.TryWrite(batch);
        }

        private static sqlite3_stmt Prepare(sqlite3 handle, string sql)
        {
            var rc = raw.sqlite3_prepare_v2(handle, sql, out var statement);
            SqliteException.ThrowExceptionForRC(rc, handle);
            return statement;
        }

        private static bool Step(sqlite3 handle, sqlite3_stmt statement)
        {
            var rc = raw.sqlite3_step(statement);
            if (rc == raw.SQLITE_ROW) return true;
            if (rc == raw.SQLITE_DONE) return false;
            SqliteException.ThrowExceptionForRC(rc, handle);
            return false;
        }

        private void Row(sqlite3_stmt statement, Batch batch, int row)
        {
            batch.Sequences[row] = raw.sqlite3_column_int64(statement, 0);
            if (raw.sqlite3_column_type(statement, 1) != raw.SQLITE_TEXT)
                throw new NotSupportedException($"Audit entry {batch.Sequences[row]}'s time is not stored as text, as EF Core stores it on SQLite.");
            batch.Put(row, AtUtc, raw.sqlite3_column_blob(statement, 1));
            GuidColumn(statement, 2, batch, row, UserId);
            batch.Put(row, UserName, Required(statement, 3, batch.Sequences[row]));
            Named(statement, 4, batch, row, Role, _roles, columns.Role);
            batch.Put(row, Action, Required(statement, 5, batch.Sequences[row]));
            GuidColumn(statement, 6, batch, row, CaseId);
            Named(statement, 7, batch, row, StateBefore, _states, columns.State);
            Named(statement, 8, batch, row, StateAfter, _states, columns.State);
            batch.Put(row, Details, Required(statement, 9, batch.Sequences[row]));
            batch.Put(row, PreviousHash, Required(statement, 10, batch.Sequences[row]));
            batch.Put(row, Hash, Required(statement, 11, batch.Sequences[row]));
            if (raw.sqlite3_column_type(statement, 12) == raw.SQLITE_NULL) return;
            var keyId = KeyId(raw.sqlite3_column_blob(statement, 12));
            batch.KeyIds[row] = keyId;
            batch.Secrets[row] = walk.SecretFor(keyId);
        }

        /// <summary>A NOT NULL text column; NULL fails the walk as reading it into a string would.</summary>
        private static ReadOnlySpan<byte> Required(sqlite3_stmt statement, int column, long sequence) =>
            raw.sqlite3_column_type(statement, column) == raw.SQLITE_NULL
                ? throw new InvalidOperationException($"Audit entry {sequence} has NULL in column {column}, which the model does not allow.")
                : raw.sqlite3_column_blob(statement, column);

        /// <summary>A Guid column as text, as Microsoft.Data.Sqlite reads it: stored text, or a 16-byte blob turned into text.</summary>
        private static void GuidColumn(sqlite3_stmt statement, int column, Batch batch, int row, int slot)
        {
            switch (raw.sqlite3_column_type(statement, column))
            {
                case raw.SQLITE_NULL:
                    batch.PutNull(row, slot);
                    break;
                case raw.SQLITE_BLOB when raw.sqlite3_column_bytes(statement, column) == 16:
                    Span<byte> text = stackalloc byte[36];
                    new Guid(raw.sqlite3_column_blob(statement, column)).TryFormat(text, out var written, "D");
                    batch.Put(row, slot, text[..written]);
                    break;
                default:
                    batch.Put(row, slot, raw.sqlite3_column_blob(statement, column));
                    break;
            }
        }

        /// <summary>An enum column, written as the enum's name through the model's converter (each stored value converted once).</summary>
        private static void Named(sqlite3_stmt statement, int column, Batch batch, int row, int slot, List<(byte[] Stored, byte[] Name)> names,
            Func<string?, string?> convert)
        {
            if (raw.sqlite3_column_type(statement, column) == raw.SQLITE_NULL)
            {
                batch.PutNull(row, slot);
                return;
            }
            var stored = raw.sqlite3_column_blob(statement, column);
            foreach (var (known, name) in names)
            {
                if (!known.AsSpan().SequenceEqual(stored)) continue;
                batch.Put(row, slot, name);
                return;
            }
            var converted = Encoding.UTF8.GetBytes(convert(Encoding.UTF8.GetString(stored)) ?? "");
            names.Add((stored.ToArray(), converted));
            batch.Put(row, slot, converted);
        }

        private string KeyId(ReadOnlySpan<byte> stored)
        {
            foreach (var (known, keyId) in _keyIds)
                if (known.AsSpan().SequenceEqual(stored)) return keyId;
            var added = Encoding.UTF8.GetString(stored);
            _keyIds.Add((stored.ToArray(), added));
            return added;
        }
    }

    /// <summary>
    /// Writes a row's content exactly as <see cref="AuditEntry.ComputeHash(byte[])"/> joins it (U+001F between the fields, the key id
    /// last when keyed) into one reused buffer and checks its SHA-256 or HMAC (one <see cref="IncrementalHash"/> per key) against the
    /// stored lowercase hex. One per hashing task.
    /// </summary>
    private sealed class ContentHasher : IDisposable
    {
        private const byte Separator = 0x1f;
        private static ReadOnlySpan<byte> HexDigits => "0123456789abcdef"u8;
        private byte[] _buffer = new byte[16 * 1024];
        private readonly IncrementalHash _sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        private readonly Dictionary<byte[], IncrementalHash> _hmacs = new(ReferenceEqualityComparer.Instance);

        public bool Matches(Batch batch, int row)
        {
            var secret = batch.Secrets[row];
            var keyId = batch.KeyIds[row];
            if (keyId is not null && secret is null) return false;
            var length = Write(batch, row, keyId);
            var algorithm = secret is null ? _sha256 : Hmac(secret);
            algorithm.AppendData(_buffer, 0, length);
            Span<byte> hash = stackalloc byte[32];
            algorithm.GetHashAndReset(hash);
            var stored = batch.Slot(row, Hash);
            if (stored.Length != 64) return false;
            for (var i = 0; i < 32; i++)
                if (stored[2 * i] != HexDigits[hash[i] >> 4] || stored[2 * i + 1] != HexDigits[hash[i] & 0xf]) return false;
            return true;
        }

        private IncrementalHash Hmac(byte[] secret)
        {
            if (!_hmacs.TryGetValue(secret, out var hmac))
                _hmacs[secret] = hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, secret);
            return hmac;
        }

        private int Write(Batch batch, int row, string? keyId)
        {
            var most = 3 * 20 + 2 * 32 + 12 + Encoding.UTF8.GetMaxByteCount(keyId?.Length ?? 0);
            for (var slot = 0; slot < Slots; slot++) most += Math.Max(0, batch.Slot(row, slot).Length);
            if (most > _buffer.Length) _buffer = new byte[Math.Max(most, 2 * _buffer.Length)];
            var span = _buffer.AsSpan();
            var at = 0;
            batch.Sequences[row].TryFormat(span, out var n, default, CultureInfo.InvariantCulture);
            at += n;
            span[at++] = Separator;
            Ticks(batch.Slot(row, AtUtc)).TryFormat(span[at..], out n, default, CultureInfo.InvariantCulture);
            at += n;
            span[at++] = Separator;
            at += Guid(batch, row, UserId, span[at..]);
            foreach (var slot in (ReadOnlySpan<int>)[UserName, Role, Action])
            {
                span[at++] = Separator;
                at += Copy(batch.Slot(row, slot), span[at..]);
            }
            span[at++] = Separator;
            at += Guid(batch, row, CaseId, span[at..]);
            foreach (var slot in (ReadOnlySpan<int>)[StateBefore, StateAfter, Details, PreviousHash])
            {
                span[at++] = Separator;
                at += Copy(batch.Slot(row, slot), span[at..]);
            }
            if (keyId is not null)
            {
                span[at++] = Separator;
                at += Encoding.UTF8.GetBytes(keyId, span[at..]);
            }
            return at;
        }

        private static int Copy(ReadOnlySpan<byte> value, Span<byte> into)
        {
            value.CopyTo(into);
            return value.Length;
        }

        /// <summary>
        /// The time's ticks as Microsoft.Data.Sqlite 10 reads stored text: parsed in the invariant culture, as written when the text
        /// has no offset (EF Core writes none), converted to UTC when it has one.
        /// </summary>
        private static long Ticks(ReadOnlySpan<byte> text)
        {
            Span<char> chars = stackalloc char[64];
            return text.Length <= 64
                ? DateTime.Parse(chars[..Encoding.UTF8.GetChars(text, chars)], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal).Ticks
                : DateTime.Parse(Encoding.UTF8.GetString(text), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal).Ticks;
        }

        /// <summary>The id as <c>ToString("N")</c>, parsed from the stored text as Microsoft.Data.Sqlite parses it; nothing for NULL.</summary>
        private static int Guid(Batch batch, int row, int slot, Span<byte> into)
        {
            if (batch.IsNull(row, slot)) return 0;
            var text = batch.Slot(row, slot);
            Span<char> chars = stackalloc char[68];
            var id = text.Length <= 68 ? System.Guid.Parse(chars[..Encoding.UTF8.GetChars(text, chars)]) : System.Guid.Parse(Encoding.UTF8.GetString(text));
            id.TryFormat(into, out var written, "N");
            return written;
        }

        public void Dispose()
        {
            _sha256.Dispose();
            foreach (var hmac in _hmacs.Values) hmac.Dispose();
        }
    }
}
