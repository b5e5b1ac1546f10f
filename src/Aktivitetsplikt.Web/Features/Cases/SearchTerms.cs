using System.Globalization;

namespace Aktivitetsplikt.Web.Features.Cases;

/// <summary>
/// A search term in the spellings a name search must match. SQLite's lower() folds only ASCII, so
/// "øyvind" would never find "Øyvind"; matching the title-cased and upper-cased spellings too finds
/// Norwegian names however they are typed, without provider-specific SQL.
/// </summary>
public sealed record SearchTerms(string AsTyped, string Lower, string Title, string Upper)
{
    public static SearchTerms For(string text)
    {
        // No stored name holds a NUL (the input rules refuse control characters), and PostgreSQL refuses one in a parameter:
        // as U+FFFD it finds nothing on either provider.
        var typed = text.Replace('\0', '\uFFFD').Trim();
        var lower = typed.ToLower(CultureInfo.InvariantCulture);
        return new SearchTerms(typed, lower, CultureInfo.InvariantCulture.TextInfo.ToTitleCase(lower), typed.ToUpper(CultureInfo.InvariantCulture));
    }
}
