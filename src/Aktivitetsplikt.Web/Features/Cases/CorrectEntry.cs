using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Pipeline;
using FluentValidation;

namespace Aktivitetsplikt.Web.Features.Cases;

/// <summary>A correction is a new entry that points at what it corrects; the original stays as it was.</summary>
public static class CorrectEntry
{
    public sealed record Command(Guid CaseId, int? ExpectedRevision, Guid EntryId, string Correction) : ICaseCommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.EntryId).NotEmpty();
            RuleFor(c => c.Correction).RequiredText();
        }
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user, TimeProvider time) : SimpleCaseStepHandler<Command>(db, user, time)
    {
        protected override void Apply(Case @case, Actor actor, DateTime nowUtc, Command command) =>
            @case.CorrectEntry(actor, nowUtc, command.EntryId, command.Correction);
    }

    /// <summary>What the step's form holds while the user types (<see cref="CorrectEntryForm"/>).</summary>
    public sealed class Form : IStepForm
    {
        public string? EntryId { get; set; }
        public string? Correction { get; set; }

        public ICaseCommand? ToCommand(Guid caseId, int revision, IDictionary<string, string> invalid)
        {
            if (Guid.TryParse(EntryId, out var entryId)) return new Command(caseId, revision, entryId, Correction ?? "");
            invalid[nameof(EntryId)] = "Action.ChooseEntry";
            return null;
        }
    }
}
