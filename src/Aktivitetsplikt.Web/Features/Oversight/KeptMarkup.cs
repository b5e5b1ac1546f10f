using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace Aktivitetsplikt.Web.Features.Oversight;

/// <summary>
/// A component's HTML rendered once per kept figures, component and culture, and given to every view of the same figures
/// (ADR 036): the statistics' tables and charts, the overview's state table and flagged lists. Rendering them per view was
/// most of those pages' work (hundreds of cells, each with a word looked up) for figures that change at most every bound.
/// <para>
/// The markup lives exactly as long as the object it is kept with — the figures kept in <see cref="SummaryCache"/> — so it
/// is never older than they are; figures computed afresh (past their bound, after a committed command) are a new object
/// and rendered anew. The component must be given only what is part of that object: nothing of the request, the user or
/// the time of the view, or it would be shown to the next viewer of the same figures.
/// </para>
/// </summary>
public static class KeptMarkup
{
    private static readonly ConditionalWeakTable<object, ConcurrentDictionary<string, MarkupString>> Rendered = new();

    public static async Task<MarkupString> OfAsync<TComponent>(object keptWith, IDictionary<string, object?> parameters,
        IServiceProvider services, ILoggerFactory loggers) where TComponent : IComponent
    {
        var kept = Rendered.GetValue(keptWith, _ => new ConcurrentDictionary<string, MarkupString>(StringComparer.Ordinal));
        var key = $"{typeof(TComponent).FullName}|{CultureInfo.CurrentCulture.Name}|{CultureInfo.CurrentUICulture.Name}";
        if (kept.TryGetValue(key, out var markup)) return markup;
        await using var renderer = new HtmlRenderer(services, loggers);
        var html = await renderer.Dispatcher.InvokeAsync(async () =>
            (await renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(parameters))).ToHtmlString());
        return kept.GetOrAdd(key, new MarkupString(html));
    }
}
