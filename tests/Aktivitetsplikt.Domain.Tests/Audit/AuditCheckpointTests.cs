using System.Text;
using Aktivitetsplikt.Domain.Audit;
using Aktivitetsplikt.Domain.Cases;
using static Aktivitetsplikt.Domain.Tests.TestData;

namespace Aktivitetsplikt.Domain.Tests.Audit;

/// <summary>The fast content check gives the entity's verdict; a walk resumed from a keyed checkpoint; a checkpoint forged without the key.</summary>
public class AuditCheckpointTests
{
    private static readonly AuditKey Key = new("a-2026", Encoding.UTF8.GetBytes("the first secret, 32 bytes long!"));
    private static readonly AuditKey Other = new("a-2026", Encoding.UTF8.GetBytes("a guessed secret, also 32 bytes!"));
    private static readonly AuditKeyRing Ring = new(Key, []);

    private static List<AuditEntry> Chain(int length, AuditKey? key = null)
    {
        var entries = new List<AuditEntry>();
        var previous = AuditEntry.GenesisHash;
        for (var i = 1; i <= length; i++)
        {
            var entry = new AuditEntry(i, Monday.AddMinutes(i), i % 3 == 0 ? null : Principal.UserId, Principal.Name, i % 4 == 0 ? null : Role.Principal,
                "ViewCase", i % 2 == 0 ? null : Guid.NewGuid(), i % 5 == 0 ? null : CaseState.Investigating, CaseState.Measures, $"{{\"n\":{i}}}", previous, key ?? Key);
            entries.Add(entry);
            previous = entry.Hash;
        }
        return entries;
    }

    /// <summary>Rewritten by someone holding the key: the entry's own hash is recomputed (the next link then breaks).</summary>
    private static AuditEntry Rewritten(AuditEntry e, string details) =>
        new(e.Sequence, e.AtUtc, e.UserId, e.UserName, e.Role, e.Action, e.CaseId, e.StateBefore, e.StateAfter, details, e.PreviousHash, Key);

    /// <summary>Changed in the database (an UPDATE of the column): the stored hash stays.</summary>
    private static AuditEntry Tampered(AuditEntry e, string details)
    {
        typeof(AuditEntry).GetProperty(nameof(AuditEntry.Details))!.SetValue(e, details);
        return e;
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("Æøå – «sitat» 😀 \u202e bidi")]
    [InlineData("lone \ud800 surrogate and \udc00 another")]
    [InlineData("")]
    public void TheFastContentCheck_AgreesWithComputeHash_KeyedAndUnkeyed(string details)
    {
        using var hasher = new AuditContentHasher();
        var keyed = new AuditEntry(7, Monday, Principal.UserId, "Randi «Rektor»", Role.Principal, "AddComment", Guid.NewGuid(), null, CaseState.Measures, details, new string('a', 64), Key);
        var unkeyed = new AuditEntry(8, Monday, null, "(anonymous)", null, "SignIn", null, null, null, details, keyed.Hash);

        hasher.Matches(AuditRecord.Of(keyed), Key.Secret).Should().BeTrue();
        hasher.Matches(AuditRecord.Of(unkeyed), null).Should().BeTrue();
        hasher.Matches(AuditRecord.Of(keyed), Other.Secret).Should().BeFalse("another key makes another HMAC");
        hasher.Matches(AuditRecord.Of(keyed) with { Details = details + "x" }, Key.Secret).Should().BeFalse();
        hasher.Matches(AuditRecord.Of(keyed) with { Hash = keyed.Hash.ToUpperInvariant() }, Key.Secret).Should().Be(keyed.Hash == keyed.Hash.ToUpperInvariant(),
            "the stored hash is compared as ComputeHash's lowercase text, exactly");
    }

    [Fact]
    public void TheFastContentCheck_TakesADetailLargerThanItsBuffer()
    {
        using var hasher = new AuditContentHasher();
        var entry = new AuditEntry(1, Monday, null, "x", null, "Export", null, null, null, new string('ø', 100_000), AuditEntry.GenesisHash, Key);

        hasher.Matches(AuditRecord.Of(entry), Key.Secret).Should().BeTrue();
    }

    [Fact]
    public void AWalkFromACheckpoint_FindsAChangeAfterIt_AndNotOneBeforeIt()
    {
        var chain = Chain(10);
        var checkpoint = new AuditCheckpoint(6, chain[5].Hash, Monday.AddHours(1), Key);
        chain[2] = Tampered(chain[2], "changed before the checkpoint");
        chain[7] = Tampered(chain[7], "changed after the checkpoint");

        var fromCheckpoint = Walk(new ChainWalk(Ring, [], checkpoint), chain.Skip(5));
        var full = Walk(new ChainWalk(Ring, []), chain);

        fromCheckpoint.FirstBrokenSequence.Should().Be(8);
        fromCheckpoint.Kind.Should().Be(ChainProblem.ContentChanged);
        fromCheckpoint.FromCheckpoint.Should().Be(6);
        full.FirstBrokenSequence.Should().Be(3, "the full walk still finds what the checkpoint walk cannot");
        full.FromCheckpoint.Should().BeNull();
    }

    [Fact]
    public void AWalkFromACheckpoint_OfAnIntactTail_ReportsTheWholeChainsHead()
    {
        var chain = Chain(10);
        var checkpoint = new AuditCheckpoint(4, chain[3].Hash, Monday.AddHours(1), Key);

        var result = Walk(new ChainWalk(Ring, [], checkpoint), chain.Skip(3));

        result.IsIntact.Should().BeTrue(result.Problem);
        result.EntriesChecked.Should().Be(10);
        result.HeadHash.Should().Be(chain[^1].Hash);
        result.CheckpointVerifiedAtUtc.Should().Be(checkpoint.VerifiedAtUtc);
    }

    [Fact]
    public void AWalkFromACheckpoint_RefusesTheCheckpointsEntryRewrittenWithANewHash()
    {
        var chain = Chain(10);
        var checkpoint = new AuditCheckpoint(4, chain[3].Hash, Monday.AddHours(1), Key);
        chain[3] = Rewritten(chain[3], "rewritten with the key");

        var result = Walk(new ChainWalk(Ring, [], checkpoint), chain.Skip(3));

        result.FirstBrokenSequence.Should().Be(4);
        result.Kind.Should().Be(ChainProblem.AnchorMismatch);
    }

    [Fact]
    public void AWalkFromACheckpoint_ReportsAChainCutBackBeforeIt_AsTruncated()
    {
        var chain = Chain(5);
        var checkpoint = new AuditCheckpoint(8, new string('b', 64), Monday.AddHours(1), Key);

        var result = Walk(new ChainWalk(Ring, [], checkpoint), []);

        result.IsIntact.Should().BeFalse();
        result.Kind.Should().Be(ChainProblem.Truncated);
        chain.Should().HaveCount(5);
    }

    [Fact]
    public void ACheckpoint_IsValidUnderItsKey_AndNotWhenForgedOrChanged()
    {
        var chain = Chain(3);
        var real = new AuditCheckpoint(3, chain[2].Hash, Monday.AddHours(1).AddTicks(1234), Key);
        var forged = new AuditCheckpoint(3, chain[2].Hash, Monday.AddHours(1), Other);

        real.IsValid(Ring).Should().BeTrue();
        real.VerifiedAtUtc.Ticks.Should().Be(real.VerifiedAtUtc.Ticks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, "whole seconds survive every provider");
        forged.IsValid(Ring).Should().BeFalse("written without the ring's secret, under the same key id");
        new AuditCheckpoint(3, chain[2].Hash, Monday, new AuditKey("unknown", Key.Secret)).IsValid(Ring).Should().BeFalse("a key id the ring lacks");
        typeof(AuditCheckpoint).GetProperty(nameof(AuditCheckpoint.Sequence))!.SetValue(real, 2L);
        real.IsValid(Ring).Should().BeFalse("a checkpoint moved to another entry no longer matches its MAC");
    }

    private static ChainVerification Walk(ChainWalk walk, IEnumerable<AuditEntry> entries)
    {
        foreach (var entry in entries)
            if (walk.Check(entry) is { } broken) return broken;
        return walk.Finish();
    }
}
