using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Pipeline;
using FluentValidation;

namespace Aktivitetsplikt.Web.Features.Cases;

/// <summary>Progress on one measure, by the person responsible for it or a leader.</summary>
public static class RecordMeasureProgress
{
    public sealed record Command(Guid CaseId, int? ExpectedRevision, Guid MeasureKey, MeasureStatus Status, string? Note) : ICaseCommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.MeasureKey).NotEmpty();
            RuleFor(c => c.Status).IsInEnum();
            RuleFor(c => c.Note).OptionalText();
        }
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user, TimeProvider time) : SimpleCaseStepHandler<Command>(db, user, time)
    {
        protected override void Apply(Case @case, Actor actor, DateTime nowUtc, Command command) =>
            @case.RecordMeasureProgress(actor, nowUtc, command.MeasureKey, command.Status, command.Note);
    }

    /// <summary>What the step's form holds while the user types (<see cref="RecordMeasureProgressForm"/>).</summary>
    public sealed class Form : IStepForm
    {
        public string? MeasureKey { get; set; }
        public string? Status { get; set; } = nameof(MeasureStatus.UnderWay);
        public string? Note { get; set; }

        /// <summary>The statuses a measure can be moved to (it starts as planned).</summary>
        public static readonly MeasureStatus[] Statuses = [MeasureStatus.UnderWay, MeasureStatus.Done, MeasureStatus.Dropped];

        public ICaseCommand? ToCommand(Guid caseId, int revision, IDictionary<string, string> invalid)
        {
            if (Guid.TryParse(MeasureKey, out var key) && Enum.TryParse<MeasureStatus>(Status, out var status) && Statuses.Contains(status))
                return new Command(caseId, revision, key, status, FormValues.Blank(Note));
            invalid[nameof(MeasureKey)] = "Action.ChooseMeasureAndStatus";
            return null;
        }
    }
}
