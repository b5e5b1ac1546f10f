using Aktivitetsplikt.Web.Features.Documents;
using Aktivitetsplikt.Web.Features.Statistics;
using Aktivitetsplikt.Web.Infrastructure;

namespace Aktivitetsplikt.Web.Tests.Pipeline;

/// <summary>The one definition of what typed text may hold, and how exports neutralise what was stored before.</summary>
public sealed class TextInputTests
{
    [Theory]
    [InlineData("linje\vto", "linje\nto")]
    [InlineData("side\fto", "side\nto")]
    [InlineData("vanlig\r\ntekst\tmed tab", "vanlig\r\ntekst\tmed tab")]
    public void Normalise_TurnsVerticalTabAndFormFeedIntoLineBreaks_AndLeavesTheRest(string typed, string expected)
    {
        TextInput.Normalise(typed).Should().Be(expected);
    }

    // Code units as numbers: an attribute cannot carry a lone surrogate (the compiler stores it as U+FFFD).
    [Theory]
    [InlineData("a", 0x0000, "U+0000", 2)]
    [InlineData("ab", 0x0001, "U+0001", 3)]
    [InlineData("", 0x001B, "U+001B", 1)]
    [InlineData("x", 0x007F, "U+007F", 2)]
    [InlineData("x", 0x0085, "U+0085", 2)]
    [InlineData("x", 0xFFFE, "U+FFFE", 2)]
    [InlineData("x", 0xFFFF, "U+FFFF", 2)]
    [InlineData("lone ", 0xD800, "U+D800", 6)]
    [InlineData("lone ", 0xDC00, "U+DC00", 6)]
    public void FirstForbidden_FindsControlsNonCharactersAndUnpairedSurrogates_WithTheirPosition(string before, int codeUnit, string codePoint, int position)
    {
        TextInput.FirstForbidden(before + (char)codeUnit + " etter").Should().Be((position, codePoint));
    }

    [Theory]
    [InlineData("Æøå – «sitat» § 12-4")]
    [InlineData("tab\tog\r\nlinjer")]
    [InlineData("emoji 😀 og 👩‍👧")]
    [InlineData("مرحبا")]
    public void FirstForbidden_AcceptsOrdinaryTextTabsLineBreaksAndEmoji(string text)
    {
        TextInput.FirstForbidden(text).Should().BeNull();
    }

    [Theory]
    [InlineData("elev\u202Efdp.exe", "U+202E")]
    [InlineData("Emma\u200B", "U+200B")]
    [InlineData("\u2066Noah", "U+2066")]
    [InlineData("Ol\uFEFFivia", "U+FEFF")]
    [InlineData("Ka\u2060ri", "U+2060")]
    public void FirstForbiddenInName_AlsoRefusesBidiOverridesAndZeroWidthCharacters(string name, string codePoint)
    {
        TextInput.FirstForbiddenInName(name)!.Value.CodePoint.Should().Be(codePoint);
        TextInput.FirstForbidden(name).Should().BeNull("free text may quote right-to-left text");
    }

    [Fact]
    public void XmlSafeText_KeepsLineBreaksAndEmoji_AndLeavesOutWhatXmlCannotHoldAndInvisibleFormatting()
    {
        XmlSafeText.Clean("a\u0001b\vc\u001Bd\uFFFEe\uD800f\u202Eg\u200Bh 😀").Should().Be("ab\ncdefgh 😀");
    }

    [Theory]
    [InlineData("elev\u202Efdp.exe", "elevfdp.exe")]
    [InlineData("Emma\u200B\u200D", "Emma")]
    [InlineData("\u0001=1+1", "'=1+1")]
    public void CsvCell_NeutralisesBidiZeroWidthAndControlCharacters_BeforeTheFormulaGuard(string value, string expected)
    {
        Csv.Cell(value).Should().Be(expected);
    }
}
