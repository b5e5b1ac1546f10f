using System.Globalization;
using System.Net.Mail;
using Aktivitetsplikt.Web.Features.Account;
using Aktivitetsplikt.Web.Infrastructure;

namespace Aktivitetsplikt.Web.Features.Pupils;

/// <summary>A refusal or problem, as a text key ("Import.Error.…") and the value it is about; shown in the reader's language.</summary>
public sealed record ImportProblem(string Code, string? Value = null);

/// <summary>A guardian from a row: the identity number only as its keyed hash (never kept or shown as the number).</summary>
public sealed record ImportGuardian(string Name, string IdentityHash, string Relation, string? Email);

/// <summary>
/// One row of the file, read and checked; a row with problems is skipped when the import is applied. <see cref="Feide"/> is the
/// pupil's Feide identifier, normalised as sign-in compares it, or null when the row has none (an existing link is then kept).
/// </summary>
public sealed record ImportRow(int Line, string ExternalId, string FirstName, string LastName, string Group, string SchoolName,
    Guid? SchoolId, IReadOnlyList<ImportGuardian> Guardians, IReadOnlyList<ImportProblem> Problems, string? Feide = null)
{
    public bool IsValid => Problems.Count == 0;
    public string Name => $"{FirstName} {LastName}".Trim();
}

/// <summary>The file read: its rows, or why the whole file is refused.</summary>
public sealed record ImportFile(string EncodingName, char Separator, IReadOnlyList<ImportRow> Rows, IReadOnlyList<ImportProblem> FileProblems);

/// <summary>
/// The columns of the pupil export (docs/pupil-import.md) and the checks on each row. Headers are matched without regard
/// to case, spaces, "-" and "_", and "ø"/"o"; the order of the columns is free. A row with a problem is reported with its
/// line number and skipped; a file without the required columns, or without one good row, is refused as a whole.
/// </summary>
public static class PupilImportFile
{
    public const int MaxBytes = 5 * 1024 * 1024;
    public const int MaxRows = 20_000;
    public const int MaxGuardians = 2;

    public const string ExternalId = "elevnummer";
    public const string FirstName = "fornavn";
    public const string LastName = "etternavn";
    public const string BirthDate = "fodselsdato";
    public const string Group = "klasse";
    public const string School = "skole";
    public const string Feide = "feide";

    public static readonly IReadOnlyList<string> Required = [ExternalId, FirstName, LastName, Group, School];

    private static readonly Dictionary<string, string> Aliases = new()
    {
        ["elevid"] = ExternalId, ["elevnr"] = ExternalId, ["externalid"] = ExternalId,
        ["trinn"] = Group, ["klassetrinn"] = Group, ["gruppe"] = Group, ["basisgruppe"] = Group,
        ["skolenavn"] = School, ["fodt"] = BirthDate,
        ["feideid"] = Feide, ["feidebruker"] = Feide, ["feidebrukernavn"] = Feide, ["feideidentitet"] = Feide,
        ["edupersonprincipalname"] = Feide,
    };

    public static string GuardianColumn(int number, string part) => $"foresatt{number}{part}";

    private static readonly string[] GuardianParts = ["navn", "fodselsnummer", "epost", "telefon", "relasjon"];

    public static ImportFile Read(byte[] bytes, IReadOnlyDictionary<string, Guid> schoolsByName, Func<string, string>? hashIdentity, DateOnly today)
    {
        if (bytes.Length == 0) return Refused("Import.Error.EmptyFile");
        if (bytes.Length > MaxBytes) return Refused("Import.Error.TooBig", (MaxBytes / 1024 / 1024).ToString(CultureInfo.InvariantCulture));
        var decoded = CsvText.Decode(bytes);
        var separator = CsvText.DetectSeparator(decoded.Text);
        var records = CsvText.Parse(decoded.Text, separator);
        if (records.Count == 0) return Refused("Import.Error.EmptyFile");
        if (records.Count - 1 > MaxRows) return Refused("Import.Error.TooManyRows", MaxRows.ToString(CultureInfo.InvariantCulture));

        var header = records[0].Fields.Select(Normalise).ToList();
        var columns = new Dictionary<string, int>();
        var problems = new List<ImportProblem>();
        for (var i = 0; i < header.Count; i++)
        {
            var name = Aliases.GetValueOrDefault(header[i], header[i]);
            if (name.Length == 0) continue;
            if (!columns.TryAdd(name, i)) problems.Add(new("Import.Error.DuplicateColumn", records[0].Fields[i].Trim()));
        }
        foreach (var missing in Required.Where(r => !columns.ContainsKey(r)))
            problems.Add(new("Import.Error.MissingColumn", missing));
        var guardianNumbers = Enumerable.Range(1, MaxGuardians).Where(n => GuardianParts.Any(p => columns.ContainsKey(GuardianColumn(n, p)))).ToList();
        if (guardianNumbers.Count > 0 && hashIdentity is null) problems.Add(new("Import.Error.IdentityKeyMissing"));
        if (problems.Count > 0) return new(decoded.EncodingName, separator, [], problems);
        if (records.Count == 1) return new(decoded.EncodingName, separator, [], [new("Import.Error.NoRows")]);

        var rows = new List<ImportRow>();
        foreach (var record in records.Skip(1))
            rows.Add(ReadRow(record, header.Count, columns, guardianNumbers, schoolsByName, hashIdentity, today));

        // A duplicate id makes every row that carries it a problem: which one is right is for the school system to say.
        foreach (var duplicate in rows.Where(r => r.ExternalId.Length > 0).GroupBy(r => r.ExternalId, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).ToList())
            foreach (var row in duplicate.ToList())
                rows[rows.IndexOf(row)] = row with { Problems = [.. row.Problems, new("Import.Error.DuplicateExternalId", row.ExternalId)] };
        // So does a Feide identifier on two rows: one identity signs in as one person.
        foreach (var duplicate in rows.Where(r => r.Feide is not null).GroupBy(r => r.Feide!, StringComparer.Ordinal).Where(g => g.Count() > 1).ToList())
            foreach (var row in duplicate.ToList())
                rows[rows.IndexOf(row)] = row with { Problems = [.. row.Problems, new("Import.Error.DuplicateFeide", row.Feide)] };

        return new(decoded.EncodingName, separator, rows,
            rows.All(r => !r.IsValid) ? [new ImportProblem("Import.Error.NoGoodRows")] : []);
    }

    private static ImportFile Refused(string code, string? value = null) => new("", ';', [], [new(code, value)]);

    /// <summary>"Fødselsnummer 1" → "fodselsnummer1": case, spaces, "-", "_", "." and the Norwegian letters do not matter.</summary>
    public static string Normalise(string header) =>
        new string(header.Trim().ToLowerInvariant()
            .Replace("ø", "o", StringComparison.Ordinal).Replace("æ", "ae", StringComparison.Ordinal).Replace("å", "a", StringComparison.Ordinal)
            .Where(char.IsAsciiLetterOrDigit).ToArray());

    private static ImportRow ReadRow(CsvText.Record record, int headerCount, Dictionary<string, int> columns, List<int> guardianNumbers,
        IReadOnlyDictionary<string, Guid> schoolsByName, Func<string, string>? hashIdentity, DateOnly today)
    {
        var problems = new List<ImportProblem>();
        string Field(string column) =>
            columns.TryGetValue(column, out var index) && index < record.Fields.Count ? record.Fields[index].Trim() : "";
        if (record.Fields.Count > headerCount && record.Fields.Skip(headerCount).Any(f => f.Trim().Length > 0))
            problems.Add(new("Import.Error.TooManyFields", record.Fields.Count.ToString(CultureInfo.InvariantCulture)));

        var externalId = Name(Field(ExternalId), "Import.Column.ExternalId", 50, problems);
        var firstName = Name(Field(FirstName), "Import.Column.FirstName", 100, problems);
        var lastName = Name(Field(LastName), "Import.Column.LastName", 100, problems);
        var group = Name(Field(Group), "Import.Column.Group", 20, problems);
        var schoolName = Name(Field(School), "Import.Column.School", 200, problems);
        Guid? schoolId = null;
        if (schoolName.Length > 0)
        {
            if (schoolsByName.TryGetValue(schoolName, out var id)) schoolId = id;
            else problems.Add(new("Import.Error.UnknownSchool", schoolName));
        }
        string? feide = null;
        if (Field(Feide) is { Length: > 0 } identifier && Name(identifier, "Import.Column.Feide", ExternalLogin.MaxKeyLength, problems) is { Length: > 0 } valid)
            feide = ExternalSignInService.NormaliseFeide(valid);
        var birthDate = Field(BirthDate);
        if (birthDate.Length > 0 && !IsBirthDate(birthDate, today)) problems.Add(new("Import.Error.BadBirthDate", birthDate));

        var guardians = new List<ImportGuardian>();
        foreach (var n in guardianNumbers)
        {
            var name = Field(GuardianColumn(n, "navn"));
            var number = Field(GuardianColumn(n, "fodselsnummer"));
            var relation = Field(GuardianColumn(n, "relasjon"));
            var email = Field(GuardianColumn(n, "epost"));
            if (name.Length == 0 && number.Length == 0 && relation.Length == 0 && email.Length == 0 && Field(GuardianColumn(n, "telefon")).Length == 0) continue;
            var label = n.ToString(CultureInfo.InvariantCulture);
            if (name.Length == 0 || number.Length == 0 || relation.Length == 0)
            {
                problems.Add(new("Import.Error.GuardianIncomplete", label));
                continue;
            }
            var before = problems.Count;
            Name(name, "Import.Column.GuardianName", 200, problems);
            Name(relation, "Import.Column.Relation", 50, problems);
            if (!NationalIdentityNumber.HasElevenDigits(number) || !NationalIdentityNumber.HasValidControlDigits(number))
                problems.Add(new("Import.Error.GuardianIdentityNumber", label)); // never the number itself: it is not shown back
            if (email.Length > 0 && !IsEmail(email)) problems.Add(new("Import.Error.GuardianEmail", email));
            if (problems.Count == before && hashIdentity is not null)
                guardians.Add(new ImportGuardian(name, hashIdentity(number), relation, email.Length > 0 ? email : null));
        }
        return new ImportRow(record.Line, externalId, firstName, lastName, group, schoolName, schoolId, guardians, problems, feide);
    }

    /// <summary>The value if it is filled in, not too long and free of characters a name cannot hold; otherwise a problem.</summary>
    private static string Name(string value, string column, int max, List<ImportProblem> problems)
    {
        if (value.Length == 0)
        {
            problems.Add(new("Import.Error.Missing", column));
            return "";
        }
        if (value.Length > max)
        {
            problems.Add(new("Import.Error.TooLong", column));
            return "";
        }
        if (TextInput.FirstForbiddenInName(value) is not null)
        {
            problems.Add(new("Import.Error.BadCharacter", column));
            return "";
        }
        return value;
    }

    private static readonly string[] DateFormats = ["dd.MM.yyyy", "d.M.yyyy", "yyyy-MM-dd", "dd/MM/yyyy", "d/M/yyyy", "ddMMyyyy"];

    /// <summary>A date the pupil can have been born on: a real date, not in the future, within the last 30 years.</summary>
    public static bool IsBirthDate(string value, DateOnly today) =>
        DateOnly.TryParseExact(value, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
        && date <= today && date >= today.AddYears(-30);

    private static bool IsEmail(string value) =>
        value.Length <= 254 && !value.Any(char.IsWhiteSpace) && MailAddress.TryCreate(value, out var address) && address.Address == value && value.Contains('.');
}
