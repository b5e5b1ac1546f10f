using System.Text.Json;
using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Features.Evidence;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Pipeline;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Aktivitetsplikt.Web.Features.Family;

/// <summary>
/// A file the school marked for the family (ADR 018, 021), for a guardian of the pupil: the pipeline lets only a guardian of
/// that pupil reach the case; here the attachment must belong to the case, be marked for the family and not be withdrawn.
/// Anything else answers as "not found" and is written to the audit chain as a refused access (browsing can be found);
/// a download is a <c>ViewAttachment</c> read with <c>"family":true</c>. The bytes are served as the school's downloads are
/// (<see cref="AttachmentEndpoints.File"/>: attachment disposition, no-store, nosniff, a sandbox CSP).
/// </summary>
public static class GetFamilyAttachment
{
    public const string PathTemplate = "/familie/sak/{caseId:guid}/vedlegg/{attachmentId:guid}";

    public static string Path(Guid caseId, Guid attachmentId) => $"/familie/sak/{caseId}/vedlegg/{attachmentId}";

    [AllowedRoles(Role.Guardian)]
    public sealed record Query(Guid CaseId, Guid AttachmentId) : IRequest<GetAttachmentContent.Result>, ICaseRequest;

    public sealed class Handler(AppDbContext db, AttachmentStore store, AuditLog audit) : IRequestHandler<Query, GetAttachmentContent.Result>
    {
        public async Task<GetAttachmentContent.Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var attachment = await db.CaseAttachments.AsNoTracking()
                .SingleOrDefaultAsync(a => a.Id == query.AttachmentId && a.CaseId == query.CaseId, cancellationToken);
            if (attachment is null || !ListAttachments.From(attachment).ForFamily)
            {
                await audit.AppendAndSaveAsync("AccessRefused", query.CaseId, JsonSerializer.Serialize(new
                {
                    request = AuditLog.ActionName(query), caseId = query.CaseId, attachmentId = query.AttachmentId, exists = attachment is not null,
                }), cancellationToken);
                throw new NotFoundOrNoAccessException("The attachment");
            }
            var content = await store.ReadAsync(attachment.Id, cancellationToken) ?? throw new NotFoundOrNoAccessException("The attachment's file");
            await audit.AppendAndSaveAsync("ViewAttachment", query.CaseId,
                JsonSerializer.Serialize(new { attachmentId = attachment.Id, sha256 = attachment.Sha256, family = true }), cancellationToken);
            return new GetAttachmentContent.Result(content, AttachmentFiles.ContentType(attachment.Kind), AttachmentFiles.DownloadName(attachment.FileName, attachment.Kind),
                attachment.Kind);
        }
    }

    public static IEndpointRouteBuilder MapFamilyAttachmentEndpoint(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(PathTemplate, async (Guid caseId, Guid attachmentId, HttpContext http, IMediator mediator, UiText text, CancellationToken cancellationToken) =>
        {
            try
            {
                return AttachmentEndpoints.File(http, await mediator.Send(new Query(caseId, attachmentId), cancellationToken), inline: false);
            }
            catch (Exception ex) when (ex is NotFoundOrNoAccessException or ForbiddenException)
            {
                return GetFamilyLetter.Refusal(text["Family.Attachments.NotFound"], StatusCodes.Status404NotFound, text);
            }
        }).RequireAuthorization(policy => policy.RequireRole(nameof(Role.Guardian)));
        return endpoints;
    }
}
