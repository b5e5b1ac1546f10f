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
    /// <summary>After <c>UseAntiforgery</c>, which records the check's result for the endpoint.</summary>
    public static IApplicationBuilder UseNorwegianFormRefusal(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (HttpMethods.IsPost(context.Request.Method)
            && context.GetEndpoint()?.Metadata.GetMetadata<ComponentTypeMetadata>() is not null
            && context.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false })
        {
            var text = context.RequestServices.GetRequiredService<UiText>();
            await PlainPage.WriteAsync(context, StatusCodes.Status400BadRequest, $"{text["FormRefused.Title"]} – {text["App.Name"]}",
                text["FormRefused.Title"], text["FormRefused.Text"], "/", text["NotFound.Home"]);
            return;
        }
        await next();
    });
}
