using System.Text.RegularExpressions;
using Aktivitetsplikt.Web.Infrastructure;

namespace Aktivitetsplikt.Web.Tests.Texts;

/// <summary>One nynorsk form across screens and letters: "skole" (the law's own form), and "meldt", never the bare "meld", as a participle.</summary>
public sealed partial class NynorskTextsTests
{
    [GeneratedRegex(@"\b[Ss]kule\w*")]
    private static partial Regex Skule();

    [GeneratedRegex(@"^(Uro meld|Meld til|Meld av)\b")]
    private static partial Regex BareMeld();

    [Fact]
    public void NynorskTexts_SaySkoleThroughout_AndMeldtAsAParticiple()
    {
        var texts = JsonStringLocalizerFactory.Load("nn-NO");

        texts.Where(t => Skule().IsMatch(t.Value)).Select(t => t.Key).Should().BeEmpty("the nynorsk texts use one form, the law's \"skole\"");
        texts.Where(t => BareMeld().IsMatch(t.Value)).Select(t => t.Key).Should().BeEmpty("a status or entry reads \"Meldt til rektor\", \"Uro meldt\", not the imperative \"Meld\"");
        texts["CaseState.PrincipalNotified"].Should().Be("Meldt til rektor");
    }
}
