using System.Security.Cryptography;
using System.Text.Json.Serialization;
using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Features.Cases;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Pipeline;
using FluentValidation;

namespace Aktivitetsplikt.Web.Features.Evidence;

/// <summary>
/// Staff with access to the case attach evidence to it, or to one of its entries: a PNG, JPEG, PDF or DOCX as its
/// content shows, within the size limit. The bytes go to the <see cref="AttachmentStore"/>; the timeline gets the
/// name and the SHA-256. The audit entry records the name, the size and the entry, never the bytes.
/// </summary>
public static class AddAttachment
{
    public sealed record Command(Guid CaseId, int? ExpectedRevision, string FileName, Guid? EntryId) : ICaseCommand
    {
        [JsonIgnore]
        public byte[] Content { get; init; } = [];

        public long SizeBytes => Content.LongLength;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(AttachmentStore store)
        {
            RuleFor(c => c.FileName).RequiredName(AttachmentFiles.MaxFileNameLength);
            RuleFor(c => c.Content).Cascade(CascadeMode.Stop)
                .Must(content => content is { Length: > 0 }).WithErrorCode("AttachmentEmpty")
                .Must((_, content, context) =>
                {
                    if (content.LongLength <= store.MaxBytes) return true;
                    context.MessageFormatter.AppendArgument(ValidationRules.Detail1, store.MaxBytes / (1024 * 1024));
                    return false;
                }).WithErrorCode("AttachmentTooLarge")
                .Must(content => AttachmentFiles.Detect(content) is not null).WithErrorCode("AttachmentType");
        }
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user, TimeProvider time, AttachmentStore store) : CaseStepHandler<Command>(db, user, time)
    {
        protected override async Task ApplyAsync(Case @case, Actor actor, DateTime nowUtc, Command command, CancellationToken cancellationToken)
        {
            // The validator has read the kind already; a request that skipped it (none can) would still not store an unknown kind.
            var kind = AttachmentFiles.Detect(command.Content) ?? throw new InvalidOperationException("The attachment's kind was not checked.");
            var sha256 = Convert.ToHexStringLower(SHA256.HashData(command.Content));
            var attachment = @case.AddAttachment(actor, nowUtc,
                new AttachmentUpload(AttachmentFiles.BaseName(command.FileName), kind, command.Content.LongLength, sha256, command.EntryId));
            await store.WriteAsync(attachment.Id, command.Content, cancellationToken);
        }
    }
}

/// <summary>An attachment is withdrawn with a reason: a new entry; the file and its row stay on record.</summary>
public static class WithdrawAttachment
{
    public sealed record Command(Guid CaseId, int? ExpectedRevision, Guid AttachmentId, string Reason) : ICaseCommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Reason).RequiredText(ValidationRules.ShortText);
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user, TimeProvider time) : SimpleCaseStepHandler<Command>(db, user, time)
    {
        protected override void Apply(Case @case, Actor actor, DateTime nowUtc, Command command) =>
            @case.WithdrawAttachment(actor, nowUtc, command.AttachmentId, command.Reason);
    }
}

/// <summary>The principal (or the § 9A team) shows an attachment in the family's view, or hides it again: each change an entry.</summary>
public static class SetAttachmentFamilyVisibility
{
    public sealed record Command(Guid CaseId, int? ExpectedRevision, Guid AttachmentId, bool Visible) : ICaseCommand;

    public sealed class Handler(AppDbContext db, ICurrentUser user, TimeProvider time) : SimpleCaseStepHandler<Command>(db, user, time)
    {
        protected override void Apply(Case @case, Actor actor, DateTime nowUtc, Command command) =>
            @case.SetAttachmentFamilyVisibility(actor, nowUtc, command.AttachmentId, command.Visible);
    }
}
