using System.Globalization;

namespace Aktivitetsplikt.Web.Infrastructure;

/// <summary>
/// Query-string values read by hand. A page takes them as text ([SupplyParameterFromQuery] string), never as int or Guid:
/// Blazor's own conversion throws on "?side=abc", which was a 500. An unreadable value is a 400 with the page's
/// Norwegian "invalid link" notice (<c>InvalidLink</c>); an absent or empty one is no choice.
/// </summary>
public static class QueryValues
{
    /// <summary>False when present but not a whole number in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static bool TryInt(string? raw, int min, int max, out int? value)
    {
        value = null;
        if (string.IsNullOrEmpty(raw)) return true;
        if (!int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || parsed < min || parsed > max) return false;
        value = parsed;
        return true;
    }

    /// <summary>False when present but not a GUID.</summary>
    public static bool TryGuid(string? raw, out Guid? value)
    {
        value = null;
        if (string.IsNullOrEmpty(raw)) return true;
        if (!Guid.TryParse(raw, out var parsed)) return false;
        value = parsed;
        return true;
    }

    /// <summary>False when present but not one of the named choices (e.g. <c>?sorter=frist</c>); the names are the page's Norwegian words.</summary>
    public static bool TryChoice<T>(string? raw, IReadOnlyDictionary<string, T> choices, out T? value) where T : struct
    {
        value = null;
        if (string.IsNullOrEmpty(raw)) return true;
        if (!choices.TryGetValue(raw, out var chosen)) return false;
        value = chosen;
        return true;
    }

    /// <summary>Marks the response 400 (a static page; an interactive render has no response to mark).</summary>
    public static void Refuse(HttpContext? http)
    {
        if (http is not null && !http.Response.HasStarted) http.Response.StatusCode = StatusCodes.Status400BadRequest;
    }
}
