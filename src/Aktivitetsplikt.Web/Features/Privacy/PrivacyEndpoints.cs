using Aktivitetsplikt.Web.Infrastructure;
using FluentValidation;
using MediatR;

namespace Aktivitetsplikt.Web.Features.Privacy;

/// <summary>
/// The download of everything about one pupil: a GET (an export is a read; its audit entry is a log line, as with the CSV
/// exports), sent through the pipeline as the signed-in user. A refusal is a 4xx with a Norwegian sentence, never a 500.
/// </summary>
public static class PrivacyEndpoints
{
    public const string PagePath = "/personvern";

    public static string ExportPath(Guid pupilId) => $"/personvern/elever/{pupilId}/innsyn.zip";

    public static IEndpointRouteBuilder MapPrivacyEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/personvern/elever/{pupilId}/innsyn.zip", async (string pupilId, HttpContext http, IMediator mediator, UiText text) =>
        {
            if (!Guid.TryParse(pupilId, out var id)) return Refusal(text["Error.NotFound"], StatusCodes.Status404NotFound);
            try
            {
                var result = await mediator.Send(new ExportPupilData.Query(id), http.RequestAborted);
                return Results.File(result.Zip, "application/zip", result.FileName);
            }
            catch (ForbiddenException)
            {
                return Refusal(text["Privacy.Export.Forbidden"], StatusCodes.Status403Forbidden);
            }
            catch (NotFoundOrNoAccessException ex)
            {
                return Refusal(text.Error(ex)!, StatusCodes.Status404NotFound);
            }
            catch (ValidationException)
            {
                return Refusal(text["Error.NotFound"], StatusCodes.Status404NotFound);
            }
        }).RequireAuthorization();
        return endpoints;
    }

    internal static IResult Refusal(string message, int status) => Results.Text(message, "text/plain; charset=utf-8", statusCode: status);
}

/// <summary>The export's sections: a new kind of record about a pupil (attachments, meetings, necessity records) adds one line here.</summary>
public static class PrivacyRegistration
{
    public static IServiceCollection AddPrivacyExport(this IServiceCollection services) =>
        services
            .AddScoped<IPupilDataSection, PupilSection>()
            .AddScoped<IPupilDataSection, GuardiansSection>()
            .AddScoped<IPupilDataSection, CasesSection>()
            .AddScoped<IPupilDataSection, DocumentsSection>()
            .AddScoped<IPupilDataSection, AttachedFilesSection>()
            .AddScoped<IPupilDataSection, MeetingsSection>()
            .AddScoped<IPupilDataSection, NecessityRecordsSection>()
            .AddScoped<IPupilDataSection, AccessLogSection>();
}
