using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Pipeline;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Aktivitetsplikt.Web.Features.Evidence;

/// <summary>
/// An attachment's bytes, through the case's scope check like every case request, and written to the audit chain as
/// a read ("ViewAttachment"), so browsing can be found. A withdrawn attachment is still documentation: the principal
/// and the § 9A team can open it; staff no longer can. <see cref="Query.Inline"/> asks for an image to show on the page:
/// only a PNG or a JPEG answers it.
/// </summary>
public static class GetAttachmentContent
{
    public sealed record Query(Guid CaseId, Guid AttachmentId, bool Inline = false) : IRequest<Result>, ICaseRequest;

    public sealed record Result(byte[] Content, string ContentType, string DownloadName, AttachmentKind Kind);

    public sealed class Handler(AppDbContext db, ICurrentUser user, AttachmentStore store, AuditLog audit) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var attachment = await db.CaseAttachments.AsNoTracking()
                .SingleOrDefaultAsync(a => a.Id == query.AttachmentId && a.CaseId == query.CaseId, cancellationToken)
                ?? throw new NotFoundOrNoAccessException("The attachment");
            if (attachment.IsWithdrawn && user.Role == Role.Staff) throw new NotFoundOrNoAccessException("The attachment");
            if (query.Inline && !attachment.IsImage) throw new NotFoundOrNoAccessException("The image");
            var content = await store.ReadAsync(attachment.Id, cancellationToken)
                ?? throw new NotFoundOrNoAccessException("The attachment's file");
            await audit.AppendAndSaveAsync("ViewAttachment", query.CaseId,
                $"{{\"attachmentId\":\"{attachment.Id}\",\"sha256\":\"{attachment.Sha256}\",\"inline\":{(query.Inline ? "true" : "false")}}}", cancellationToken);
            return new Result(content, AttachmentFiles.ContentType(attachment.Kind), AttachmentFiles.DownloadName(attachment.FileName, attachment.Kind), attachment.Kind);
        }
    }
}
