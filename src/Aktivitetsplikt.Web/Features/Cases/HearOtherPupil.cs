using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Pipeline;
using FluentValidation;

namespace Aktivitetsplikt.Web.Features.Cases;

/// <summary>
/// Another directly affected pupil is heard (§ 12-4 with §§ 10-1 and 10-2: every directly affected pupil, no lower
/// age limit). The entry names another child, so the family's copies of the case mask it.
/// </summary>
public static class HearOtherPupil
{
    public sealed record Command(Guid CaseId, int? ExpectedRevision, string OtherPupil, string WhatWasSaid) : ICaseCommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.OtherPupil).RequiredText(ValidationRules.ShortText);
            RuleFor(c => c.WhatWasSaid).RequiredText();
        }
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user, TimeProvider time) : SimpleCaseStepHandler<Command>(db, user, time)
    {
        protected override void Apply(Case @case, Actor actor, DateTime nowUtc, Command command) =>
            @case.HearOtherPupil(actor, nowUtc, command.OtherPupil, command.WhatWasSaid);
    }

    /// <summary>What the step's form holds while the user types (<see cref="HearOtherPupilForm"/>).</summary>
    public sealed class Form : IStepForm
    {
        public string? OtherPupil { get; set; }
        public string? WhatWasSaid { get; set; }

        public ICaseCommand ToCommand(Guid caseId, int revision, IDictionary<string, string> invalid) =>
            new Command(caseId, revision, OtherPupil ?? "", WhatWasSaid ?? "");
    }
}
