using System.Text;

namespace Aktivitetsplikt.Web.Features.Pupils;

/// <summary>
/// Reads a CSV export as the school's administrative systems write it: UTF-8 with or without a byte-order mark, or
/// Windows-1252 (what Excel on a Norwegian Windows saves as "CSV"), detected from the bytes; ";" or "," between fields
/// (whichever the header line uses); fields in double quotes may hold the separator, line breaks and doubled quotes.
/// </summary>
public static class CsvText
{
    static CsvText() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public sealed record Decoded(string Text, string EncodingName);

    /// <summary>UTF-8 when the bytes carry its BOM or are valid UTF-8; UTF-16 by its BOM; otherwise Windows-1252.</summary>
    public static Decoded Decode(byte[] bytes)
    {
        if (bytes is [0xEF, 0xBB, 0xBF, ..]) return new(new UTF8Encoding(false, true).GetString(bytes, 3, bytes.Length - 3), "UTF-8");
        if (bytes is [0xFF, 0xFE, ..]) return new(Encoding.Unicode.GetString(bytes, 2, bytes.Length - 2), "UTF-16");
        if (bytes is [0xFE, 0xFF, ..]) return new(Encoding.BigEndianUnicode.GetString(bytes, 2, bytes.Length - 2), "UTF-16");
        try
        {
            return new(new UTF8Encoding(false, true).GetString(bytes), "UTF-8");
        }
        catch (DecoderFallbackException)
        {
            // Not UTF-8: a Norwegian "æøå" in Windows-1252 is never a valid UTF-8 sequence, so this guess is safe.
            return new(Encoding.GetEncoding(1252).GetString(bytes), "Windows-1252");
        }
    }

    /// <summary>";" when the header line has more semicolons outside quotes than commas, otherwise ",".</summary>
    public static char DetectSeparator(string text)
    {
        int semicolons = 0, commas = 0;
        var quoted = false;
        foreach (var c in text)
        {
            if (c == '"') quoted = !quoted;
            else if (!quoted && c is '\n' or '\r') break;
            else if (!quoted && c == ';') semicolons++;
            else if (!quoted && c == ',') commas++;
        }
        return semicolons >= commas && semicolons > 0 ? ';' : ',';
    }

    /// <summary>A record of the file: its fields and the line it starts on (1-based, as a spreadsheet shows it).</summary>
    public sealed record Record(int Line, IReadOnlyList<string> Fields);

    /// <summary>The records, blank lines left out. An unterminated quote runs to the end of the file, as in Excel.</summary>
    public static IReadOnlyList<Record> Parse(string text, char separator)
    {
        var records = new List<Record>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var quoted = false;
        var fieldStarted = false;

        void EndField()
        {
            fields.Add(field.ToString());
            field.Clear();
            fieldStarted = false;
        }

        void EndRecord()
        {
            EndField();
            if (fields.Count > 1 || fields[0].Trim().Length > 0) records.Add(new Record(recordLine, [.. fields]));
            fields.Clear();
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i++;
                    }
                    else quoted = false;
                }
                else
                {
                    if (c == '\n') line++;
                    field.Append(c);
                }
                continue;
            }
            if (c == '"' && !fieldStarted)
            {
                field.Clear(); // spaces before an opening quote are not part of the value
                quoted = true;
                fieldStarted = true;
            }
            else if (c == separator) EndField();
            else if (c is '\r' or '\n')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                EndRecord();
                line++;
                recordLine = line;
            }
            else
            {
                field.Append(c);
                if (!char.IsWhiteSpace(c)) fieldStarted = true;
            }
        }
        if (field.Length > 0 || fields.Count > 0) EndRecord();
        return records;
    }
}
