using System.Text;

namespace Aktivitetsplikt.Web.Features.Statistics;

/// <summary>
/// CSV as Norwegian Excel opens it by a double click: UTF-8 with a byte-order mark (without it Excel reads
/// "æøå" as Windows-1252), ";" between cells (Excel takes the list separator from the regional settings, and in
/// Norway "," is the decimal comma), CRLF between rows, and quoting as RFC 4180 says. Written by hand rather than
/// with CsvHelper: these twenty lines are all the exports need, and the formula guard must be ours anyway.
/// </summary>
public static class Csv
{
    public const char Separator = ';';
    public const string ContentType = "text/csv; charset=utf-8";

    private static readonly UTF8Encoding Utf8WithBom = new(encoderShouldEmitUTF8Identifier: true);

    /// <summary>The file's bytes, byte-order mark first.</summary>
    public static byte[] Write(IEnumerable<IReadOnlyList<string?>> rows)
    {
        var text = new StringBuilder();
        foreach (var row in rows)
        {
            text.Append(string.Join(Separator, row.Select(Cell)));
            text.Append("\r\n");
        }
        return [.. Utf8WithBom.GetPreamble(), .. Utf8WithBom.GetBytes(text.ToString())];
    }

    /// <summary>
    /// One cell. First what the cell may not carry is left out (<see cref="Infrastructure.TextInput.ForExport"/>): control
    /// characters, and bidi overrides and zero-width characters, which would make a spreadsheet show a name other than
    /// it is ("elev‮fdp.exe" shown as "elevexe.pdf"). A cell starting with = + - @ (or a tab or carriage return) would be read by a spreadsheet as a
    /// formula, so user-written text such as a school name could run one (CSV injection, OWASP): it gets a leading
    /// apostrophe, which makes the spreadsheet show it as text. Then cells holding the separator, a quote or a line
    /// break are quoted, with quotes doubled.
    /// </summary>
    public static string Cell(string? value)
    {
        var cell = Infrastructure.TextInput.ForExport(value);
        if (cell.Length > 0 && cell[0] is '=' or '+' or '-' or '@' or '\t' or '\r') cell = "'" + cell;
        return cell.IndexOfAny([Separator, '"', '\r', '\n']) >= 0 ? "\"" + cell.Replace("\"", "\"\"") + "\"" : cell;
    }
}
