using Aktivitetsplikt.Web.Infrastructure;

namespace Aktivitetsplikt.Web.Features.Documents;

/// <summary>The school as the sender of its documents: the letterhead kept per school in /admin.</summary>
public sealed record DocumentSender(string SchoolName, string? Address, string? PrincipalName, string? Phone, string? Email)
{
    public static DocumentSender NameOnly(string schoolName) => new(schoolName, null, null, null, null);
}

/// <summary>The county governor a school owner's parent letters name (§ 12-6), kept per school owner in /admin.</summary>
public sealed record CountyGovernorInfo(string? Name, string? Address, string? Website);

/// <summary>
/// What every case document has, as a letter from the kommune has it: the letterhead (school, address, phone,
/// e-mail; date, case number, principal), "Unntatt offentlighet" on every page (each holds personal data about
/// a pupil), and a footer naming the school and case with "side x av y".
/// </summary>
public static class DocumentFrame
{
    public static DocxWriter Start(DocumentSender sender, string caseNumber, DateTime dateUtc, UiText t)
    {
        List<string> lines = [sender.SchoolName];
        if (sender.Address is { } address)
            lines.AddRange(address.Replace("\r\n", "\n").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        if (sender.Phone is { } phone) lines.Add(t.Format("Documents.Letterhead.Phone", phone));
        if (sender.Email is { } email) lines.Add(t.Format("Documents.Letterhead.Email", email));
        List<string> particulars = [t.Format("Documents.Letterhead.Date", t.Date(dateUtc)), $"{t["Documents.CaseNumber"]}: {caseNumber}"];
        if (sender.PrincipalName is { } principal) particulars.Add(t.Format("Documents.Letterhead.Principal", principal));
        return new DocxWriter()
            .EveryPageHeader(t["Documents.Exempt"])
            .EveryPageFooter(t.Format("Documents.Footer", sender.SchoolName, caseNumber), t["Documents.Page"], t["Documents.PageOf"])
            .Letterhead(lines, particulars);
    }
}
