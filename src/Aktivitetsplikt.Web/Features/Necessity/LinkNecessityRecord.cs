using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Pipeline;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Aktivitetsplikt.Web.Features.Necessity;

/// <summary>
/// Links a necessity record to an aktivitetsplikt case of the same pupil. The case's timeline records it (who, when,
/// which record), as a comment would be; a case the user cannot see is refused as not found, a case of another pupil or a
/// record already linked with a message. Once linked, the link stays.
/// </summary>
public static class LinkNecessityRecord
{
    [AllowedRoles(Role.Staff, Role.Principal, Role.SchoolOwnerTeam)]
    public sealed record Command(Guid RecordId, Guid CaseId) : ICommand<Unit>, ICaseRequest;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.RecordId).NotEmpty();
            RuleFor(c => c.CaseId).NotEmpty();
        }
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user, TimeProvider time) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var record = await db.NecessityRecords.VisibleTo(db, user).SingleOrDefaultAsync(r => r.Id == command.RecordId, cancellationToken)
                ?? throw new NotFoundOrNoAccessException("The necessity record");
            if (record.CaseId is not null) throw RecordNecessity.Refusal(nameof(Command.CaseId), "NecessityAlreadyLinked");
            var @case = await db.CasesWithHistory.SingleAsync(c => c.Id == command.CaseId, cancellationToken);
            if (@case.PupilId != record.PupilId) throw RecordNecessity.Refusal(nameof(Command.CaseId), "NecessityOtherPupil");
            var now = time.UtcNow();
            var actor = await db.ActorForCaseAsync(user, @case.Id, cancellationToken);
            @case.LinkNecessityRecord(actor, now, record.Id, Description(record));
            record.LinkTo(@case, now);
            return Unit.Value;
        }
    }

    /// <summary>How the case's timeline names the linked record: "Nødrett/nødverge 01.12.2026 10:15" (Oslo time).</summary>
    internal static string Description(Domain.Necessity.NecessityRecord record) =>
        "Nødrett/nødverge " + UiText.ToOslo(record.OccurredAtUtc).ToString("dd.MM.yyyy HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}
