using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace Aktivitetsplikt.Web.Infrastructure;

/// <summary>
/// The short HTML page a middleware answers with when no Blazor page can render (a refused form, a busy database): in the
/// request's language (bokmål or nynorsk), a heading, one paragraph and one link, every text encoded.
/// </summary>
public static class PlainPage
{
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    public static Task WriteAsync(HttpContext context, int status, string title, string heading, string text, string href, string linkText)
    {
        var lang = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "nn" ? "nn" : "nb";
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html; charset=utf-8";
        return context.Response.WriteAsync(
            $"<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            + $"<title>{Html.Encode(title)}</title></head><body><main><h1>{Html.Encode(heading)}</h1><p>{Html.Encode(text)}</p>"
            + $"<p><a href=\"{Html.Encode(href)}\">{Html.Encode(linkText)}</a></p></main></body></html>");
    }
}
