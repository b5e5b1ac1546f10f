using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Features.Cases;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Pipeline;
using FluentValidation;

namespace Aktivitetsplikt.Web.Features.Evidence;

/// <summary>
/// A meeting about the case (with the pupil, the guardians, the PPT …): when, who took part, what was said, what was
/// agreed (one point a line), the next meeting, and whether the family's view shows it. Agreed points can become the
/// next plan version's measures: the plan editor opens with them, and the principal fixes the plan as always.
/// </summary>
public static class RecordMeeting
{
    public sealed record Command(Guid CaseId, int? ExpectedRevision, DateTime? HeldAtUtc, MeetingParticipants Participants,
        string? ParticipantNames, string Discussed, string? AgreedPoints, DateOnly? NextMeetingOn, bool ForFamily) : ICaseCommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider time)
        {
            RuleFor(c => c.HeldAtUtc).NotInFuture(time).NotTooOld(time);
            RuleFor(c => c.Participants).Must(p => (p & ~AllParticipants) == 0).WithErrorCode("EnumValidator");
            RuleFor(c => c.ParticipantNames).OptionalText(1000);
            RuleFor(c => c.ParticipantNames).NotEmpty().When(c => c.Participants == MeetingParticipants.None).WithErrorCode("MeetingParticipantsMissing");
            RuleFor(c => c.Discussed).RequiredText();
            RuleFor(c => c.AgreedPoints).OptionalText();
            RuleFor(c => c.NextMeetingOn).SensibleDate(time);
        }
    }

    private const MeetingParticipants AllParticipants =
        MeetingParticipants.Staff | MeetingParticipants.Pupil | MeetingParticipants.Guardians | MeetingParticipants.Ppt | MeetingParticipants.Others;

    public sealed class Handler(AppDbContext db, ICurrentUser user, TimeProvider time) : SimpleCaseStepHandler<Command>(db, user, time)
    {
        protected override void Apply(Case @case, Actor actor, DateTime nowUtc, Command command) =>
            @case.RecordMeeting(actor, nowUtc, new MeetingReport(command.HeldAtUtc ?? nowUtc, command.Participants, command.ParticipantNames,
                command.Discussed, MeetingRecord.Points([command.AgreedPoints ?? ""]), command.NextMeetingOn, command.ForFamily));
    }

    /// <summary>What the step's form holds while the user types (<see cref="RecordMeetingForm"/>).</summary>
    public sealed class Form : IStepForm
    {
        public string? HeldAt { get; set; }
        public bool Staff { get; set; }
        public bool Pupil { get; set; }
        public bool Guardians { get; set; }
        public bool Ppt { get; set; }
        public bool Others { get; set; }
        public string? ParticipantNames { get; set; }
        public string? Discussed { get; set; }
        public string? AgreedPoints { get; set; }
        public string? NextMeetingOn { get; set; }
        public bool ForFamily { get; set; }

        public MeetingParticipants Participants =>
            (Staff ? MeetingParticipants.Staff : 0) | (Pupil ? MeetingParticipants.Pupil : 0) | (Guardians ? MeetingParticipants.Guardians : 0)
            | (Ppt ? MeetingParticipants.Ppt : 0) | (Others ? MeetingParticipants.Others : 0);

        public ICaseCommand ToCommand(Guid caseId, int revision, IDictionary<string, string> invalid) =>
            new Command(caseId, revision, FormValues.OsloTime(HeldAt, nameof(HeldAt), invalid), Participants, FormValues.Blank(ParticipantNames),
                Discussed ?? "", FormValues.Blank(AgreedPoints), FormValues.Date(NextMeetingOn, nameof(NextMeetingOn), invalid), ForFamily);
    }
}
