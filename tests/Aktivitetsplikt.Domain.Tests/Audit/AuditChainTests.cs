using Aktivitetsplikt.Domain.Audit;
using Aktivitetsplikt.Domain.Cases;
using static Aktivitetsplikt.Domain.Tests.TestData;

namespace Aktivitetsplikt.Domain.Tests.Audit;

public class AuditChainTests
{
    private static readonly Guid CaseId = Guid.Parse("ca000000-0000-0000-0000-000000000001");

    private static AuditEntry Entry(long sequence, string previousHash, string details = "") =>
        new(sequence, Monday.AddMinutes(sequence), Principal.UserId, Principal.Name, Role.Principal,
            "CaseRead", CaseId, CaseState.Investigating, CaseState.Investigating,
            details.Length > 0 ? details : $"Read the case ({sequence}).", previousHash);

    private static List<AuditEntry> Chain(int length)
    {
        var entries = new List<AuditEntry>();
        var previous = AuditEntry.GenesisHash;
        for (var sequence = 1; sequence <= length; sequence++)
        {
            var entry = Entry(sequence, previous);
            entries.Add(entry);
            previous = entry.Hash;
        }
        return entries;
    }

    [Fact]
    public void IntactChain_Verifies()
    {
        var result = AuditChain.Verify(Chain(5));

        result.IsIntact.Should().BeTrue();
        result.EntriesChecked.Should().Be(5);
        result.FirstBrokenSequence.Should().BeNull();
        result.Problem.Should().BeNull();
    }

    [Fact]
    public void EmptyChain_Verifies()
    {
        AuditChain.Verify(Array.Empty<AuditEntry>()).IsIntact.Should().BeTrue();
    }

    [Fact]
    public void Hash_IsSha256Hex_AndDependsOnTheContent()
    {
        var one = Entry(1, AuditEntry.GenesisHash);
        var same = Entry(1, AuditEntry.GenesisHash);
        var other = Entry(1, AuditEntry.GenesisHash, details: "Exported the case.");

        one.Hash.Should().MatchRegex("^[0-9a-f]{64}$");
        one.Hash.Should().Be(same.Hash);
        one.Hash.Should().NotBe(other.Hash);
        one.ComputeHash().Should().Be(one.Hash);
    }

    [Fact]
    public void DetailsEditedInTheDatabase_ReportsThatEntryAsFirstBroken()
    {
        var chain = Chain(5);
        // Simulates an UPDATE on the table: the content changes, the stored hash does not.
        typeof(AuditEntry).GetProperty(nameof(AuditEntry.Details))!.SetValue(chain[2], "Nothing to see here.");

        var result = AuditChain.Verify(chain);

        result.IsIntact.Should().BeFalse();
        result.FirstBrokenSequence.Should().Be(3);
        result.EntriesChecked.Should().Be(2);
        result.Problem.Should().Contain("content of entry 3");
    }

    [Fact]
    public void EntryReplacedWithFreshHash_ReportsTheNextEntryAsFirstBroken()
    {
        var chain = Chain(5);
        chain[2] = Entry(3, chain[1].Hash, details: "A rewritten line with its own, correct hash.");

        var result = AuditChain.Verify(chain);

        result.IsIntact.Should().BeFalse();
        result.FirstBrokenSequence.Should().Be(4);
        result.Problem.Should().Contain("Entry 4 does not point to the hash of entry 3");
    }

    [Fact]
    public void RemovedEntry_ReportsTheGap()
    {
        var chain = Chain(5);
        chain.RemoveAt(2);

        var result = AuditChain.Verify(chain);

        result.IsIntact.Should().BeFalse();
        result.FirstBrokenSequence.Should().Be(3);
        result.Problem.Should().Be("Entry 3 is missing (found 4).");
    }

    [Fact]
    public void RemovedFirstEntry_ReportsTheGap()
    {
        var chain = Chain(3);
        chain.RemoveAt(0);

        AuditChain.Verify(chain).FirstBrokenSequence.Should().Be(1);
    }

    [Fact]
    public void WrongPreviousHash_IsReported()
    {
        var chain = Chain(5);
        chain[3] = Entry(4, chain[1].Hash);

        var result = AuditChain.Verify(chain);

        result.IsIntact.Should().BeFalse();
        result.FirstBrokenSequence.Should().Be(4);
        result.Problem.Should().Contain("Entry 4 does not point to the hash of entry 3");
    }

    [Fact]
    public void FirstEntryNotChainedToGenesis_IsReported()
    {
        var chain = Chain(3);
        chain[0] = Entry(1, new string('f', 64));

        AuditChain.Verify(chain).FirstBrokenSequence.Should().Be(1);
    }

    [Fact]
    public void Hash_IsTheSameWhateverTheCurrentCulture()
    {
        var culture = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.InvariantCulture;
            var invariant = Entry(12345, AuditEntry.GenesisHash).Hash;
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("nb-NO");
            Entry(12345, AuditEntry.GenesisHash).Hash.Should().Be(invariant);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = culture;
        }
    }

    [Fact]
    public void Verify_ReportsTheHeadHash_SoRemovingTheNewestEntriesShowsAgainstAFiledHead()
    {
        var chain = new List<AuditEntry>();
        var previous = AuditEntry.GenesisHash;
        for (var sequence = 1; sequence <= 5; sequence++)
        {
            var entry = new AuditEntry(sequence, new DateTime(2026, 11, 16, 8, 0, 0, DateTimeKind.Utc).AddMinutes(sequence), null, "x", null, "ViewCase", null, null, null, "{}", previous);
            chain.Add(entry);
            previous = entry.Hash;
        }

        var filed = AuditChain.Verify(chain);
        var afterRemovingTheNewest = AuditChain.Verify(chain.Take(4));

        filed.HeadHash.Should().Be(chain[^1].Hash);
        afterRemovingTheNewest.IsIntact.Should().BeTrue("the walk alone cannot see a missing tail");
        afterRemovingTheNewest.HeadHash.Should().NotBe(filed.HeadHash, "which is why the head is written into filed documents");
        afterRemovingTheNewest.EntriesChecked.Should().BeLessThan(filed.EntriesChecked);
    }
}
