using System.Globalization;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Aktivitetsplikt.Web.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;

namespace Aktivitetsplikt.Web.Tests.Components;

/// <summary>
/// Renders a component to HTML with the framework's own HtmlRenderer (bUnit is not served here) and
/// parses it with AngleSharp, in bokmål or nynorsk.
/// </summary>
public static class ComponentRenderer
{
    public static async Task<IHtmlDocument> RenderAsync<TComponent>(IDictionary<string, object?> parameters, string culture = "nb-NO")
        where TComponent : IComponent
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IStringLocalizerFactory, JsonStringLocalizerFactory>();
        services.AddScoped<UiText>();
        services.AddSingleton<AntiforgeryStateProvider, FixedAntiforgery>();
        await using var provider = services.BuildServiceProvider();
        await using var renderer = new HtmlRenderer(provider, provider.GetRequiredService<ILoggerFactory>());

        var previous = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(culture);
        try
        {
            var html = await renderer.Dispatcher.InvokeAsync(async () =>
            {
                var output = await renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(parameters));
                return output.ToHtmlString();
            });
            return new HtmlParser().ParseDocument($"<html><body>{html}</body></html>");
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = previous;
        }
    }

    private sealed class FixedAntiforgery : AntiforgeryStateProvider
    {
        public override AntiforgeryRequestToken? GetAntiforgeryToken() => new("test-token", "__RequestVerificationToken");
    }
}
