using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Components.Endpoints;

namespace Aktivitetsplikt.Web.Infrastructure;

/// <summary>
/// A static form post to a page whose antiforgery check failed gets a Norwegian 400 page. That is an expired or missing
/// token, but also a form the server cannot read at all (a NUL in a field, a value over the form limits): the token is then
/// not found either. Blazor's own answer is an English sentence in plain text; the page's handler has not run, so nothing
/// was saved.
/// </summary>
public static class FormRefusal
{
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>After <c>UseAntiforgery</c>, which records the check's result for the endpoint.</summary>
    public static IApplicationBuilder UseNorwegianFormRefusal(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (HttpMethods.IsPost(context.Request.Method)
            && context.GetEndpoint()?.Metadata.GetMetadata<ComponentTypeMetadata>() is not null
            && context.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false })
        {
            var text = context.RequestServices.GetRequiredService<UiText>();
            var lang = System.Globalization.CultureInfo.CurrentUICulture.Name == "nn-NO" ? "nn" : "nb";
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync(
                $"<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1.0\">"
                + $"<title>{Html.Encode(text["FormRefused.Title"])} – {Html.Encode(text["App.Name"])}</title></head>"
                + $"<body><main><h1>{Html.Encode(text["FormRefused.Title"])}</h1><p>{Html.Encode(text["FormRefused.Text"])}</p>"
                + $"<p><a href=\"/\">{Html.Encode(text["NotFound.Home"])}</a></p></main></body></html>");
            return;
        }
        await next();
    });
}
