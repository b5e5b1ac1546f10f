using Aktivitetsplikt.Web.Infrastructure;

namespace Aktivitetsplikt.Web.Features.Documents;

/// <summary>
/// Text on its way into a document's XML. The input rules refuse what XML cannot hold, but entries are never deleted, so
/// a case may hold such text from before them (a U+0001 once made every document of its case fail for ever). Here
/// vertical tab and form feed become line breaks, and control characters, U+FFFE/U+FFFF, unpaired surrogates, bidi
/// overrides and zero-width characters are left out, so every document can always be made.
/// </summary>
public static class XmlSafeText
{
    public static string Clean(string? text) => TextInput.ForExport(text);
}
