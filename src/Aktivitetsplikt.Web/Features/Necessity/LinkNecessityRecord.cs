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
            var @case = await db.CasesWithHistory.SingleAsync(c => c.Id == command.CaseId, cancellationToken);
            var record = await RecordToLinkAsync(db, user, command.RecordId, @case.PupilId,
                alreadyLinkedField: nameof(Command.CaseId), otherPupil: (nameof(Command.CaseId), "NecessityOtherPupil"), cancellationToken);
            var now = time.UtcNow();
            var actor = await db.ActorForCaseAsync(user, @case.Id, cancellationToken);
            @case.LinkNecessityRecord(actor, now, record.Id, Description(record));
            record.LinkTo(@case, now);
            return Unit.Value;
        }
    }

    /// <summary>
    /// The record a case of <paramref name="pupilId"/> may be linked to, for this command and for a concern made from the
    /// record (<see cref="Cases.LogConcern"/>): one the user may see (else not found, as any record they may not see), not
    /// yet linked to a case, about the same pupil. The refusals name the field the user chose: here the case ("the case is
    /// about another pupil"), on the concern form the pupil ("the record is about another pupil").
    /// </summary>
    internal static async Task<Domain.Necessity.NecessityRecord> RecordToLinkAsync(AppDbContext db, ICurrentUser user, Guid recordId, Guid? pupilId,
        string alreadyLinkedField, (string Field, string Code) otherPupil, CancellationToken cancellationToken)
    {
        var record = await db.NecessityRecords.VisibleTo(db, user).SingleOrDefaultAsync(r => r.Id == recordId, cancellationToken)
            ?? throw new NotFoundOrNoAccessException("The necessity record");
        if (record.CaseId is not null) throw RecordNecessity.Refusal(alreadyLinkedField, "NecessityAlreadyLinked");
        if (record.PupilId != pupilId) throw RecordNecessity.Refusal(otherPupil.Field, otherPupil.Code);
        return record;
    }

    /// <summary>How the case's timeline names the linked record: "Nødrett/nødverge 01.12.2026 10:15" (Oslo time).</summary>
    internal static string Description(Domain.Necessity.NecessityRecord record) =>
        "Nødrett/nødverge " + UiText.ToOslo(record.OccurredAtUtc).ToString("dd.MM.yyyy HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}
