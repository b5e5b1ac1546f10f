using System.Globalization;
using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Domain.Necessity;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Features.Cases;
using Aktivitetsplikt.Web.Features.Notifications;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Pipeline;
using FluentValidation;
using FluentValidation.Results;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Aktivitetsplikt.Web.Features.Necessity;

/// <summary>
/// A member of staff (or the principal) records a physical intervention made under necessity or self-defence (nødrett /
/// nødverge, straffeloven §§ 17 and 18) as Oslo's action plan asks, with the pupil's own account. The principal is
/// notified at once (the inbox, and an e-mail without the pupil's name). The record stands alone; it can be linked to a
/// case of the same pupil afterwards (<see cref="LinkNecessityRecord"/>).
/// </summary>
public static class RecordNecessity
{
    [AllowedRoles(Role.Staff, Role.Principal)]
    public sealed record Command(
        Guid PupilId,
        DateTime OccurredAtUtc,
        string Place,
        string IntervenedBy,
        string WhatHappenedBefore,
        string WhatWasDone,
        int DurationMinutes,
        string Injuries,
        DateTime? PrincipalInformedAtUtc,
        DateTime? ParentsInformedAtUtc,
        string? ParentsInformedBy,
        PupilAccountStatus PupilAccount,
        string? PupilAccountText,
        string PupilAccountHow,
        string FollowUp) : ICommand<Guid>;

    /// <summary>The form as typed: text until submitted, so nothing typed is lost to a value that does not parse.</summary>
    public sealed class Form
    {
        public string? PupilId { get; set; }
        public string? OccurredAt { get; set; }
        public string? Place { get; set; }
        public string? IntervenedBy { get; set; }
        public string? WhatHappenedBefore { get; set; }
        public string? WhatWasDone { get; set; }
        public string? DurationMinutes { get; set; }
        public string? Injuries { get; set; }
        public string? PrincipalInformedAt { get; set; }
        public string? ParentsInformedAt { get; set; }
        public string? ParentsInformedBy { get; set; }
        public string? PupilAccount { get; set; }
        public string? PupilAccountText { get; set; }
        public string? PupilAccountHow { get; set; }
        public string? FollowUp { get; set; }

        public static Form New(DateTime nowUtc) => new() { OccurredAt = UiText.InputValue(nowUtc) };

        /// <summary>The command, or the problems (field, text key) of every field that is missing or unreadable.</summary>
        public (Command? Command, IReadOnlyList<(string Field, string TextKey)> Problems) ToCommand()
        {
            var problems = new List<(string, string)>();
            if (!Guid.TryParse(PupilId, out var pupilId)) problems.Add((nameof(Command.PupilId), "Necessity.Error.ChoosePupil"));
            var occurred = Time(OccurredAt, nameof(Command.OccurredAtUtc), required: true, problems);
            var principal = Time(PrincipalInformedAt, nameof(Command.PrincipalInformedAtUtc), required: false, problems);
            var parents = Time(ParentsInformedAt, nameof(Command.ParentsInformedAtUtc), required: false, problems);
            if (!int.TryParse(DurationMinutes, NumberStyles.None, CultureInfo.InvariantCulture, out var minutes) || minutes > NecessityRecord.MaxDurationMinutes)
                problems.Add((nameof(Command.DurationMinutes), "Necessity.Error.Duration"));
            if (!Enum.TryParse<PupilAccountStatus>(PupilAccount, out var account) || !Enum.IsDefined(account))
                problems.Add((nameof(Command.PupilAccount), "Necessity.Error.PupilAccount"));
            if (problems.Count > 0) return (null, problems);
            return (new Command(pupilId, occurred!.Value, Place ?? "", IntervenedBy ?? "", WhatHappenedBefore ?? "", WhatWasDone ?? "", minutes,
                Injuries ?? "", principal, parents, Blank(ParentsInformedBy), account, Blank(PupilAccountText), PupilAccountHow ?? "", FollowUp ?? ""), problems);
        }

        private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

        private static DateTime? Time(string? value, string field, bool required, List<(string, string)> problems)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                if (required) problems.Add((field, "Necessity.Error.When"));
                return null;
            }
            if (DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)) return UiText.FromOslo(local);
            problems.Add((field, "Necessity.Error.When"));
            return null;
        }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider time)
        {
            RuleFor(c => c.PupilId).NotEmpty();
            RuleFor(c => (DateTime?)c.OccurredAtUtc).NotInFuture(time).NotTooOld(time).OverridePropertyName(nameof(Command.OccurredAtUtc));
            RuleFor(c => c.Place).RequiredText(ValidationRules.ShortText);
            RuleFor(c => c.IntervenedBy).RequiredText(ValidationRules.ShortText);
            RuleFor(c => c.WhatHappenedBefore).RequiredText();
            RuleFor(c => c.WhatWasDone).RequiredText();
            RuleFor(c => c.DurationMinutes).InclusiveBetween(0, NecessityRecord.MaxDurationMinutes);
            RuleFor(c => c.Injuries).RequiredText();
            RuleFor(c => c.PrincipalInformedAtUtc).NotInFuture(time).NotTooOld(time);
            RuleFor(c => c.ParentsInformedAtUtc).NotInFuture(time).NotTooOld(time);
            RuleFor(c => c.ParentsInformedBy).OptionalText(ValidationRules.ShortText);
            RuleFor(c => c.ParentsInformedBy).NotEmpty().When(c => c.ParentsInformedAtUtc is not null).WithErrorCode("NecessityParentsInformedBy");
            RuleFor(c => c.PupilAccount).IsInEnum();
            RuleFor(c => c.PupilAccountText).OptionalText();
            RuleFor(c => c.PupilAccountText).NotEmpty().When(c => c.PupilAccount == PupilAccountStatus.Given).WithErrorCode("NecessityPupilAccountText");
            RuleFor(c => c.PupilAccountHow).RequiredText();
            RuleFor(c => c.FollowUp).RequiredText();
        }
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user, TimeProvider time, NotificationWriter notifications) : IRequestHandler<Command, Guid>
    {
        public async Task<Guid> Handle(Command command, CancellationToken cancellationToken)
        {
            var pupil = await db.Pupils.AsNoTracking().SingleOrDefaultAsync(p => p.Id == command.PupilId && p.SchoolId == user.SchoolId, cancellationToken)
                ?? throw new NotFoundOrNoAccessException("The pupil");
            var now = time.UtcNow();
            var record = NecessityRecord.Record(new NecessityReport(pupil.SchoolId, pupil.Id, command.OccurredAtUtc, command.Place, command.IntervenedBy,
                command.WhatHappenedBefore, command.WhatWasDone, command.DurationMinutes, command.Injuries, command.PrincipalInformedAtUtc,
                command.ParentsInformedAtUtc, command.ParentsInformedBy, command.PupilAccount, command.PupilAccountText, command.PupilAccountHow,
                command.FollowUp), user.Actor, now);
            db.NecessityRecords.Add(record);
            var principals = (await notifications.PrincipalsAsync(pupil.SchoolId, cancellationToken)).Where(p => p != user.UserId).ToList();
            await notifications.AddForNecessityRecordAsync(principals, record.Id, now, cancellationToken);
            return record.Id;
        }
    }

    /// <summary>A refusal by the field it concerns, with a "Validation." text (for the link form and the handlers).</summary>
    internal static ValidationException Refusal(string field, string code) => new([new ValidationFailure(field, code) { ErrorCode = code }]);
}
