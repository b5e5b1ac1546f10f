using System.Security.Cryptography;
using System.Text.Json.Serialization;
using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Features.Cases;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Pipeline;
using AutoMapper;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Aktivitetsplikt.Web.Features.Documents;

public enum DocumentKind
{
    /// <summary>One version of the activity plan, optionally with other pupils' names masked.</summary>
    ActivityPlan,
    /// <summary>The case documentation for the county governor (§ 12-6).</summary>
    CaseBundle,
    /// <summary>The letter informing the parents of the case and their rights.</summary>
    ParentLetter,
}

/// <summary>
/// Builds a document about the case and records it on the timeline with the SHA-256 of its bytes, in the
/// same transaction as the audit entry: a copy handed out or filed can always be matched to the history.
/// The endpoint streams the bytes (a static SSR page cannot answer with a file).
/// </summary>
public static class GenerateDocument
{
    /// <param name="MaskNames">Names to mask in a plan for the family; kept out of the audit entry (data minimisation), only their count is logged.</param>
    [AllowedRoles(Role.Principal, Role.SchoolOwnerTeam)]
    public sealed record Command(Guid CaseId, DocumentKind Kind, int? PlanVersion = null,
        [property: JsonIgnore] IReadOnlyList<string>? MaskNames = null) : ICommand<Result>, ICaseRequest
    {
        public int MaskedNameCount => MaskNames?.Count ?? 0;
    }

    /// <param name="Content">The document; for a county governor's bundle of a case with attachments, a zip of the bundle and the files (<see cref="BundlePackage"/>).</param>
    /// <param name="Sha256">The document's SHA-256 as the timeline records it (of the .docx, also when it comes in a zip).</param>
    public sealed record Result(byte[] Content, string FileName, string ContentType, string Sha256, CaseCommandResult Case);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Kind).IsInEnum();
            RuleFor(c => c.PlanVersion).NotNull().When(c => c.Kind == DocumentKind.ActivityPlan);
            RuleFor(c => c.MaskNames!.Count).LessThanOrEqualTo(100).When(c => c.MaskNames is not null);
            RuleForEach(c => c.MaskNames).MaximumLength(100);
        }
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user, TimeProvider time, IMapper mapper, UiText text, AuditChainVerifier chain,
        Evidence.AttachmentStore store, AuditLog audit) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var @case = await db.CasesWithHistory.SingleOrDefaultAsync(c => c.Id == command.CaseId, cancellationToken)
                ?? throw new NotFoundOrNoAccessException("The case");
            var actor = user.Actor;
            var now = time.UtcNow();
            var data = await CaseDocumentData.LoadAsync(db, mapper, @case, cancellationToken);

            var (content, fileName) = command.Kind switch
            {
                DocumentKind.ActivityPlan => Plan(data, command, now),
                DocumentKind.CaseBundle => (CaseBundleDocument.Build(data, await chain.VerifyAsync(cancellationToken), actor, now, text),
                    CaseBundleDocument.FileName(data.CaseNumber)),
                DocumentKind.ParentLetter => (ParentLetterDocument.Build(data, actor, now, text), ParentLetterDocument.FileName(data.CaseNumber)),
                _ => throw new ArgumentOutOfRangeException(nameof(command), command.Kind, "Unknown document kind."),
            };

            var sha256 = Convert.ToHexString(SHA256.HashData(content)).ToLowerInvariant();
            @case.RecordDocument(actor, now, command.Kind.ToString(), fileName, sha256, command.Kind == DocumentKind.ActivityPlan ? command.PlanVersion : null);
            var result = new CaseCommandResult(@case.Id, @case.CaseNumber, @case.Revision);
            var attachments = command.Kind == DocumentKind.CaseBundle ? data.Attachments.Where(a => !a.IsWithdrawn).ToList() : [];
            if (attachments.Count == 0) return new Result(content, fileName, DocxWriter.ContentType, sha256, result);

            // The files go out with the bundle: each is read as a download of it is, and written to the audit chain the same way.
            var files = new List<(Evidence.AttachmentView, byte[])>();
            foreach (var attachment in attachments)
            {
                files.Add((attachment, await store.ReadAsync(attachment.Id, cancellationToken) ?? throw new NotFoundOrNoAccessException("The attachment's file")));
                await audit.AppendAsync("ViewAttachment", @case.Id, null, null,
                    $"{{\"attachmentId\":\"{attachment.Id}\",\"sha256\":\"{attachment.Sha256}\",\"withBundle\":true}}", cancellationToken);
            }
            return new Result(BundlePackage.Zip(fileName, content, files), BundlePackage.FileName(data.CaseNumber), BundlePackage.ContentType, sha256, result);
        }

        private (byte[], string) Plan(CaseDocumentData data, Command command, DateTime now)
        {
            var plan = data.Plan(command.PlanVersion!.Value)
                ?? throw new CaseRuleViolation(RefusalCode.PlanVersionNotFound, $"The case has no plan version {command.PlanVersion}.");
            // The family's copy (names to mask given) also masks every pupil heard on the case, typed or not.
            var names = command.MaskNames is null ? [] : data.NamesToMaskForTheFamily(command.MaskNames);
            var masked = names.Count > 0;
            var model = new PlanDocumentModel(data.CaseId, data.CaseNumber, data.SchoolName, data.PupilName, data.PupilGroup,
                NameMasking.Mask(plan, names, text["Documents.MaskedName"]), masked, data.Sender);
            return (PlanDocument.Build(model, text, now), PlanDocument.FileName(data.CaseNumber, plan.Version, masked));
        }
    }
}
