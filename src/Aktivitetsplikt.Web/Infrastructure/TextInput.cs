using System.Globalization;
using System.Text;

namespace Aktivitetsplikt.Web.Infrastructure;

/// <summary>
/// What typed text may hold, in one place. Text arrives by copy-paste from Word, e-mail and web pages, so it can carry
/// characters a person cannot see: vertical tab (Word's manual line break) and form feed become line breaks; other
/// control characters (C0 and C1), the non-characters U+FFFE/U+FFFF and unpaired surrogates cannot be stored (XML,
/// and so every .docx, cannot hold most of them) and are refused with the field named. Names also refuse bidi
/// overrides and zero-width characters, which make a name read differently from what it is ("elev‮fdp.exe").
/// Exports neutralise both kinds in what was stored before these rules.
/// </summary>
public static class TextInput
{
    /// <summary>Word's manual line break (U+000B) and the page break (U+000C) become "\n"; nothing else changes.</summary>
    public static string? Normalise(string? text) =>
        text is null || text.AsSpan().IndexOfAny('\v', '\f') < 0 ? text : text.Replace('\v', '\n').Replace('\f', '\n');

    /// <summary>A character free text may not hold: a control other than tab, line feed and carriage return; U+FFFE/U+FFFF.</summary>
    public static bool IsForbidden(char c) =>
        (c < ' ' && c is not '\t' and not '\n' and not '\r') || c is >= '\u007F' and <= '\u009F' || c is '\uFFFE' or '\uFFFF';

    /// <summary>Bidi embeddings, overrides, isolates and marks, and the zero-width characters: invisible, and they reorder or hide what is shown.</summary>
    public static bool IsInvisibleFormatting(char c) =>
        c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' or >= '\u200B' and <= '\u200F' or '\u2060' or '\uFEFF' or '\u061C';

    /// <summary>The first character free text may not hold (an unpaired surrogate counts), or null when the text can be stored.</summary>
    public static (int Position, string CodePoint)? FirstForbidden(string? text) => First(text, IsForbidden);

    /// <summary>The first character a name may not hold: what free text may not, and invisible formatting.</summary>
    public static (int Position, string CodePoint)? FirstForbiddenInName(string? text) =>
        First(text, c => IsForbidden(c) || IsInvisibleFormatting(c));

    /// <summary>
    /// Text as it may leave the app (documents, CSV): line breaks normalised, and everything removed that cannot be stored
    /// or that is invisible formatting. For what was stored before the input rules, and for names in exports.
    /// </summary>
    public static string ForExport(string? text)
    {
        var normalised = Normalise(text) ?? "";
        if (First(normalised, c => IsForbidden(c) || IsInvisibleFormatting(c)) is null) return normalised;
        var clean = new StringBuilder(normalised.Length);
        for (var i = 0; i < normalised.Length; i++)
        {
            var c = normalised[i];
            if (char.IsHighSurrogate(c) && i + 1 < normalised.Length && char.IsLowSurrogate(normalised[i + 1]))
            {
                clean.Append(c).Append(normalised[++i]);
                continue;
            }
            if (char.IsSurrogate(c) || IsForbidden(c) || IsInvisibleFormatting(c)) continue;
            clean.Append(c);
        }
        return clean.ToString();
    }

    private static (int Position, string CodePoint)? First(string? text, Func<char, bool> forbidden)
    {
        if (text is null) return null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }
            if (char.IsSurrogate(c) || forbidden(c))
                return (i + 1, "U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture));
        }
        return null;
    }
}
