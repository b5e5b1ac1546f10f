using Aktivitetsplikt.Web.Features.Oversight;
using Microsoft.AspNetCore.Components;

namespace Aktivitetsplikt.Web.Features.Statistics;

/// <summary>
/// The statistics' HTML (<see cref="StatisticsView"/>: every school's tables and two charts, 160 KB at 20 schools), kept
/// with the result it shows (<see cref="KeptMarkup"/>, ADR 036). The view reads the result and the culture, nothing else;
/// an error about the period asked for is not part of the result, so a view with one is rendered live.
/// </summary>
public static class StatisticsMarkup
{
    public static Task<MarkupString> OfAsync(GetStatistics.Result statistics, IServiceProvider services, ILoggerFactory loggers) =>
        KeptMarkup.OfAsync<StatisticsView>(statistics, new Dictionary<string, object?> { [nameof(StatisticsView.Statistics)] = statistics }, services, loggers);
}
