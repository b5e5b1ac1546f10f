using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Pipeline;
using FluentValidation;

namespace Aktivitetsplikt.Web.Features.Cases;

/// <summary>
/// How the pupil has it, and who said it: the pupil's own "not safe" makes measures mandatory (§ 12-4); a parent's
/// or a staff member's observation is knowledge the investigation must settle.
/// </summary>
public static class RecordPupilVoice
{
    public sealed record Command(Guid CaseId, int? ExpectedRevision, PupilView View, string WhatWasSaid, VoiceSource Source) : ICaseCommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.View).IsInEnum().NotEqual(PupilView.Unknown);
            RuleFor(c => c.WhatWasSaid).RequiredText();
            RuleFor(c => c.Source).IsInEnum();
        }
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user, TimeProvider time) : SimpleCaseStepHandler<Command>(db, user, time)
    {
        protected override void Apply(Case @case, Actor actor, DateTime nowUtc, Command command) =>
            @case.RecordPupilVoice(actor, nowUtc, command.View, command.WhatWasSaid, command.Source);
    }

    /// <summary>What the step's form holds while the user types (<see cref="RecordPupilVoiceForm"/>).</summary>
    public sealed class Form : IStepForm
    {
        public string? View { get; set; }
        public string? WhatWasSaid { get; set; }
        public string? Source { get; set; } = nameof(VoiceSource.Pupil);

        public ICaseCommand ToCommand(Guid caseId, int revision, IDictionary<string, string> invalid)
        {
            if (!Enum.TryParse<VoiceSource>(Source, out var source) || !Enum.IsDefined(source)) invalid[nameof(Source)] = "Action.ChooseSource";
            return new Command(caseId, revision, FormValues.View(View, nameof(View), invalid), WhatWasSaid ?? "", source);
        }
    }
}
