using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace Aktivitetsplikt.Web.Features.Statistics;

/// <summary>
/// The statistics' HTML (<see cref="StatisticsView"/>: 20 schools' tables and two charts, 160 KB), rendered once per kept
/// result and culture and given to every view of the same figures (ADR 036). It is a function of the result and the culture
/// only: the view reads nothing else. It lives exactly as long as the result it was rendered from — the result kept in
/// <see cref="Oversight.SummaryCache"/> — so it is never older than the figures, and figures computed afresh (after their
/// bound, after a committed command) are a new result and rendered anew.
/// </summary>
public static class StatisticsMarkup
{
    private static readonly ConditionalWeakTable<GetStatistics.Result, ConcurrentDictionary<string, MarkupString>> Rendered = new();

    public static async Task<MarkupString> OfAsync(GetStatistics.Result statistics, IServiceProvider services, ILoggerFactory loggers)
    {
        var byCulture = Rendered.GetValue(statistics, _ => new ConcurrentDictionary<string, MarkupString>(StringComparer.Ordinal));
        var culture = $"{CultureInfo.CurrentCulture.Name}|{CultureInfo.CurrentUICulture.Name}";
        if (byCulture.TryGetValue(culture, out var kept)) return kept;
        await using var renderer = new HtmlRenderer(services, loggers);
        var html = await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var view = await renderer.RenderComponentAsync<StatisticsView>(ParameterView.FromDictionary(new Dictionary<string, object?>
            {
                [nameof(StatisticsView.Statistics)] = statistics,
            }));
            return view.ToHtmlString();
        });
        return byCulture.GetOrAdd(culture, new MarkupString(html));
    }
}
