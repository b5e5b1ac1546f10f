using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Pipeline;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using System.Globalization;

namespace Aktivitetsplikt.Web.Features.Cases;

/// <summary>
/// A member of staff logs a concern (følge med), optionally with the intervention (gripe inn) and
/// notifying the principal (varsle) in the same submit. § 12-5 concerns always notify at once.
/// The submit is idempotent: the form carries a one-time <see cref="Command.SubmissionKey"/>, made when the form is
/// rendered and kept in the tab's draft, so a retry after a lost connection shows the first receipt instead of
/// making a second case.
/// </summary>
public static class LogConcern
{
    [AllowedRoles(Role.Staff, Role.Principal)]
    public sealed record Command(
        Guid PupilId,
        string WhatHappened,
        DateTime OccurredAtUtc,
        ConcernLocation Location,
        string? Intervention,
        bool NotifyPrincipalNow,
        bool PupilSaysNotSafe,
        bool EmployeeSuspected,
        bool LeadershipSuspected,
        DateOnly? RaisedWithPrincipalOn = null,
        Guid? SubmissionKey = null,
        Guid? NecessityRecordId = null) : ICommand<CaseCommandResult>;

    /// <summary>
    /// The concern form as typed: text until it is submitted, so nothing typed is lost to a value that does not
    /// parse. <see cref="ToCommand"/> reports every missing or unreadable field at once, by the command's
    /// property names (which the form's inputs are named after), before the command's own validator runs.
    /// </summary>
    public sealed class Form
    {
        public string? PupilId { get; set; }
        public string? WhatHappened { get; set; }
        public string? OccurredAt { get; set; }
        public string? Location { get; set; }
        public string? Intervention { get; set; }
        public bool PupilSaysNotSafe { get; set; }
        public bool EmployeeSuspected { get; set; }
        public bool LeadershipSuspected { get; set; }
        public bool NotifyPrincipalNow { get; set; } = true;
        /// <summary>The date the pupil or the parents raised the case with the principal, when they did (§ 12-6).</summary>
        public string? RaisedWithPrincipalOn { get; set; }
        /// <summary>The one-time key of this form (a GUID), made when it is rendered; kept in the draft, sent with the concern.</summary>
        public string? SubmissionKey { get; set; }
        /// <summary>The necessity record this concern is made from (the record page's "Opprett sak"), linked to the new case.</summary>
        public string? NecessityRecordId { get; set; }

        /// <summary>A fresh form: now (Oslo time) as when, the principal notified unless the user says otherwise, and a new key.</summary>
        public static Form New(DateTime nowUtc) => new() { OccurredAt = UiText.InputValue(nowUtc), SubmissionKey = Guid.NewGuid().ToString() };

        /// <summary>The command, or null with the problems (field, text key) of every field that is missing or unreadable.</summary>
        public (Command? Command, IReadOnlyList<(string Field, string TextKey)> Problems) ToCommand()
        {
            var problems = new List<(string, string)>();
            if (!Guid.TryParse(PupilId, out var pupilId)) problems.Add((nameof(Command.PupilId), "Concern.ChoosePupilError"));
            if (string.IsNullOrWhiteSpace(WhatHappened)) problems.Add((nameof(Command.WhatHappened), "Concern.WhatHappenedError"));
            if (!DateTime.TryParse(OccurredAt, CultureInfo.InvariantCulture, DateTimeStyles.None, out var occurredLocal))
                problems.Add((nameof(Command.OccurredAtUtc), "Concern.WhenError"));
            if (!Enum.TryParse<ConcernLocation>(Location, out var location) || !Enum.IsDefined(location))
                problems.Add((nameof(Command.Location), "Concern.WhereError"));
            DateOnly? raised = null;
            if (!string.IsNullOrWhiteSpace(RaisedWithPrincipalOn))
            {
                if (DateOnly.TryParseExact(RaisedWithPrincipalOn, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) raised = date;
                else problems.Add((nameof(Command.RaisedWithPrincipalOn), "Action.InvalidDate"));
            }
            if (problems.Count > 0) return (null, problems);
            return (new Command(pupilId, WhatHappened!, UiText.FromOslo(occurredLocal), location,
                string.IsNullOrWhiteSpace(Intervention) ? null : Intervention, NotifyPrincipalNow, PupilSaysNotSafe,
                EmployeeSuspected, LeadershipSuspected, raised, Guid.TryParse(SubmissionKey, out var key) ? key : null,
                Guid.TryParse(NecessityRecordId, out var record) ? record : null), problems);
        }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider time)
        {
            RuleFor(c => c.PupilId).NotEmpty();
            RuleFor(c => c.WhatHappened).RequiredText();
            RuleFor(c => (DateTime?)c.OccurredAtUtc).NotInFuture(time).NotTooOld(time).OverridePropertyName(nameof(Command.OccurredAtUtc));
            RuleFor(c => c.Location).IsInEnum();
            RuleFor(c => c.Intervention).OptionalText();
            RuleFor(c => c.RaisedWithPrincipalOn).NotInFuture(time).NotTooOld(time);
            RuleFor(c => c.SubmissionKey).NotEqual(Guid.Empty);
            RuleFor(c => c.NecessityRecordId).NotEqual(Guid.Empty);
            RuleFor(c => c.LeadershipSuspected).Equal(false).When(c => !c.EmployeeSuspected).WithErrorCode("LeadershipWithoutEmployee");
        }
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user, TimeProvider time) : MediatR.IRequestHandler<Command, CaseCommandResult>
    {
        public async Task<CaseCommandResult> Handle(Command command, CancellationToken cancellationToken)
        {
            // One concern at a time takes the next number and checks its form's key (SQLite's single writer does this alone).
            await db.SerializeAsync(StorageLock.CaseNumbers, cancellationToken);
            if (command.SubmissionKey is { } key && await FirstSubmitAsync(key, command, cancellationToken) is { } first) return first;
            var pupil = await db.Pupils.SingleOrDefaultAsync(p => p.Id == command.PupilId && p.SchoolId == user.SchoolId, cancellationToken)
                ?? throw new NotFoundOrNoAccessException("The pupil");
            if (!pupil.IsActive)
                throw new ValidationException([new FluentValidation.Results.ValidationFailure(nameof(Command.PupilId), "inactive") { ErrorCode = "PupilInactive" }]);
            var record = command.NecessityRecordId is { } recordId ? await Necessity.LinkNecessityRecord.RecordToLinkAsync(db, user, recordId, pupil.Id,
                alreadyLinkedField: nameof(Command.NecessityRecordId), otherPupil: (nameof(Command.PupilId), "NecessityRecordOtherPupil"), cancellationToken) : null;
            var now = time.UtcNow();
            var (policy, calendar) = await db.DeadlineRulesForSchoolAsync(pupil.SchoolId, cancellationToken);
            var number = await NextCaseNumberAsync(db, now, cancellationToken);
            var @case = Case.LogConcern(
                new ConcernReport(pupil.SchoolId, pupil.Id, command.WhatHappened, command.OccurredAtUtc, command.Location,
                    command.Intervention, command.NotifyPrincipalNow, command.PupilSaysNotSafe, command.EmployeeSuspected, command.LeadershipSuspected,
                    command.RaisedWithPrincipalOn),
                user.Actor, number, now, policy, calendar);
            db.Cases.Add(@case);
            if (record is not null)
            {
                // In the concern's own transaction: the case never exists without the link its concern was made for.
                @case.LinkNecessityRecord(user.Actor, now, record.Id, Necessity.LinkNecessityRecord.Description(record));
                record.LinkTo(@case, now);
            }
            if (command.SubmissionKey is { } submitted)
                db.ConcernSubmissions.Add(new ConcernSubmission(submitted, user.UserId, @case.Id, Fingerprint(command), now));
            return new CaseCommandResult(@case.Id, @case.CaseNumber, @case.Revision);
        }

        /// <summary>
        /// The case this key already made, for a retry of the same concern. The same key with another concern (a tab
        /// duplicated with its draft, then filled in anew) is refused, so nothing typed is lost; the page then gives the
        /// form a new key. Another user's key looks like one never used. The command runs in the write transaction, so
        /// two submits of one key cannot both pass this check.
        /// </summary>
        private async Task<CaseCommandResult?> FirstSubmitAsync(Guid key, Command command, CancellationToken cancellationToken)
        {
            var me = user.UserId;
            var earlier = await db.ConcernSubmissions.AsNoTracking().SingleOrDefaultAsync(s => s.Key == key, cancellationToken);
            if (earlier is null) return null;
            if (earlier.UserId != me || earlier.Fingerprint != Fingerprint(command)) throw OneTimeForm.KeyReused(nameof(Command.SubmissionKey));
            return await db.Cases.AsNoTracking().Where(c => c.Id == earlier.CaseId)
                .Select(c => new CaseCommandResult(c.Id, c.CaseNumber, c.Revision)).SingleAsync(cancellationToken);
        }

        /// <summary>What makes a submit "the same concern": the pupil and the text.</summary>
        private static string Fingerprint(Command command) => OneTimeForm.Fingerprint(command.PupilId, command.WhatHappened);

        /// <summary>
        /// "2026-0042": the year (Oslo) and a running number. Runs inside the command's write transaction, after the caller
        /// took <see cref="StorageLock.CaseNumbers"/> (it also covers the caller's one-time key check).
        /// </summary>
        internal static async Task<string> NextCaseNumberAsync(AppDbContext db, DateTime nowUtc, CancellationToken cancellationToken)
        {
            var year = Domain.Deadlines.SchoolCalendar.OsloDate(nowUtc).Year;
            var prefix = year + "-";
            var counter = await db.CaseNumberCounters.SingleOrDefaultAsync(c => c.Year == year, cancellationToken);
            int next;
            if (counter is null)
            {
                // The year's first number on this database (or the first since the counter came): from the numbers already given.
                var numbers = await db.Cases.Where(c => c.CaseNumber.StartsWith(prefix)).Select(c => c.CaseNumber).ToListAsync(cancellationToken);
                next = numbers.Select(n => int.TryParse(n[prefix.Length..], out var i) ? i : 0).DefaultIfEmpty(0).Max() + 1;
                db.CaseNumberCounters.Add(new CaseNumberCounter(year, next));
            }
            else
            {
                next = counter.Last + 1;
                // A number given outside the counter (a case copied in by a tool) is passed over, not refused by the unique index.
                for (var taken = prefix + next.ToString("0000"); await db.Cases.AnyAsync(c => c.CaseNumber == taken, cancellationToken); taken = prefix + next.ToString("0000"))
                    next++;
                counter.Take(next);
            }
            return prefix + next.ToString("0000");
        }
    }
}

/// <summary>
/// The last case number given in a year (Oslo): the next concern takes the one after it, read and advanced in the command's
/// transaction under <see cref="StorageLock.CaseNumbers"/>, so numbers stay unique without reading every number of the year.
/// </summary>
public sealed class CaseNumberCounter(int year, int last)
{
    public int Year { get; private set; } = year;
    public int Last { get; private set; } = last;

    public void Take(int number) => Last = number;
}

/// <summary>
/// A concern form's one-time key and the case it made (LogConcern's idempotency). The key is the primary key, so one key
/// can make at most one case even if two submits raced. Kept with the case; never deleted.
/// </summary>
public sealed class ConcernSubmission(Guid key, Guid userId, Guid caseId, string fingerprint, DateTime submittedAtUtc)
{
    public Guid Key { get; private set; } = key;
    public Guid UserId { get; private set; } = userId;
    public Guid CaseId { get; private set; } = caseId;
    /// <summary>SHA-256 (hex) of the pupil and the text, to tell a retry from another concern sent with a copied key.</summary>
    public string Fingerprint { get; private set; } = fingerprint;
    public DateTime SubmittedAtUtc { get; private set; } = submittedAtUtc;
}
