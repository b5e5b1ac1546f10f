using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Pipeline;
using FluentValidation;

namespace Aktivitetsplikt.Web.Features.Cases;

/// <summary>The pupil's own experience, said by the pupil or a parent; "not safe" makes measures mandatory.</summary>
public static class RecordPupilVoice
{
    public sealed record Command(Guid CaseId, int? ExpectedRevision, PupilView View, string WhatWasSaid, bool FromParent) : ICaseCommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.View).IsInEnum().NotEqual(PupilView.Unknown);
            RuleFor(c => c.WhatWasSaid).RequiredText();
        }
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user, TimeProvider time) : SimpleCaseStepHandler<Command>(db, user, time)
    {
        protected override void Apply(Case @case, Actor actor, DateTime nowUtc, Command command) =>
            @case.RecordPupilVoice(actor, nowUtc, command.View, command.WhatWasSaid, command.FromParent);
    }

    /// <summary>What the step's form holds while the user types (<see cref="RecordPupilVoiceForm"/>).</summary>
    public sealed class Form : IStepForm
    {
        public string? View { get; set; }
        public string? WhatWasSaid { get; set; }
        public bool FromParent { get; set; }

        public ICaseCommand ToCommand(Guid caseId, int revision, IDictionary<string, string> invalid) =>
            new Command(caseId, revision, FormValues.View(View, nameof(View), invalid), WhatWasSaid ?? "", FromParent);
    }
}
