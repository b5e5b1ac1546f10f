using System.Text.Encodings.Web;
using System.Text.Unicode;
using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Infrastructure;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace Aktivitetsplikt.Web.Features.Evidence;

/// <summary>
/// Attachments over HTTP. Upload: a multipart POST with antiforgery (the case page's form without script; the
/// interactive page sends the same command from its InputFile). Download: a GET through the case's access check,
/// always <c>Content-Disposition: attachment</c>, <c>no-store</c> and <c>nosniff</c>, the content type from the
/// content's kind. An image shown on the page comes from its own route, PNG and JPEG only, inline. Every refusal
/// is a 4xx with a Norwegian sentence, never a 500.
/// </summary>
public static class AttachmentEndpoints
{
    public const string FileField = "file";
    public const string EntryField = "entryId";

    public static string UploadUrl(Guid caseId) => $"/saker/{caseId}/vedlegg";
    public static string DownloadUrl(Guid caseId, Guid attachmentId) => $"/saker/{caseId}/vedlegg/{attachmentId}";
    public static string ImageUrl(Guid caseId, Guid attachmentId) => $"/saker/{caseId}/vedlegg/{attachmentId}/bilde";

    public static IEndpointRouteBuilder MapAttachmentEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/saker/{caseId:guid}/vedlegg", UploadAsync)
            .RequireAuthorization().WithMetadata(new RequireAntiforgeryTokenAttribute())
            // The size limit is the command's, with a Norwegian message; the server's own limit sits above the largest allowed.
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute((AttachmentSettings.MaxMegabytes + 10) * 1024L * 1024L));
        endpoints.MapGet("/saker/{caseId:guid}/vedlegg/{attachmentId:guid}", (Guid caseId, Guid attachmentId, HttpContext http, IMediator mediator, UiText text, CancellationToken ct) =>
            ServeAsync(new GetAttachmentContent.Query(caseId, attachmentId), http, mediator, text, ct)).RequireAuthorization();
        endpoints.MapGet("/saker/{caseId:guid}/vedlegg/{attachmentId:guid}/bilde", (Guid caseId, Guid attachmentId, HttpContext http, IMediator mediator, UiText text, CancellationToken ct) =>
            ServeAsync(new GetAttachmentContent.Query(caseId, attachmentId, Inline: true), http, mediator, text, ct)).RequireAuthorization();
        return endpoints;
    }

    private static async Task<IResult> UploadAsync(Guid caseId, HttpContext http, IMediator mediator, UiText text, AttachmentStore store, CancellationToken cancellationToken)
    {
        if (http.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false })
            return Refusal(text["Documents.AntiforgeryFailed"], StatusCodes.Status400BadRequest, caseId, text);
        if (!http.Request.HasFormContentType)
            return Refusal(text["Attachments.NoFile"], StatusCodes.Status400BadRequest, caseId, text);
        IFormCollection form;
        try
        {
            form = await http.Request.ReadFormAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException or IOException)
        {
            return Refusal(text["Attachments.Unreadable"], StatusCodes.Status400BadRequest, caseId, text);
        }
        var file = form.Files.GetFile(FileField);
        if (file is null || file.Length == 0)
            return Refusal(text["Attachments.NoFile"], StatusCodes.Status400BadRequest, caseId, text);
        Guid? entryId = null;
        if (!string.IsNullOrWhiteSpace(form[EntryField]))
        {
            if (!Guid.TryParse(form[EntryField], out var parsed))
                return Refusal(text["Attachments.UnknownEntry"], StatusCodes.Status400BadRequest, caseId, text);
            entryId = parsed;
        }
        if (file.Length > store.MaxBytes)
            return Refusal(text.Format("Validation.AttachmentTooLarge", text["Attachments.File"], "", store.MaxBytes / (1024 * 1024)),
                StatusCodes.Status413PayloadTooLarge, caseId, text);
        byte[] content;
        await using (var stream = file.OpenReadStream())
        {
            using var buffer = new MemoryStream((int)file.Length);
            await stream.CopyToAsync(buffer, cancellationToken);
            content = buffer.ToArray();
        }
        try
        {
            await mediator.Send(new AddAttachment.Command(caseId, null, AttachmentFiles.BaseName(file.FileName), entryId) { Content = content }, cancellationToken);
            return Results.Redirect($"/saker/{caseId}?utfort={nameof(CaseTrigger.AddAttachment)}#vedlegg", permanent: false, preserveMethod: false);
        }
        catch (ValidationException ex)
        {
            var messages = text.FieldErrors(ex, _ => text["Attachments.File"]).SelectMany(f => f.Value);
            return Refusal(string.Join(" ", messages), StatusCodes.Status400BadRequest, caseId, text);
        }
        catch (Exception ex) when (text.Error(ex) is { } message)
        {
            return Refusal(message, StatusCode(ex), caseId, text);
        }
    }

    private static async Task<IResult> ServeAsync(GetAttachmentContent.Query query, HttpContext http, IMediator mediator, UiText text, CancellationToken cancellationToken)
    {
        try
        {
            return File(http, await mediator.Send(query, cancellationToken), query.Inline);
        }
        catch (Exception ex) when (text.Error(ex) is { } message)
        {
            return Refusal(message, StatusCode(ex), query.CaseId, text);
        }
    }

    /// <summary>An attachment's bytes as every download serves them (the school's and the family's).</summary>
    public static IResult File(HttpContext http, GetAttachmentContent.Result result, bool inline)
    {
        var headers = http.Response.Headers;
        headers.CacheControl = "no-store";
        headers.XContentTypeOptions = "nosniff";
        // The file is never a page: nothing in it may run or load anything, even if a browser were tricked into rendering it.
        headers["Content-Security-Policy"] = "default-src 'none'; sandbox";
        var disposition = new ContentDispositionHeaderValue(inline ? "inline" : "attachment");
        disposition.SetHttpFileName(result.DownloadName);
        headers.ContentDisposition = disposition.ToString();
        return Results.Bytes(result.Content, result.ContentType);
    }

    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    private static int StatusCode(Exception exception) => exception switch
    {
        NotFoundOrNoAccessException => StatusCodes.Status404NotFound,
        ForbiddenException => StatusCodes.Status403Forbidden,
        CaseRuleViolation { Code: RefusalCode.RoleMayNotAct or RefusalCode.LeadershipSuspectedPrincipalExcluded } => StatusCodes.Status403Forbidden,
        CaseRuleViolation { Code: RefusalCode.EntryNotFound or RefusalCode.AttachmentNotFound } => StatusCodes.Status404NotFound,
        NotSignedInException => StatusCodes.Status401Unauthorized,
        ValidationException => StatusCodes.Status400BadRequest,
        _ => StatusCodes.Status409Conflict,
    };

    private static IResult Refusal(string message, int status, Guid caseId, UiText text) =>
        Results.Content(
            $"<!DOCTYPE html><html lang=\"{(System.Globalization.CultureInfo.CurrentUICulture.Name == "nn-NO" ? "nn" : "nb")}\"><head><meta charset=\"utf-8\"><title>{Html.Encode(text["Attachments.RefusedTitle"])}</title></head>"
            + $"<body><h1>{Html.Encode(text["Attachments.RefusedTitle"])}</h1><p>{Html.Encode(message)}</p>"
            + $"<p><a href=\"/saker/{caseId}\">{Html.Encode(text["Documents.BackToCase"])}</a></p></body></html>",
            "text/html; charset=utf-8", System.Text.Encoding.UTF8, status);
}
