using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Features.Cases;
using Aktivitetsplikt.Web.Features.Documents;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Pipeline;
using AutoMapper;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Aktivitetsplikt.Web.Features.Family;

/// <summary>
/// The family's copy of the school's parent letter (<see cref="ParentLetterDocument"/>, called, not forked: it masks every
/// other pupil). Offered once the school has made a letter on the case: the school decides when the family gets letters.
/// The app keeps no document bytes, so the copy is built from the case as it stands now, signed like the school's latest
/// letter; it is a read, so it writes no case entry — the audit chain records the download with the copy's SHA-256.
/// </summary>
public static class GetFamilyLetter
{
    public const string PathTemplate = "/familie/sak/{caseId:guid}/foreldrebrev";

    public static string Path(Guid caseId) => $"/familie/sak/{caseId}/foreldrebrev";

    [AllowedRoles(Role.Guardian)]
    public sealed record Query(Guid CaseId) : IRequest<Result>, ICaseRequest;

    public sealed record Result(byte[] Content, string FileName);

    public sealed class Handler(AppDbContext db, IMapper mapper, UiText text, TimeProvider time, AuditLog audit) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var @case = await db.CasesWithHistory.AsNoTracking().SingleOrDefaultAsync(c => c.Id == query.CaseId, cancellationToken)
                ?? throw new NotFoundOrNoAccessException("The case");
            var data = await CaseDocumentData.LoadAsync(db, mapper, @case, cancellationToken);
            var latest = data.Timeline.LastOrDefault(GetFamilyCase.IsParentLetter)
                ?? throw new NotFoundOrNoAccessException("The letter");
            var content = ParentLetterDocument.Build(data, new Actor(latest.ActorUserId, latest.ActorName, latest.ActorRole), time.UtcNow(), text);
            var fileName = ParentLetterDocument.FileName(data.CaseNumber);
            var sha256 = Convert.ToHexString(SHA256.HashData(content)).ToLowerInvariant();
            await audit.AppendAndSaveAsync("DownloadFamilyLetter", @case.Id,
                JsonSerializer.Serialize(new { caseNumber = @case.CaseNumber, fileName, sha256 }), cancellationToken);
            return new Result(content, fileName);
        }
    }

    public static IEndpointRouteBuilder MapFamilyEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(PathTemplate, async (Guid caseId, IMediator mediator, UiText text, CancellationToken cancellationToken) =>
        {
            try
            {
                var result = await mediator.Send(new Query(caseId), cancellationToken);
                return Results.File(result.Content, DocxWriter.ContentType, result.FileName);
            }
            catch (NotFoundOrNoAccessException)
            {
                return Refusal(text["Family.Letter.NotFound"], StatusCodes.Status404NotFound, text);
            }
            catch (ForbiddenException)
            {
                return Refusal(text["Family.Letter.NotFound"], StatusCodes.Status403Forbidden, text);
            }
        }).RequireAuthorization(policy => policy.RequireRole(nameof(Role.Guardian)));
        endpoints.MapFamilyAttachmentEndpoint();
        return endpoints;
    }

    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    internal static IResult Refusal(string message, int status, UiText text) =>
        Results.Content(
            $"<!DOCTYPE html><html lang=\"{(System.Globalization.CultureInfo.CurrentUICulture.Name == "nn-NO" ? "nn" : "nb")}\"><head><meta charset=\"utf-8\"><title>{Html.Encode(text["Family.Letter.RefusedTitle"])}</title></head>"
            + $"<body><h1>{Html.Encode(text["Family.Letter.RefusedTitle"])}</h1><p>{Html.Encode(message)}</p>"
            + $"<p><a href=\"/familie\">{Html.Encode(text["Family.BackToList"])}</a></p></body></html>",
            "text/html; charset=utf-8", System.Text.Encoding.UTF8, status);
}
