using System.Net;
using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Infrastructure;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Mvc;

namespace Aktivitetsplikt.Web.Features.Documents;

/// <summary>
/// The downloads. A static SSR page cannot answer with a file, and making a document records it on the
/// timeline (a write), so each is a POST with antiforgery (binding [FromForm] makes the endpoint require the
/// token) that sends the command through the pipeline as the signed-in user and streams the bytes.
/// A refusal is a 4xx with a Norwegian sentence, never a 500.
/// </summary>
public static class DocumentEndpoints
{
    public static readonly IReadOnlyDictionary<string, DocumentKind> Kinds = new Dictionary<string, DocumentKind>
    {
        ["aktivitetsplan"] = DocumentKind.ActivityPlan,
        ["dokumentasjon"] = DocumentKind.CaseBundle,
        ["foreldrebrev"] = DocumentKind.ParentLetter,
    };

    public static string Slug(DocumentKind kind) => Kinds.Single(k => k.Value == kind).Key;

    public static IEndpointRouteBuilder MapDocumentEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/saker/{caseId:guid}/dokumenter/{kind}", async (Guid caseId, string kind,
            [FromForm(Name = "version")] int? version, [FromForm(Name = "mask")] string? mask, [FromForm(Name = "maskNames")] string? maskNames,
            IMediator mediator, UiText text, CancellationToken cancellationToken) =>
        {
            if (!Kinds.TryGetValue(kind, out var documentKind))
                return Refusal(text["Documents.UnknownKind"], StatusCodes.Status404NotFound, caseId, text);
            var names = mask == "true" && documentKind == DocumentKind.ActivityPlan
                ? (maskNames ?? "").Split(new[] { '\n', '\r', ',', ';' }, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                : Array.Empty<string>();
            try
            {
                var result = await mediator.Send(new GenerateDocument.Command(caseId, documentKind,
                    documentKind == DocumentKind.ActivityPlan ? version : null, names), cancellationToken);
                return Results.File(result.Content, result.ContentType, result.FileName);
            }
            catch (Exception ex) when (text.Error(ex) is { } message)
            {
                return Refusal(message, StatusCode(ex), caseId, text);
            }
        }).RequireAuthorization();
        return endpoints;
    }

    private static int StatusCode(Exception exception) => exception switch
    {
        NotFoundOrNoAccessException => StatusCodes.Status404NotFound,
        ForbiddenException => StatusCodes.Status403Forbidden,
        CaseRuleViolation { Code: RefusalCode.RoleMayNotAct or RefusalCode.LeadershipSuspectedPrincipalExcluded } => StatusCodes.Status403Forbidden,
        CaseRuleViolation { Code: RefusalCode.PlanVersionNotFound } => StatusCodes.Status404NotFound,
        NotSignedInException => StatusCodes.Status401Unauthorized,
        ValidationException => StatusCodes.Status400BadRequest,
        _ => StatusCodes.Status409Conflict,
    };

    /// <summary>A small page of its own: the status-code pages only fill empty responses, so this sentence is what the user reads.</summary>
    private static IResult Refusal(string message, int status, Guid caseId, UiText text) =>
        Results.Content(
            $"<!DOCTYPE html><html lang=\"{(System.Globalization.CultureInfo.CurrentUICulture.Name == "nn-NO" ? "nn" : "nb")}\"><head><meta charset=\"utf-8\"><title>{WebUtility.HtmlEncode(text["Documents.RefusedTitle"])}</title></head>"
            + $"<body><h1>{WebUtility.HtmlEncode(text["Documents.RefusedTitle"])}</h1><p>{WebUtility.HtmlEncode(message)}</p>"
            + $"<p><a href=\"/saker/{caseId}\">{WebUtility.HtmlEncode(text["Documents.BackToCase"])}</a></p></body></html>",
            "text/html; charset=utf-8", System.Text.Encoding.UTF8, status);
}
