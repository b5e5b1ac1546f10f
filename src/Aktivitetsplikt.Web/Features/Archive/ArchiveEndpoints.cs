using Aktivitetsplikt.Web.Features.Privacy;
using Aktivitetsplikt.Web.Infrastructure;
using FluentValidation;
using MediatR;

namespace Aktivitetsplikt.Web.Features.Archive;

/// <summary>The download of a run's package: a GET through the pipeline as the signed-in user; a refusal is a 4xx with a Norwegian sentence.</summary>
public static class ArchiveEndpoints
{
    public const string PagePath = "/arkiv";

    public static string DownloadPath(Guid runId) => $"/arkiv/uttrekk/{runId:N}.zip";

    public static IEndpointRouteBuilder MapArchiveEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/arkiv/uttrekk/{runId}.zip", async (string runId, HttpContext http, IMediator mediator, UiText text) =>
        {
            if (!Guid.TryParse(runId, out var id)) return PrivacyEndpoints.Refusal(text["Error.NotFound"], StatusCodes.Status404NotFound);
            try
            {
                var result = await mediator.Send(new DownloadArchiveExport.Query(id), http.RequestAborted);
                return Results.File(result.Path, "application/zip", result.FileName);
            }
            catch (ForbiddenException)
            {
                return PrivacyEndpoints.Refusal(text["Archive.Forbidden"], StatusCodes.Status403Forbidden);
            }
            catch (Exception ex) when (ex is NotFoundOrNoAccessException or ValidationException)
            {
                return PrivacyEndpoints.Refusal(text["Error.NotFound"], StatusCodes.Status404NotFound);
            }
        }).RequireAuthorization();
        return endpoints;
    }
}
