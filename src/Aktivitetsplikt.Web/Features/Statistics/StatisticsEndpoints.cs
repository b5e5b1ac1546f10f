using System.Globalization;
using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Features.Cases;
using Aktivitetsplikt.Web.Infrastructure;
using FluentValidation;
using MediatR;

namespace Aktivitetsplikt.Web.Features.Statistics;

/// <summary>
/// The CSV exports: plain GET endpoints (an export is a read; its audit entry is a log line, not a change the user
/// makes), so a link downloads the file. They send their request through IMediator, so the pipeline authorizes by
/// the signed-in user; a refusal answers 403 or 404 with a Norwegian sentence, never 500.
/// </summary>
public static class StatisticsEndpoints
{
    public const string StatisticsPath = "/statistikk/eksport.csv";
    public const string CaseListPath = "/saker/eksport.csv";

    public static IEndpointRouteBuilder MapStatisticsEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(StatisticsPath, (HttpContext http, IMediator mediator, UiText text) =>
            ExportAsync(text, async () =>
            {
                var q = http.Request.Query;
                var result = await mediator.Send(new ExportStatistics.Query(
                    new GetStatistics.Query(ParseGuid(q["skole"]), ParseMonth(q["fra"]), ParseMonth(q["til"]))), http.RequestAborted);
                return Results.File(ExportStatistics.ToCsv(result, text), Csv.ContentType, ExportStatistics.FileName(result));
            })).RequireAuthorization();

        endpoints.MapGet(CaseListPath, (HttpContext http, IMediator mediator, UiText text) =>
            ExportAsync(text, async () =>
            {
                var q = http.Request.Query;
                var result = await mediator.Send(new ExportCaseList.Query(
                    CaseListFilter(q["sok"], q["status"], q["vis"], q["skole"], q["frist"]), IncludeNames: q["navn"] == "1"), http.RequestAborted);
                return Results.File(ExportCaseList.ToCsv(result, text), Csv.ContentType, ExportCaseList.FileName(result));
            })).RequireAuthorization();
        return endpoints;
    }

    /// <summary>The /saker page's query string as its list query, read the way the page reads it.</summary>
    public static ListCases.Query CaseListFilter(string? search, string? state, string? show, string? school, string? overdue)
    {
        var query = new ListCases.Query(
            SchoolId: ParseGuid(school),
            State: Enum.TryParse<CaseState>(state, out var parsed) && Enum.IsDefined(parsed) ? parsed : null,
            OverdueOnly: overdue == "1",
            Show: show switch { "avsluttede" => ListCases.Status.Closed, "alle" => ListCases.Status.All, _ => ListCases.Status.Open },
            Search: string.IsNullOrWhiteSpace(search) ? null : search.Trim());
        return query.State == CaseState.Closed && query.Show == ListCases.Status.Open ? query with { Show = ListCases.Status.All } : query;
    }

    /// <summary>A month from an &lt;input type="month"&gt; ("2026-03"); anything else is no choice (the default).</summary>
    public static DateOnly? ParseMonth(string? value) =>
        DateOnly.TryParseExact(value + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month) ? month : null;

    public static Guid? ParseGuid(string? value) => Guid.TryParse(value, out var id) ? id : null;

    private static async Task<IResult> ExportAsync(UiText text, Func<Task<IResult>> export)
    {
        try
        {
            return await export();
        }
        catch (ForbiddenException)
        {
            return Refusal(text["Statistics.Export.Forbidden"], StatusCodes.Status403Forbidden);
        }
        catch (NotFoundOrNoAccessException ex)
        {
            return Refusal(text.Error(ex)!, StatusCodes.Status404NotFound);
        }
        catch (ValidationException ex)
        {
            var messages = text.FieldErrors(ex, _ => "").SelectMany(e => e.Value);
            return Refusal(string.Join(" ", messages), StatusCodes.Status400BadRequest);
        }
    }

    private static IResult Refusal(string message, int status) => Results.Text(message, "text/plain; charset=utf-8", statusCode: status);
}
