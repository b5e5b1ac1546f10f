using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Infrastructure;
using FluentValidation;
using MediatR;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Antiforgery;

namespace Aktivitetsplikt.Web.Features.Documents;

/// <summary>
/// The downloads. A static SSR page cannot answer with a file, and making a document records it on the
/// timeline (a write), so each is a POST with antiforgery (the endpoint asks the antiforgery middleware to check
/// the token) that sends the command through the pipeline as the signed-in user and streams the bytes.
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
        endpoints.MapPost("/saker/{caseId:guid}/dokumenter/{kind}", async (Guid caseId, string kind, HttpContext http,
            IMediator mediator, UiText text, CancellationToken cancellationToken) =>
        {
            // The antiforgery middleware has checked the token (the metadata below asks it to); say so in Norwegian
            // instead of letting the form read throw.
            if (http.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false })
                return Refusal(text["Documents.AntiforgeryFailed"], StatusCodes.Status400BadRequest, caseId, text);
            if (!Kinds.TryGetValue(kind, out var documentKind))
                return Refusal(text["Documents.UnknownKind"], StatusCodes.Status404NotFound, caseId, text);
            var form = http.Request.HasFormContentType ? await http.Request.ReadFormAsync(cancellationToken) : FormCollection.Empty;
            int? version = int.TryParse(form["version"], out var v) ? v : null;
            var names = form["mask"] == "true" && documentKind == DocumentKind.ActivityPlan
                ? form["maskNames"].ToString().Split(['\n', '\r', ',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                : null;
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
        }).RequireAuthorization().WithMetadata(new RequireAntiforgeryTokenAttribute());
        return endpoints;
    }

    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

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
            $"<!DOCTYPE html><html lang=\"{(System.Globalization.CultureInfo.CurrentUICulture.Name == "nn-NO" ? "nn" : "nb")}\"><head><meta charset=\"utf-8\"><title>{Html.Encode(text["Documents.RefusedTitle"])}</title></head>"
            + $"<body><h1>{Html.Encode(text["Documents.RefusedTitle"])}</h1><p>{Html.Encode(message)}</p>"
            + $"<p><a href=\"/saker/{caseId}\">{Html.Encode(text["Documents.BackToCase"])}</a></p></body></html>",
            "text/html; charset=utf-8", System.Text.Encoding.UTF8, status);
}
