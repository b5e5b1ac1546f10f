using Aktivitetsplikt.Domain.Audit;
using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Domain.Organisation;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Pipeline;
using Aktivitetsplikt.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aktivitetsplikt.Web.Tests.Pipeline;

/// <summary>
/// The full walk reads SQLite's rows as bytes and hashes them on several tasks (<see cref="SqliteChainReader"/>); on PostgreSQL it
/// reads them into strings (<see cref="AuditChainReader.WalkRecordsAsync"/>). Whatever the path, the verdict must be the entity
/// walk's (<see cref="AuditChain.Verify"/>): over text that is not ASCII, NULL columns, very long text and several batches.
/// </summary>
public sealed class AuditChainReaderTests : SliceTest
{
    /// <summary>More than two of the walk's batches (1,024 rows), so the hashing tasks and the in-order linking meet.</summary>
    private const int Appended = 2_600;

    private static readonly string[] Texts =
    [
        "Eleven sa «jeg blir plaget» på skolen – Ærlig, Øyvind og Åse så det.",
        "Emoji 😀 og kombinerte tegn: e\u0301, ñ, ß, 中文, עברית",
        "",
        "plain ascii",
    ];

    private long _nonAscii;

    private async Task AppendVariedEntriesAsync()
    {
        await App.FlushReadsAsync();
        var key = App.Services.GetRequiredService<AuditChainSettings>().Keys.Current;
        var veryLong = string.Concat(Enumerable.Repeat("Lang tekst med æøå og 😀. ", 40_000));
        await App.WithDb(async db =>
        {
            var head = await db.AuditEntries.AsNoTracking().OrderByDescending(a => a.Sequence).FirstOrDefaultAsync();
            var previous = head?.Hash ?? AuditEntry.GenesisHash;
            for (var i = 1; i <= Appended; i++)
            {
                var sequence = (head?.Sequence ?? 0) + i;
                // On an empty chain the first entries are from before keying (plain SHA-256), as an upgraded store's are.
                var keyedWith = head is null && i <= 5 ? null : key;
                var nulls = i % 3 == 0;
                var entry = new AuditEntry(sequence, Clock.UtcDateTime.AddTicks(i * 1_234_567L), nulls ? null : Guid.NewGuid(),
                    i % 5 == 0 ? "Åsmund Ødegård-Æsøy" : "Kari Nordmann", nulls ? null : Role.Principal, i % 7 == 0 ? "Handling.Særskilt" : "RecordFinding",
                    nulls ? null : Guid.NewGuid(), nulls ? null : CaseState.Investigating, nulls ? null : CaseState.Measures,
                    i == 1_500 ? veryLong : i == 2_200 ? Texts[1] : Texts[i % Texts.Length], previous, keyedWith);
                if (i == 2_200) _nonAscii = sequence;
                db.AuditEntries.Add(entry);
                previous = entry.Hash;
            }
            return await db.SaveChangesAsync();
        });
        (await App.WithDb(db => db.AuditEntries.SingleAsync(a => a.Sequence == _nonAscii))).Details.Should().Be(Texts[1]);
    }

    /// <summary>The walk the app makes (bytes on SQLite), the provider-neutral one, and the entity walk.</summary>
    private async Task<(ChainVerification App, ChainVerification Records, ChainVerification Entities)> WalkThreeWaysAsync()
    {
        var walked = await App.VerifyChainAsync();
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var keys = scope.ServiceProvider.GetRequiredService<AuditChainSettings>().Keys;
        var anchors = await scope.ServiceProvider.GetRequiredService<AuditAnchorFile>().ReadAllAsync(CancellationToken.None);
        var records = await AuditChainReader.WalkRecordsAsync(db, new ChainWalk(keys, anchors), 1, CancellationToken.None);
        var entities = AuditChain.Verify(await db.AuditEntries.AsNoTracking().OrderBy(a => a.Sequence).ToListAsync(), keys, anchors);
        return (walked, records, entities);
    }

    [Fact]
    public async Task TheWalk_OverNonAsciiNullAndVeryLongEntriesInSeveralBatches_IsIntact_AsTheEntityWalkSays()
    {
        await AppendVariedEntriesAsync();

        var (walked, records, entities) = await WalkThreeWaysAsync();

        entities.IsIntact.Should().BeTrue(entities.Problem);
        walked.Should().Be(entities);
        records.Should().Be(entities);
        walked.EntriesChecked.Should().BeGreaterThanOrEqualTo(Appended);
    }

    [Fact]
    public async Task OneCharacterOfNonAsciiTextChanged_InALaterBatch_IsFoundAtThatEntry()
    {
        await AppendVariedEntriesAsync();
        var changed = Texts[1].Replace("中", "仲", StringComparison.Ordinal);
        await App.WithDb(db => db.Database.ExecuteSqlRawAsync("UPDATE \"AuditLog\" SET \"Details\" = {0} WHERE \"Sequence\" = {1}", changed, _nonAscii));

        var (walked, records, entities) = await WalkThreeWaysAsync();

        walked.Kind.Should().Be(ChainProblem.ContentChanged);
        walked.FirstBrokenSequence.Should().Be(_nonAscii);
        walked.Should().Be(entities);
        records.Should().Be(entities);
    }

    [Fact]
    public async Task AnEntryRemoved_InALaterBatch_IsFoundAsMissing()
    {
        await AppendVariedEntriesAsync();
        await App.WithDb(db => db.Database.ExecuteSqlRawAsync("DELETE FROM \"AuditLog\" WHERE \"Sequence\" = {0}", _nonAscii));

        var (walked, records, entities) = await WalkThreeWaysAsync();

        walked.Kind.Should().Be(ChainProblem.MissingEntry);
        walked.FirstBrokenSequence.Should().Be(_nonAscii);
        walked.Should().Be(entities);
        records.Should().Be(entities);
    }

    [Fact]
    public async Task MoreThanTwoBatchesOfEntriesRemoved_IsFoundAsMissingAtTheFirstOfThem()
    {
        // 2,201 removed entries: more than two of the walk's batches of 1,024 rows hold none of them, and the gap is found at
        // its first entry, not at a batch's edge.
        await AppendVariedEntriesAsync();
        var from = _nonAscii - 2_000;
        await App.WithDb(db => db.Database.ExecuteSqlRawAsync(
            "DELETE FROM \"AuditLog\" WHERE \"Sequence\" BETWEEN {0} AND {1}", from, from + 2_200));

        var (walked, records, entities) = await WalkThreeWaysAsync();

        walked.Kind.Should().Be(ChainProblem.MissingEntry);
        walked.FirstBrokenSequence.Should().Be(from);
        walked.Should().Be(entities);
        records.Should().Be(entities);
    }

    [Fact]
    public async Task TwoEntriesSwapped_AreFoundAtTheFirstOfThem()
    {
        await AppendVariedEntriesAsync();
        var other = _nonAscii + 5;
        await App.WithDb(async db =>
        {
            await db.Database.ExecuteSqlRawAsync("UPDATE \"AuditLog\" SET \"Sequence\" = -1 WHERE \"Sequence\" = {0}", _nonAscii);
            await db.Database.ExecuteSqlRawAsync("UPDATE \"AuditLog\" SET \"Sequence\" = {0} WHERE \"Sequence\" = {1}", _nonAscii, other);
            return await db.Database.ExecuteSqlRawAsync("UPDATE \"AuditLog\" SET \"Sequence\" = {0} WHERE \"Sequence\" = -1", other);
        });

        var (walked, records, entities) = await WalkThreeWaysAsync();

        walked.IsIntact.Should().BeFalse();
        walked.FirstBrokenSequence.Should().Be(_nonAscii);
        walked.Should().Be(entities);
        records.Should().Be(entities);
    }

    [Fact]
    public async Task TheVeryLongEntryChanged_IsFoundAtThatEntry()
    {
        await AppendVariedEntriesAsync();
        var sequence = _nonAscii - 700;
        await App.WithDb(db => db.Database.ExecuteSqlRawAsync(
            "UPDATE \"AuditLog\" SET \"Details\" = \"Details\" || '.' WHERE \"Sequence\" = {0}", sequence));

        var (walked, records, entities) = await WalkThreeWaysAsync();

        walked.Kind.Should().Be(ChainProblem.ContentChanged);
        walked.FirstBrokenSequence.Should().Be(sequence);
        walked.Should().Be(entities);
        records.Should().Be(entities);
    }

    /// <summary>
    /// The walk from a remembered head or a checkpoint a few hundred entries back (the audit page's): on SQLite the app's walk and the
    /// provider-neutral one both read it inline, in one batch the gap's size, and on PostgreSQL the provider-neutral one does.
    /// </summary>
    private async Task<(ChainVerification App, ChainVerification Records, ChainVerification Full)> WalkFromAsync(long fromSequence, int? inlineRows = null)
    {
        var full = await App.VerifyChainAsync();
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var keys = scope.ServiceProvider.GetRequiredService<AuditChainSettings>().Keys;
        var anchors = await scope.ServiceProvider.GetRequiredService<AuditAnchorFile>().ReadAllAsync(CancellationToken.None);
        var hash = await db.AuditEntries.AsNoTracking().Where(a => a.Sequence == fromSequence).Select(a => a.Hash).SingleAsync();
        var from = new AuditCheckpoint(fromSequence, hash, Clock.UtcDateTime, keys.Current);
        var walked = inlineRows is { } rows
            ? await SqliteChainReader.WalkAsync(db, new ChainWalk(keys, anchors, from), fromSequence, CancellationToken.None, rows)
            : await AuditChainReader.WalkAsync(db, new ChainWalk(keys, anchors, from), fromSequence, CancellationToken.None);
        var records = await AuditChainReader.WalkRecordsAsync(db, new ChainWalk(keys, anchors, from), fromSequence, CancellationToken.None);
        return (walked!, records, full);
    }

    [Fact]
    public async Task AWalkFromAFewHundredEntriesBack_WalkedInline_IsIntact_ToTheSameHeadAsTheFullWalk()
    {
        await AppendVariedEntriesAsync();

        var (walked, records, full) = await WalkFromAsync(_nonAscii - 300);

        full.IsIntact.Should().BeTrue(full.Problem);
        walked.IsIntact.Should().BeTrue(walked.Problem);
        walked.EntriesChecked.Should().Be(full.EntriesChecked);
        walked.HeadHash.Should().Be(full.HeadHash);
        walked.FromCheckpoint.Should().Be(_nonAscii - 300);
        records.Should().Be(walked);
    }

    [Fact]
    public async Task AWalkFromAFewHundredEntriesBack_WalkedInline_FindsOneCharacterChanged_AtThatEntry_AsTheFullWalkDoes()
    {
        await AppendVariedEntriesAsync();
        var changed = Texts[1].Replace("中", "仲", StringComparison.Ordinal);
        await App.WithDb(db => db.Database.ExecuteSqlRawAsync("UPDATE \"AuditLog\" SET \"Details\" = {0} WHERE \"Sequence\" = {1}", changed, _nonAscii));

        var (walked, records, full) = await WalkFromAsync(_nonAscii - 300);

        full.Kind.Should().Be(ChainProblem.ContentChanged);
        walked.Kind.Should().Be(ChainProblem.ContentChanged);
        walked.FirstBrokenSequence.Should().Be(_nonAscii);
        walked.EntriesChecked.Should().Be(full.EntriesChecked);
        records.Should().Be(walked);
    }

    [Fact]
    public async Task AWalkFromAFewHundredEntriesBack_WalkedInline_FindsAnEntryRemoved_AsMissing()
    {
        await AppendVariedEntriesAsync();
        await App.WithDb(db => db.Database.ExecuteSqlRawAsync("DELETE FROM \"AuditLog\" WHERE \"Sequence\" = {0}", _nonAscii));

        var (walked, records, full) = await WalkFromAsync(_nonAscii - 300);

        walked.Kind.Should().Be(ChainProblem.MissingEntry);
        walked.FirstBrokenSequence.Should().Be(_nonAscii);
        walked.FirstBrokenSequence.Should().Be(full.FirstBrokenSequence);
        records.Should().Be(walked);
    }

    [Fact]
    public async Task AnInlineWalkInBatchesSmallerThanTheGap_OverTheVeryLongEntry_GivesTheSameVerdicts_IntactAndChanged()
    {
        // On SQLite: rows appended while an inline walk reads (more than its batch holds) are walked a batch at a time; seven rows a
        // batch over 1,200 entries, through the 1 MB entry (the batch's bytes grow) and NULL columns.
        if (TestDatabase.OnPostgreSql) return;
        await AppendVariedEntriesAsync();
        var from = _nonAscii - 800;

        var (intact, records, full) = await WalkFromAsync(from, inlineRows: 7);
        intact.IsIntact.Should().BeTrue(intact.Problem);
        intact.EntriesChecked.Should().Be(full.EntriesChecked);
        intact.HeadHash.Should().Be(full.HeadHash);
        records.Should().Be(intact);

        await App.WithDb(db => db.Database.ExecuteSqlRawAsync(
            "UPDATE \"AuditLog\" SET \"Details\" = \"Details\" || '.' WHERE \"Sequence\" = {0}", _nonAscii - 700));
        var (changed, changedRecords, _) = await WalkFromAsync(from, inlineRows: 7);
        changed.Kind.Should().Be(ChainProblem.ContentChanged);
        changed.FirstBrokenSequence.Should().Be(_nonAscii - 700);
        changedRecords.Should().Be(changed);
    }
}
