using AngleSharp.Dom;
using Aktivitetsplikt.Domain.Audit;
using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Features.Cases;

namespace Aktivitetsplikt.Web.Tests.Features.Oversight;

public class AuditLogViewTests
{
    private static readonly Guid CaseId = Guid.Parse("ca000000-0000-0000-0000-000000000009");
    private static readonly Guid PrincipalId = Guid.Parse("00000000-0000-0000-0000-0000000000a1");
    // 20 November 2026 13:05 UTC is 14:05 in Oslo (CET).
    private static readonly DateTime Start = new(2026, 11, 20, 13, 5, 0, DateTimeKind.Utc);

    private static readonly (string Action, CaseState? Before, CaseState? After)[] Steps =
    {
        ("LogConcern", null, CaseState.PrincipalNotified),
        ("ViewCase", null, null),
        ("StartInvestigation", CaseState.PrincipalNotified, CaseState.Investigating),
        ("AddComment", CaseState.Investigating, CaseState.Investigating),
        ("SomethingNew", null, null),
    };

    /// <summary>A real chain of entries made by the domain, so the verification is the domain's own.</summary>
    private static List<AuditEntry> Chain()
    {
        var entries = new List<AuditEntry>();
        var previous = AuditEntry.GenesisHash;
        for (var i = 0; i < Steps.Length; i++)
        {
            var (action, before, after) = Steps[i];
            var entry = new AuditEntry(i + 1, Start.AddMinutes(i), PrincipalId, "Randi Rektor", Role.Principal, action, CaseId, before, after, "{}", previous);
            entries.Add(entry);
            previous = entry.Hash;
        }
        return entries;
    }

    private static GetAuditTrail.Result Trail(List<AuditEntry> entries) =>
        new(entries.Select(a => new GetAuditTrail.Item(a.Sequence, a.AtUtc, a.UserName, a.Role, a.Action, a.StateBefore, a.StateAfter, a.Hash)).ToList(),
            AuditChain.Verify(entries), "2026-0042");

    private static Task<IDocument> RenderAsync(GetAuditTrail.Result trail, string culture = "nb-NO") =>
        Render.ComponentAsync<AuditLogView>(new Dictionary<string, object?> { ["CaseId"] = CaseId, ["Trail"] = trail }, culture);

    [Fact]
    public async Task IntactChain_IsAnnouncedWithTheNumberOfEntriesChecked()
    {
        var page = await RenderAsync(Trail(Chain()));

        var verification = page.QuerySelector("[data-testid=chain-verification]")!;
        verification.QuerySelector("[data-testid=chain-verdict]")!.Text().Should().Be("✓ Loggkjeden er intakt (5 oppføringer kontrollert)");
        verification.QuerySelector("[data-testid=chain-head]")!.Text().Should().Contain("Siste oppføring: nr. 5, kontrollsum ")
            .And.MatchRegex("[0-9a-f]{64}", "the head's hash is shown so it can be noted or filed");
        verification.GetAttribute("role").Should().Be("status");
        page.QuerySelector("[data-testid=broken-here]").Should().BeNull();
        page.QuerySelector("h1")!.Text().Should().Be("Logg for sak 2026-0042");
        page.QuerySelector($"a[href='/saker/{CaseId}']").Should().NotBeNull();
    }

    [Fact]
    public async Task ContentChanged_NamesTheFirstBrokenEntryAndTheProblem_AndMarksItsRow()
    {
        var entries = Chain();
        // An UPDATE in the database: the content changes, the stored hash does not.
        typeof(AuditEntry).GetProperty(nameof(AuditEntry.UserName))!.SetValue(entries[2], "Noen andre");

        var page = await RenderAsync(Trail(entries));

        var verification = page.QuerySelector("[data-testid=chain-verification]")!;
        verification.GetAttribute("role").Should().Be("alert");
        verification.QuerySelector("p")!.Text().Should().Be("⚠ Loggkjeden er brutt ved oppføring 3");
        page.QuerySelector("[data-testid=chain-problem]")!.Text().Should().Be("Innholdet i oppføring 3 er endret etter at den ble skrevet.");
        verification.Text().Should().Contain("2 oppføringer før denne er kontrollert og i orden.");
        var marked = page.QuerySelector("[data-testid=broken-here]")!;
        marked.Text().Should().Be("Kjeden brytes her");
        marked.Closest("tr")!.GetAttribute("data-sequence").Should().Be("3");
    }

    [Fact]
    public async Task ReplacedEntry_IsReportedAsABrokenLinkAtTheNextEntry()
    {
        var entries = Chain();
        var original = entries[2];
        entries[2] = new AuditEntry(3, original.AtUtc, original.UserId, original.UserName, original.Role, "AddComment", CaseId,
            original.StateBefore, original.StateAfter, "{\"rewritten\":true}", original.PreviousHash);

        var page = await RenderAsync(Trail(entries));

        page.QuerySelector("[data-testid=chain-verification] p")!.Text().Should().Be("⚠ Loggkjeden er brutt ved oppføring 4");
        page.QuerySelector("[data-testid=chain-problem]")!.Text().Should().Be("Oppføring 4 peker ikke til kontrollsummen til oppføring 3.");
    }

    [Fact]
    public async Task DeletedEntry_IsReportedAsMissing()
    {
        var entries = Chain();
        entries.RemoveAt(1);

        var page = await RenderAsync(Trail(entries));

        page.QuerySelector("[data-testid=chain-problem]")!.Text().Should().Be("Oppføring 2 mangler.");
        page.QuerySelector("[data-testid=broken-here]").Should().BeNull("the missing entry has no row");
    }

    [Fact]
    public async Task Table_ShowsSequenceOsloTimeWhoRoleActionInWordsStatesAndAShortHash()
    {
        var entries = Chain();

        var page = await RenderAsync(Trail(entries));

        var table = page.QuerySelector("[data-testid=audit-table]")!;
        table.QuerySelector("caption")!.Text().Should().Be("Loggoppføringer for saken, eldste først (5)");
        table.QuerySelectorAll("thead th").Should().OnlyContain(th => th.GetAttribute("scope") == "col");
        var rows = table.QuerySelectorAll("tbody tr");
        rows.Should().HaveCount(5);

        var first = rows[0];
        first.QuerySelector("th[scope=row]")!.Text().Should().Be("1");
        var cells = first.QuerySelectorAll("td").Select(td => td.Text()).ToList();
        cells[0].Should().MatchRegex(@"^20\.11\.2026 kl\. 14.05$");
        cells[1].Should().Be("Randi Rektor");
        cells[2].Should().Be("Rektor");
        cells[3].Should().Be("Bekymring meldt");
        cells[4].Should().Be("Ny sak → til Meldt til rektor");
        cells[5].Should().Be(entries[0].Hash[..12]);

        Cell(rows[1], 3).Should().Be("Saken lest");
        rows[1].QuerySelectorAll("td")[4].QuerySelector(".ds-sr-only")!.Text().Should().Be("Ingen statusendring", "a screen reader hears words, not a dash");
        Cell(rows[2], 4).Should().Be("Meldt til rektor → til Undersøkes");
        Cell(rows[3], 4).Should().Be("Undersøkes (uendret)");
        Cell(rows[4], 3).Should().Be("SomethingNew", "an action without a label shows its name");
    }

    [Fact]
    public async Task ChangesOnly_SaysHowManyReadsAreHidden_AndMarksThatFilterActive()
    {
        var entries = Chain().Where(e => e.Action != "ViewCase").ToList();
        var trail = Trail(entries) with { HiddenReads = 1, TotalCount = 5 };

        var page = await Render.ComponentAsync<AuditLogView>(new Dictionary<string, object?> { ["CaseId"] = CaseId, ["Trail"] = trail, ["ChangesOnly"] = true });

        var links = page.QuerySelectorAll("[data-testid=audit-filter] a");
        links.Select(a => a.Text()).Should().Equal("Alle (5)", "Bare endringer – skjul oppslag (4)");
        links[1].GetAttribute("aria-current").Should().Be("page");
        links[1].GetAttribute("href").Should().Be($"/saker/{CaseId}/logg?vis=endringer");
        page.QuerySelector("[data-testid=reads-hidden]")!.Text().Should().Contain("1 oppslag");
        page.QuerySelectorAll("[data-testid=audit-table] tbody tr").Should().HaveCount(4);
    }

    [Fact]
    public async Task EveryCell_CarriesItsColumnName_SoAPhoneCanStackTheRows()
    {
        var page = await RenderAsync(Trail(Chain()));

        page.QuerySelectorAll("[data-testid=audit-table] tbody td").Should().OnlyContain(td => !string.IsNullOrEmpty(td.GetAttribute("data-label")));
        page.QuerySelector("[data-testid=audit-table] tbody tr td[data-action]")!.GetAttribute("data-label").Should().Be("Handling");
    }

    [Fact]
    public async Task NoEntries_SaysSo()
    {
        var page = await RenderAsync(new GetAuditTrail.Result(Array.Empty<GetAuditTrail.Item>(), ChainVerification.Intact(12, AuditEntry.GenesisHash), "2026-0042"));

        page.QuerySelector("[data-testid=audit-table]").Should().BeNull();
        page.Body!.Text().Should().Contain("Ingen oppføringer i loggen for denne saken.").And.Contain("(12 oppføringer kontrollert)");
    }

    [Fact]
    public async Task InNynorsk_TheVerificationIsInNynorsk()
    {
        var intact = await RenderAsync(Trail(Chain()), "nn-NO");
        var entries = Chain();
        typeof(AuditEntry).GetProperty(nameof(AuditEntry.Details))!.SetValue(entries[1], "{\"changed\":true}");
        var broken = await RenderAsync(Trail(entries), "nn-NO");

        intact.QuerySelector("[data-testid=chain-verification] [data-testid=chain-verdict]")!.Text().Should().Be("✓ Loggkjeda er intakt (5 oppføringar kontrollerte)");
        broken.QuerySelector("[data-testid=chain-problem]")!.Text().Should().Be("Innhaldet i oppføring 2 er endra etter at ho vart skriven.");
        Cell(intact.QuerySelectorAll("[data-testid=audit-table] tbody tr")[0], 3).Should().Be("Uro meldt");
    }

    [Theory]
    [InlineData("nb-NO", "Oppføringene til og med nr. 4 ble kontrollert 20.11.2026 kl. 14:20 av en tidligere visning av loggen på denne serveren, og oppføringene etter den er kontrollert nå. Oppføringene til og med nr. 2 ble kontrollert av en full kontroll av hele kjeden 20.11.2026 kl. 14:10.")]
    [InlineData("nn-NO", "Oppføringane til og med nr. 4 vart kontrollerte 20.11.2026 kl. 14:20 av ei tidlegare vising av loggen på denne serveren, og oppføringane etter ho er kontrollerte no. Oppføringane til og med nr. 2 vart kontrollerte av ein full kontroll av heile kjeda 20.11.2026 kl. 14:10.")]
    public async Task AViewResumedFromAnEarlierViewsHead_SaysThroughWhichEntryAndWhen_AndWhatTheFullWalkCovered(string culture, string expected)
    {
        var trail = Trail(Chain());
        trail = trail with
        {
            Verification = trail.Verification with { FromCheckpoint = 4, CheckpointVerifiedAtUtc = Start.AddMinutes(15) },
            FullWalkThrough = 2,
            FullWalkAtUtc = Start.AddMinutes(5),
        };

        var page = await RenderAsync(trail, culture);

        var line = page.QuerySelector("[data-testid=chain-checkpoint]")!;
        line.Text().Should().StartWith(expected);
        line.GetAttribute("data-resumed-from").Should().Be("4");
    }

    private static string Cell(IElement row, int index) => row.QuerySelectorAll("td")[index].Text();
}
