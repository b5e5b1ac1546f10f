using System.Text;
using Aktivitetsplikt.Web.Features.Pupils;

namespace Aktivitetsplikt.Web.Tests.Features.Pupils;

/// <summary>A school system's pupil export, generated: realistic Norwegian names, classes 1A–10C, valid identity numbers for the guardians.</summary>
public static class PupilFiles
{
    private static readonly string[] FirstNames = ["Emma", "Nora", "Sofie", "Ella", "Olivia", "Ingrid", "Leah", "Maja", "Frida", "Åse",
        "Noah", "Jakob", "Emil", "Lucas", "Oskar", "Filip", "Aksel", "Håkon", "Øyvind", "Jørgen", "Mathias", "Isak", "Tobias", "Sverre"];
    private static readonly string[] LastNames = ["Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Pedersen", "Nilsen", "Kristiansen",
        "Jensen", "Karlsen", "Berg", "Haugen", "Hagen", "Johnsen", "Bakken", "Sæther", "Løvås", "Ødegård", "Brækken", "Aas"];

    public sealed record Row(string ExternalId, string FirstName, string LastName, string BirthDate, string Group, string School,
        string? GuardianName = null, string? GuardianNumber = null, string? GuardianEmail = null, string? Relation = null, string? Feide = null);

    /// <summary><paramref name="count"/> pupils spread over the schools, every tenth with a guardian.</summary>
    public static List<Row> Generate(int count, IReadOnlyList<string> schools)
    {
        var random = new Random(14);
        var rows = new List<Row>(count);
        for (var i = 0; i < count; i++)
        {
            var grade = 1 + i % 10;
            var first = FirstNames[random.Next(FirstNames.Length)];
            var last = LastNames[random.Next(LastNames.Length)];
            var birth = new DateOnly(2026 - 6 - grade, 1 + random.Next(12), 1 + random.Next(28));
            var guardian = i % 10 == 0;
            rows.Add(new Row($"E{100000 + i}", first, last, birth.ToString("dd.MM.yyyy"), $"{grade}{(char)('A' + i % 3)}", schools[i % schools.Count],
                guardian ? $"{FirstNames[random.Next(FirstNames.Length)]} {last}" : null,
                guardian ? IdentityNumber(random) : null,
                guardian ? $"foresatt{i}@example.org" : null,
                guardian ? "mor" : null));
        }
        return rows;
    }

    public static string Csv(IEnumerable<Row> rows, char separator)
    {
        var text = new StringBuilder();
        string Q(string? value) => value is null ? "" : value.Contains(separator) || value.Contains('"') ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
        text.Append(string.Join(separator, "Elevnummer", "Fornavn", "Etternavn", "Fødselsdato", "Klasse", "Skole",
            "Foresatt1_navn", "Foresatt1_fødselsnummer", "Foresatt1_epost", "Foresatt1_telefon", "Foresatt1_relasjon", "Feide-ID")).Append("\r\n");
        foreach (var r in rows)
            text.Append(string.Join(separator, Q(r.ExternalId), Q(r.FirstName), Q(r.LastName), Q(r.BirthDate), Q(r.Group), Q(r.School),
                Q(r.GuardianName), Q(r.GuardianNumber), Q(r.GuardianEmail), r.GuardianNumber is null ? "" : "\"+47 400 00 000\"", Q(r.Relation), Q(r.Feide))).Append("\r\n");
        return text.ToString();
    }

    public static byte[] Encode(string csv, string encoding)
    {
        CsvText.Decode([]); // registers the code pages
        return encoding switch
        {
            "utf-8-bom" => [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(csv)],
            "utf-8" => Encoding.UTF8.GetBytes(csv),
            "windows-1252" => Encoding.GetEncoding(1252).GetBytes(csv),
            _ => throw new ArgumentOutOfRangeException(nameof(encoding)),
        };
    }

    /// <summary>A fødselsnummer with valid control digits (born 1980–1999).</summary>
    public static string IdentityNumber(Random random)
    {
        int[] w1 = [3, 7, 6, 1, 8, 9, 4, 5, 2], w2 = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
        while (true)
        {
            var digits = $"{1 + random.Next(28):00}{1 + random.Next(12):00}{80 + random.Next(20):00}{random.Next(500):000}".Select(c => c - '0').ToList();
            var k1 = 11 - digits.Select((d, i) => d * w1[i]).Sum() % 11;
            if (k1 == 11) k1 = 0;
            if (k1 == 10) continue;
            digits.Add(k1);
            var k2 = 11 - digits.Select((d, i) => d * w2[i]).Sum() % 11;
            if (k2 == 11) k2 = 0;
            if (k2 == 10) continue;
            digits.Add(k2);
            return string.Concat(digits);
        }
    }
}
