using System.Globalization;
using AngleSharp;
using AngleSharp.Dom;
using Aktivitetsplikt.Web.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;

namespace Aktivitetsplikt.Web.Tests.Features.Oversight;

/// <summary>Renders a component to HTML with the framework's HtmlRenderer and parses it with AngleSharp.</summary>
internal static class Render
{
    private static readonly ServiceProvider Services = new ServiceCollection()
        .AddLogging()
        .AddSingleton<IStringLocalizerFactory, JsonStringLocalizerFactory>()
        .AddSingleton<UiText>()
        .BuildServiceProvider();

    public static async Task<IDocument> ComponentAsync<TComponent>(IDictionary<string, object?> parameters, string culture = "nb-NO")
        where TComponent : IComponent
    {
        var html = await HtmlAsync<TComponent>(parameters, culture);
        return await BrowsingContext.New(Configuration.Default).OpenAsync(request => request.Content(html));
    }

    /// <summary>The component's HTML as the framework's HtmlRenderer writes it.</summary>
    public static Task<string> HtmlAsync<TComponent>(IDictionary<string, object?> parameters, string culture = "nb-NO")
        where TComponent : IComponent => InCultureAsync(culture, async () =>
    {
        await using var renderer = new HtmlRenderer(Services, Services.GetRequiredService<ILoggerFactory>());
        return await renderer.Dispatcher.InvokeAsync(async () =>
            (await renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(parameters))).ToHtmlString());
    });

    /// <summary>Runs <paramref name="work"/> with the services the components get (the UI's words), in a culture.</summary>
    public static async Task<T> InCultureAsync<T>(string culture, Func<Task<T>> work)
    {
        var (previousCulture, previousUiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(culture);
        try
        {
            return await work();
        }
        finally
        {
            CultureInfo.CurrentCulture = previousCulture;
            CultureInfo.CurrentUICulture = previousUiCulture;
        }
    }

    public static IServiceProvider ComponentServices => Services;

    public static string Text(this IElement element) => string.Join(" ", element.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
