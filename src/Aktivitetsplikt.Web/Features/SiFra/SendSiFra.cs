using System.Globalization;
using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Domain.Deadlines;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Features.Cases;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Pipeline;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Aktivitetsplikt.Web.Features.SiFra;

/// <summary>
/// "Si fra", the mobbeknapp: anyone — a pupil, a parent, anyone else, or someone who stays anonymous — tells a school
/// that a pupil may not have a safe and good school environment. It lands as a concern at that school, notifies the
/// principal and answers with a receipt code (ADR 016). Idempotent like /meld: a second post of the same form (its
/// one-time key) gives back the same receipt.
/// </summary>
public static class SendSiFra
{
    public const int MaxNameLength = 200;
    public const int MaxContactLength = 200;

    [PublicRequest]
    public sealed record Command(
        Guid SchoolId,
        SiFraSender Sender,
        string WhatHappened,
        ConcernLocation? Location,
        DateOnly? OccurredOn,
        SiFraFeelsSafe FeelsSafe,
        string? SenderName,
        string? SenderContact,
        Guid SubmissionKey,
        Guid? ChildId = null) : ICommand<Receipt>;

    /// <summary>A signed-in guardian's children, for "which of your children is it about?" on the si fra page.</summary>
    [AllowedRoles(Role.Guardian)]
    public sealed record MyChildren : MediatR.IRequest<IReadOnlyList<Child>>;

    public sealed record Child(Guid PupilId, string FirstName, Guid SchoolId, string SchoolName);

    public sealed class MyChildrenHandler(AppDbContext db, ICurrentUser user) : MediatR.IRequestHandler<MyChildren, IReadOnlyList<Child>>
    {
        public async Task<IReadOnlyList<Child>> Handle(MyChildren query, CancellationToken cancellationToken) =>
            await (from g in db.Guardianships.AsNoTracking()
                   where g.GuardianUserId == user.UserId && g.EndedUtc == null
                   join p in db.Pupils on g.PupilId equals p.Id
                   join s in db.Schools on p.SchoolId equals s.Id
                   orderby p.FirstName
                   select new Child(p.Id, p.FirstName, s.Id, s.Name)).ToListAsync(cancellationToken);
    }

    /// <summary>The code to show once, and when the message was received.</summary>
    public sealed record Receipt(string Code, DateTime ReceivedAtUtc)
    {
        public string DisplayCode => ReceiptCodes.Display(Code);
    }

    /// <summary>The form as typed: text until it is sent, so nothing typed is lost to a value that does not parse.</summary>
    public sealed class Form
    {
        public string? SchoolId { get; set; }
        public string? Sender { get; set; }
        public string? WhatHappened { get; set; }
        public string? Location { get; set; }
        public string? OccurredOn { get; set; }
        public string? FeelsSafe { get; set; }
        public string? SenderName { get; set; }
        public string? SenderContact { get; set; }
        public string? SubmissionKey { get; set; }
        /// <summary>Only from a signed-in guardian: which of their children the message is about (empty: not said).</summary>
        public string? ChildId { get; set; }

        public static Form New(Guid? schoolId) => new() { SchoolId = schoolId?.ToString(), SubmissionKey = Guid.NewGuid().ToString() };

        /// <summary>The command, or null with the problems (field, text key) of every field that is missing or unreadable.</summary>
        public (Command? Command, IReadOnlyList<(string Field, string TextKey)> Problems) ToCommand()
        {
            var problems = new List<(string, string)>();
            if (!Guid.TryParse(SchoolId, out var schoolId)) problems.Add((nameof(Command.SchoolId), "SiFra.SchoolError"));
            if (!Enum.TryParse<SiFraSender>(Sender, out var sender) || !Enum.IsDefined(sender) || int.TryParse(Sender, out _))
                problems.Add((nameof(Command.Sender), "SiFra.SenderError"));
            if (string.IsNullOrWhiteSpace(WhatHappened)) problems.Add((nameof(Command.WhatHappened), "SiFra.WhatHappenedError"));
            ConcernLocation? location = null;
            if (!string.IsNullOrWhiteSpace(Location))
            {
                if (Enum.TryParse<ConcernLocation>(Location, out var where) && Enum.IsDefined(where) && !int.TryParse(Location, out _)) location = where;
                else problems.Add((nameof(Command.Location), "SiFra.WhereError"));
            }
            DateOnly? occurredOn = null;
            if (!string.IsNullOrWhiteSpace(OccurredOn))
            {
                if (DateOnly.TryParseExact(OccurredOn, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) occurredOn = date;
                else problems.Add((nameof(Command.OccurredOn), "Action.InvalidDate"));
            }
            if (!Enum.TryParse<SiFraFeelsSafe>(FeelsSafe, out var feelsSafe) || !Enum.IsDefined(feelsSafe) || int.TryParse(FeelsSafe, out _))
                problems.Add((nameof(Command.FeelsSafe), "SiFra.FeelsSafeError"));
            Guid? childId = null;
            if (!string.IsNullOrWhiteSpace(ChildId))
            {
                if (Guid.TryParse(ChildId, out var child) && child != Guid.Empty) childId = child;
                else problems.Add((nameof(Command.ChildId), "SiFra.ChildError"));
            }
            if (!Guid.TryParse(SubmissionKey, out var key) || key == Guid.Empty) key = Guid.NewGuid();
            if (problems.Count > 0) return (null, problems);
            var anonymous = sender == SiFraSender.Anonymous;
            return (new Command(schoolId, sender, WhatHappened!, location, occurredOn, feelsSafe,
                anonymous || string.IsNullOrWhiteSpace(SenderName) ? null : SenderName,
                anonymous || string.IsNullOrWhiteSpace(SenderContact) ? null : SenderContact, key, childId), problems);
        }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider time)
        {
            RuleFor(c => c.SchoolId).NotEmpty();
            RuleFor(c => c.Sender).IsInEnum();
            RuleFor(c => c.WhatHappened).RequiredText();
            RuleFor(c => c.Location).IsInEnum();
            RuleFor(c => c.OccurredOn).NotInFuture(time).NotTooOld(time);
            RuleFor(c => c.FeelsSafe).IsInEnum();
            RuleFor(c => c.SenderName).OptionalText(MaxNameLength);
            RuleFor(c => c.SenderContact).OptionalText(MaxContactLength);
            RuleFor(c => c.SubmissionKey).NotEmpty();
        }
    }

    public sealed class Handler(AppDbContext db, TimeProvider time, ReceiptCodes codes, ICurrentUser user) : MediatR.IRequestHandler<Command, Receipt>
    {
        public async Task<Receipt> Handle(Command command, CancellationToken cancellationToken)
        {
            if (!await db.Schools.AnyAsync(s => s.Id == command.SchoolId, cancellationToken)) throw new NotFoundOrNoAccessException("The school");
            // Only a signed-in guardian names a child, and only their own (an active guardianship) at the school written to.
            if (command.ChildId is { } childId
                && !(user.IsAuthenticated && user.Role == Role.Guardian
                    && await db.Guardianships.AnyAsync(g => g.GuardianUserId == user.UserId && g.EndedUtc == null && g.PupilId == childId
                        && db.Pupils.Any(p => p.Id == childId && p.SchoolId == command.SchoolId), cancellationToken)))
                throw new FluentValidation.ValidationException([new FluentValidation.Results.ValidationFailure(nameof(Command.ChildId), "Not the sender's child at this school.")
                    { ErrorCode = "SiFraChildNotYours" }]);
            // One message at a time checks its form's key and takes the next case number, as a concern does.
            await db.SerializeAsync(StorageLock.CaseNumbers, cancellationToken);
            var code = codes.For(command.SubmissionKey);
            var fingerprint = Fingerprint(command);
            var earlier = await db.SiFraReceipts.AsNoTracking().SingleOrDefaultAsync(r => r.SubmissionKey == command.SubmissionKey, cancellationToken);
            if (earlier is not null)
            {
                if (earlier.Fingerprint != fingerprint) throw OneTimeForm.KeyReused(nameof(Command.SubmissionKey));
                return new Receipt(code, earlier.IssuedAtUtc);
            }

            var now = time.UtcNow();
            var (policy, calendar) = await db.DeadlineRulesForSchoolAsync(command.SchoolId, cancellationToken);
            var number = await LogConcern.Handler.NextCaseNumberAsync(db, now, cancellationToken);
            var occurred = command.OccurredOn is { } day ? SchoolCalendar.StartOfOsloDayUtc(day) : (DateTime?)null;
            // A signed-in guardian's message names their child (checked above); an anonymous one cannot.
            var @case = Case.ReceiveSiFra(
                new SiFraMessage(command.SchoolId, command.Sender, command.WhatHappened, command.Location, occurred, command.FeelsSafe,
                    command.SenderName, command.SenderContact, command.ChildId),
                number, now, policy, calendar);
            db.Cases.Add(@case);
            db.SiFraReceipts.Add(new SiFraReceipt(ReceiptCodes.Hash(code), @case.Id, command.SubmissionKey, fingerprint, now));
            return new Receipt(code, now);
        }

        /// <summary>What makes a post "the same message": the school and the text.</summary>
        private static string Fingerprint(Command command) => OneTimeForm.Fingerprint(command.SchoolId, command.WhatHappened);
    }
}
