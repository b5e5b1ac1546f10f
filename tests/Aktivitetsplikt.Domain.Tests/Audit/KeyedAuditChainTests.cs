using System.Text;
using Aktivitetsplikt.Domain.Audit;
using Aktivitetsplikt.Domain.Cases;
using static Aktivitetsplikt.Domain.Tests.TestData;

namespace Aktivitetsplikt.Domain.Tests.Audit;

/// <summary>The chain keyed with HMAC-SHA256: who can write a link that verifies, rotation, and heads anchored outside the database.</summary>
public class KeyedAuditChainTests
{
    private static readonly AuditKey KeyA = new("a-2026", Encoding.UTF8.GetBytes("the first secret, 32 bytes long!"));
    private static readonly AuditKey KeyB = new("b-2027", Encoding.UTF8.GetBytes("the second secret, rotated in...."));

    private static AuditEntry Entry(long sequence, string previousHash, AuditKey? key, string details = "{}") =>
        new(sequence, Monday.AddMinutes(sequence), Principal.UserId, Principal.Name, Role.Principal, "ViewCase", null,
            CaseState.Investigating, CaseState.Investigating, details, previousHash, key);

    /// <summary>A chain with the given key per entry (null: unkeyed, as written before keying).</summary>
    private static List<AuditEntry> Chain(params AuditKey?[] keys)
    {
        var entries = new List<AuditEntry>();
        var previous = AuditEntry.GenesisHash;
        for (var i = 0; i < keys.Length; i++)
        {
            var entry = Entry(i + 1, previous, keys[i]);
            entries.Add(entry);
            previous = entry.Hash;
        }
        return entries;
    }

    [Fact]
    public void KeyedChain_VerifiesWithItsKey_AndRecordsTheKeyId()
    {
        var chain = Chain(KeyA, KeyA, KeyA);

        AuditChain.Verify(chain, new AuditKeyRing(KeyA, [])).IsIntact.Should().BeTrue();
        chain.Should().OnlyContain(e => e.KeyId == "a-2026");
        chain[0].Hash.Should().NotBe(chain[0].ComputeHash(), "a keyed entry's hash is not the plain SHA-256 anyone can recompute");
    }

    [Fact]
    public void OldUnkeyedEntries_KeepVerifying_AfterTheChainIsKeyed()
    {
        var chain = Chain(null, null, KeyA, KeyA);

        var result = AuditChain.Verify(chain, new AuditKeyRing(KeyA, []));

        result.IsIntact.Should().BeTrue(result.Problem);
        result.EntriesChecked.Should().Be(4);
    }

    [Fact]
    public void AfterRotation_EntriesUnderTheOldKeyVerify_WhileTheOldKeyStaysInTheRing()
    {
        var chain = Chain(KeyA, KeyA, KeyB, KeyB);

        AuditChain.Verify(chain, new AuditKeyRing(KeyB, [KeyA])).IsIntact.Should().BeTrue();
        var withoutOldKey = AuditChain.Verify(chain, new AuditKeyRing(KeyB, []));
        withoutOldKey.Kind.Should().Be(ChainProblem.UnknownKey);
        withoutOldKey.FirstBrokenSequence.Should().Be(1);
    }

    [Fact]
    public void AnEntryRewrittenWithoutTheKey_IsCaughtAtThatEntry_EvenWithItsHashRecomputed()
    {
        var chain = Chain(KeyA, KeyA, KeyA, KeyA);
        // The forger keeps the key id but cannot make the HMAC: a guessed key gives another hash.
        var guessed = new AuditKey("a-2026", Encoding.UTF8.GetBytes("a guess at the secret, 32 bytes!"));
        chain[2] = Entry(3, chain[1].Hash, guessed, details: "{\"forged\":true}");

        var result = AuditChain.Verify(chain, new AuditKeyRing(KeyA, []));

        result.Kind.Should().Be(ChainProblem.ContentChanged);
        result.FirstBrokenSequence.Should().Be(3);
    }

    [Fact]
    public void AnUnkeyedEntryAfterTheChainWasKeyed_IsRefusedAsADowngrade()
    {
        var chain = Chain(KeyA, KeyA, KeyA);
        // Rewritten as an old-style entry, with a correct plain SHA-256 and a correct link: still refused.
        chain[2] = Entry(3, chain[1].Hash, null, details: "{\"forged\":true}");

        var result = AuditChain.Verify(chain, new AuditKeyRing(KeyA, []));

        result.Kind.Should().Be(ChainProblem.Unkeyed);
        result.FirstBrokenSequence.Should().Be(3);
    }

    [Fact]
    public void AChainRewrittenWithTheKey_DiffersFromTheHeadAnchoredOutsideTheDatabase()
    {
        var original = Chain(KeyA, KeyA, KeyA, KeyA);
        var anchor = new AuditAnchor(3, original[2].Hash, Monday);
        // Someone holding the key rewrites entry 2 and re-chains everything after it: every link verifies.
        var rewritten = original.Take(1).ToList();
        var previous = original[0].Hash;
        for (var sequence = 2; sequence <= 4; sequence++)
        {
            var entry = Entry(sequence, previous, KeyA, details: sequence == 2 ? "{\"forged\":true}" : "{}");
            rewritten.Add(entry);
            previous = entry.Hash;
        }

        AuditChain.Verify(rewritten, new AuditKeyRing(KeyA, [])).IsIntact.Should().BeTrue("without the anchor, a key holder's rewrite verifies");
        var result = AuditChain.Verify(rewritten, new AuditKeyRing(KeyA, []), [anchor]);
        result.Kind.Should().Be(ChainProblem.AnchorMismatch);
        result.FirstBrokenSequence.Should().Be(3);
    }

    [Fact]
    public void AChainShorterThanAnAnchoredHead_IsReportedAsTruncated()
    {
        var chain = Chain(KeyA, KeyA, KeyA, KeyA, KeyA);
        var anchor = new AuditAnchor(5, chain[4].Hash, Monday);

        var result = AuditChain.Verify(chain.Take(3), new AuditKeyRing(KeyA, []), [anchor]);

        result.IsIntact.Should().BeFalse();
        result.Kind.Should().Be(ChainProblem.Truncated);
        result.EntriesChecked.Should().Be(3);
        AuditChain.Verify(chain, new AuditKeyRing(KeyA, []), [anchor]).IsIntact.Should().BeTrue();
    }
}
