using System.Text;
using System.Text.RegularExpressions;
using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Features.Cases;
using Aktivitetsplikt.Web.Features.Documents;

namespace Aktivitetsplikt.Web.Tests.Features.Documents;

/// <summary>
/// The suggestion of names to mask checks each name against the plan's words before it builds the whole-word pattern (issue 12):
/// the check may only ever skip a name the pattern would not have found.
/// </summary>
public sealed class NameMaskingTests
{
    private static PlanView Plan(string problem, string measure) => new(
        Guid.NewGuid(), 1, problem, new DateOnly(2026, 12, 1), null, null, null, null, null, new DateTime(2026, 11, 10, 9, 0, 0, DateTimeKind.Utc),
        "Randi Rektor", Role.Principal, [new MeasureView(Guid.NewGuid(), 1, measure, "Hver dag", "Kari Lærer", null, null, MeasureStatus.Planned, null)]);

    [Fact]
    public void Suggest_FindsNamesAcrossLineBreaks_InAnyCase_AndAroundPunctuation_ButNotInsideLongerWords()
    {
        var plan = Plan("Emma blir holdt utenfor av NOAH\n   johansen og Anne-Marie Berg.", "Samtale med Olivias foreldre; Per-Ola følges opp.");
        NameMasking.PupilName[] others =
        [
            new("Noah", "Johansen"), // the full name over a line break, in capitals and small letters
            new("Anne-Marie", "Vik"), // first name only, with a hyphen
            new("Olivia", "Lund"), // only inside a longer word ("Olivias"): not suggested
            new("Ola", "Dahl"), // a whole word after a hyphen ("Per-Ola"), as the pattern reads it
            new("Sara", "Berg"), // not in the text; "Berg" alone is not her name
        ];

        NameMasking.Suggest([plan], others, new("Emma", "Hansen")).Should().Equal("Noah Johansen", "Anne-Marie", "Ola");
    }

    [Fact]
    public void TheWordCheck_NeverRejectsAWordThePatternFinds_ForAnyCaseVariant_InAnyScript_OfTheLettersItChecks()
    {
        // Every word character of the Basic Multilingual Plane, each as its own word.
        var wordCharacters = Enumerable.Range(0, 0x10000).Select(c => (char)c).Where(c => !char.IsSurrogate(c) && Regex.IsMatch(c.ToString(), @"^\w$")).ToList();
        var text = new StringBuilder();
        foreach (var c in wordCharacters) text.Append(c).Append(' ');
        var all = text.ToString();
        var words = NameMasking.WordsOf(all);

        var missed = new List<string>();
        foreach (var c in wordCharacters.Where(c => c < NameMasking.FoldedBelow))
        {
            // What the pattern finds for this one-letter name: every case variant the IgnoreCase match accepts.
            foreach (Match found in NameMasking.WholeWord(c.ToString()).Matches(all))
                if (NameMasking.Fold(found.Value) != NameMasking.Fold(c.ToString()))
                    missed.Add($"U+{(int)c:X4} matches U+{(int)found.Value[0]:X4}");
            if (!NameMasking.MayContain(words, c.ToString())) missed.Add($"U+{(int)c:X4} not among the words");
        }

        missed.Should().BeEmpty();
    }

    [Fact]
    public void TheWordCheck_RejectsANameWithAWordTheTextLacks_AndPassesANameWithoutWordCharacters()
    {
        var words = NameMasking.WordsOf("Noah er med i 5A.");

        NameMasking.MayContain(words, "Noah Johansen").Should().BeFalse();
        NameMasking.MayContain(words, "noah").Should().BeTrue();
        NameMasking.MayContain(words, "--").Should().BeTrue("a name without word characters is left to the pattern");
        NameMasking.MayContain(words, "\u019Bara").Should().BeTrue("a letter beyond Latin Extended-A is left to the pattern");
    }
}
