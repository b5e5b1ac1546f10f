using System.Text.RegularExpressions;
using Aktivitetsplikt.Web.Infrastructure;

namespace Aktivitetsplikt.Web.Tests.Texts;

/// <summary>
/// Every paragraph a UI text cites is in docs/legal-references.md with its source, and the texts keep the
/// law's own words where the legal review found them wrong ("fastsatt", not "vedtatt"; "eleven", not "hen").
/// </summary>
public sealed partial class LegalReferencesTests
{
    public static TheoryData<string> Cultures => new() { "nb-NO", "nn-NO" };

    /// <summary>"§ 12-4", "§§ 10-1 og 10-2", "§ 9 A-4", "offentleglova § 13"; the qualifier ("tredje ledd") is not part of the key.</summary>
    [GeneratedRegex(@"(?:(offentleglova|forvaltningslova)\s+)?§§?\s*(\d+(?:\s*A)?(?:-\d+)?)((?:\s*(?:,|og)\s*\d+(?:\s*A)?-\d+)*)")]
    private static partial Regex Citation();

    [GeneratedRegex(@"\d+(?:\s*A)?-\d+")]
    private static partial Regex FollowingNumber();

    private static IEnumerable<string> Citations(string text)
    {
        foreach (Match match in Citation().Matches(text))
        {
            var law = match.Groups[1].Success ? match.Groups[1].Value + " " : "";
            yield return Key(law + match.Groups[2].Value);
            foreach (Match more in FollowingNumber().Matches(match.Groups[3].Value)) yield return Key(more.Value);
        }
    }

    private static string Key(string reference) => Regex.Replace(reference, @"\s+", "");

    private static readonly string TablePath = Path.Combine(RepositoryRoot(), "docs", "legal-references.md");

    private static List<(string Reference, string Row)> TableRows() =>
        File.ReadAllLines(TablePath)
            .Where(line => line.StartsWith("| ", StringComparison.Ordinal) && !line.StartsWith("| Reference", StringComparison.Ordinal))
            .Select(line => (line.Split('|', StringSplitOptions.TrimEntries)[1], line))
            .ToList();

    [Theory]
    [MemberData(nameof(Cultures))]
    public void EveryParagraphAUiTextCites_IsInTheReferenceTable(string culture)
    {
        var table = TableRows().SelectMany(r => Citations(r.Reference)).ToHashSet();
        var texts = JsonStringLocalizerFactory.Load(culture);

        var cited = texts.SelectMany(t => Citations(t.Value).Select(c => (Key: t.Key, Citation: c))).ToList();
        var missing = cited.Where(c => !table.Contains(c.Citation)).Select(c => $"{c.Key}: {c.Citation}").ToList();

        cited.Should().Contain(c => c.Citation == "12-4", "the texts cite the duty to act, so the scan must find it");
        missing.Should().BeEmpty($"every paragraph a {culture} text cites needs a row (with its source) in docs/legal-references.md");
    }

    [Fact]
    public void EveryRowOfTheReferenceTable_NamesItsSource()
    {
        var rows = TableRows();

        rows.Should().HaveCountGreaterThan(10);
        rows.Where(r => !r.Row.Contains("https://", StringComparison.Ordinal) && !r.Row.Contains("| as ", StringComparison.Ordinal))
            .Select(r => r.Reference).Should().BeEmpty("each reference links the law text it rests on");
    }

    [GeneratedRegex(@"\b(vedtatt|vedtas|vedteke|vedteken|vedtekne|Vedta)\b")]
    private static partial Regex PlanDecided();

    [GeneratedRegex(@"\bhen\b", RegexOptions.IgnoreCase)]
    private static partial Regex Hen();

    [Theory]
    [MemberData(nameof(Cultures))]
    public void NoUiText_CallsThePlanDecided_OrThePupilHen(string culture)
    {
        var texts = JsonStringLocalizerFactory.Load(culture);

        texts.Where(t => PlanDecided().IsMatch(t.Value)).Select(t => t.Key)
            .Should().BeEmpty("a plan is fixed (fastsatt/fastsett), not decided: it is no enkeltvedtak and has no appeal");
        texts.Where(t => Hen().IsMatch(t.Value)).Select(t => t.Key)
            .Should().BeEmpty("the texts say \"eleven\" (or the pupil's name), not \"hen\"");
    }

    [Theory]
    [MemberData(nameof(Cultures))]
    public void TheInvestigationDeadline_IsNeverCalledLaw_AndSnarastIsNotAttachedToTellingThePrincipal(string culture)
    {
        var texts = JsonStringLocalizerFactory.Load(culture);

        texts["DeadlineKind.NotifyPrincipal"].Should().NotContainAny("snarast", "snarest", "straks");
        texts["DeadlineKind.StartInvestigation"].Should().Contain(culture == "nb-NO" ? "skoleeierens rutine" : "rutinen til skoleeigaren");
        texts.Where(t => t.Value.Contains("skal da starte straks", StringComparison.Ordinal) || t.Value.Contains("skal då starte straks", StringComparison.Ordinal))
            .Should().BeEmpty("the new § 12-5 names the report, not an investigation \"straks\"");
        texts.Values.Should().NotContain(v => v.Contains("snarast", StringComparison.Ordinal) && culture == "nb-NO" && !v.Contains('«'),
            "bokmål writes \"snarest\"; \"snarast\" appears only inside a quotation of the nynorsk law");
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Aktivitetsplikt.sln"))) return directory.FullName;
        }
        throw new InvalidOperationException($"Aktivitetsplikt.sln not found above {AppContext.BaseDirectory}.");
    }
}
