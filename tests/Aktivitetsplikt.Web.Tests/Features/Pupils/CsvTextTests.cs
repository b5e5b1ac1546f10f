using System.Text;
using Aktivitetsplikt.Web.Features.Pupils;

namespace Aktivitetsplikt.Web.Tests.Features.Pupils;

public sealed class CsvTextTests
{
    [Fact]
    public void Decode_ReadsUtf8WithAndWithoutBom_AndFallsBackToWindows1252ForNorwegianLetters()
    {
        const string text = "fornavn;etternavn\r\nÅse;Ødegård\r\n";
        CsvText.Decode([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(text)]).Should().Be(new CsvText.Decoded(text, "UTF-8"));
        CsvText.Decode(Encoding.UTF8.GetBytes(text)).Should().Be(new CsvText.Decoded(text, "UTF-8"));
        CsvText.Decode(PupilFiles.Encode(text, "windows-1252")).Should().Be(new CsvText.Decoded(text, "Windows-1252"));
    }

    [Theory]
    [InlineData("a;b,c;d", ';')]
    [InlineData("a,b;c,d", ',')]
    [InlineData("\"a;b\",c,d", ',')]
    public void DetectSeparator_CountsTheHeaderOutsideQuotes(string header, char expected) =>
        CsvText.DetectSeparator(header + "\nx;y;z").Should().Be(expected);

    [Fact]
    public void Parse_KeepsQuotedSeparatorsDoubledQuotesAndLineBreaks_AndSkipsBlankLines()
    {
        var records = CsvText.Parse("id;navn\r\n1;\"Berg; Ola \"\"Olsen\"\"\"\r\n\r\n2;\"To\nlinjer\"\n3;  \"siste\"", ';');

        records.Select(r => r.Fields).Should().BeEquivalentTo(new[]
        {
            new[] { "id", "navn" }, new[] { "1", "Berg; Ola \"Olsen\"" }, new[] { "2", "To\nlinjer" }, new[] { "3", "siste" },
        }, o => o.WithStrictOrdering());
        records.Select(r => r.Line).Should().Equal(1, 2, 4, 6);
    }
}
