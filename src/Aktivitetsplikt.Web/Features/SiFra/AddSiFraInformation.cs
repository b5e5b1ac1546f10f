using System.Text.Json.Serialization;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Features.Cases;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Pipeline;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Aktivitetsplikt.Web.Features.SiFra;

/// <summary>
/// The sender of a "si fra" message adds more through their receipt: a new entry on the case, audited, the principal
/// notified. The same text as the latest addition is not added twice (a double post).
/// </summary>
public static class AddSiFraInformation
{
    [PublicRequest]
    public sealed record Command(
        /// <summary>The receipt code; kept out of the audit chain (it is the sender's key).</summary>
        [property: JsonIgnore] string Code,
        string Text) : ICommand<Unit>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Code).RequiredText(ReceiptCodes.MaxTypedLength);
            RuleFor(c => c.Text).RequiredText();
        }
    }

    public sealed class Handler(AppDbContext db, TimeProvider time) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var hash = ReceiptCodes.Normalise(command.Code) is { } code ? ReceiptCodes.Hash(code) : null;
            var caseId = hash is null ? null : await db.SiFraReceipts.AsNoTracking().Where(r => r.CodeHash == hash)
                .Select(r => (Guid?)r.CaseId).SingleOrDefaultAsync(cancellationToken);
            if (caseId is null) throw new NotFoundOrNoAccessException("The receipt");
            var @case = await db.CasesWithHistory.SingleAsync(c => c.Id == caseId, cancellationToken);
            var latest = @case.Entries.LastOrDefault(e => e.Kind == Domain.Cases.EntryKind.SiFraInformation);
            if (latest is not null && latest.Text == command.Text.Trim()) return Unit.Value;
            @case.AddSiFraInformation(time.UtcNow(), command.Text);
            return Unit.Value;
        }
    }
}
