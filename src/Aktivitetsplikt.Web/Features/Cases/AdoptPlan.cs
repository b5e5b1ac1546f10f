using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Pipeline;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Aktivitetsplikt.Web.Features.Cases;

public sealed record MeasureInput(string Description, string When, string ResponsibleName, Guid? ResponsibleUserId, DateOnly? EvaluateOn, Guid? MeasureKey = null);

/// <summary>The plan as entered. Whether all five legal parts are there is the domain's decision, not the validator's.</summary>
public sealed record PlanInput(
    string Problem,
    IReadOnlyList<MeasureInput> Measures,
    DateOnly? EvaluationDate,
    string? PupilView,
    string? PupilHeardHow,
    string? ParentsView,
    string? ParentsInformedHow)
{
    public PlanDraft ToDraft(string? changeSummary = null) => new(
        Problem ?? "",
        (Measures ?? []).Select(m => new MeasureDraft(m.Description ?? "", m.When ?? "", m.ResponsibleName ?? "", m.ResponsibleUserId, m.EvaluateOn, m.MeasureKey)).ToList(),
        EvaluationDate, PupilView, PupilHeardHow, ParentsView, ParentsInformedHow, changeSummary);
}

public sealed class PlanInputValidator : AbstractValidator<PlanInput>
{
    public PlanInputValidator(TimeProvider time)
    {
        RuleFor(p => p.Problem).OptionalText();
        RuleFor(p => p.EvaluationDate).SensibleDate(time);
        RuleFor(p => p.Measures).NotNull();
        RuleForEach(p => p.Measures).ChildRules(m =>
        {
            m.RuleFor(x => x.Description).OptionalText();
            // The domain leaves out a measure without a description; what was written beside it would be lost unseen.
            m.RuleFor(x => x.Description).NotEmpty()
                .When(x => !string.IsNullOrWhiteSpace(x.When) || !string.IsNullOrWhiteSpace(x.ResponsibleName) || x.ResponsibleUserId is not null || x.EvaluateOn is not null);
            m.RuleFor(x => x.When).OptionalText(ValidationRules.ShortText);
            m.RuleFor(x => x.ResponsibleName).OptionalText(200);
            m.RuleFor(x => x.EvaluateOn).SensibleDate(time);
        });
        RuleFor(p => p.PupilView).OptionalText();
        RuleFor(p => p.PupilHeardHow).OptionalText();
        RuleFor(p => p.ParentsView).OptionalText();
        RuleFor(p => p.ParentsInformedHow).OptionalText();
    }
}

/// <summary>Adopts the activity plan (aktivitetsplan) and moves the case to measures.</summary>
public static class AdoptPlan
{
    public sealed record Command(Guid CaseId, int? ExpectedRevision, PlanInput Plan) : ICaseCommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider time) => RuleFor(c => c.Plan).NotNull().SetValidator(new PlanInputValidator(time));
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user, TimeProvider time) : CaseStepHandler<Command>(db, user, time)
    {
        protected override async Task ApplyAsync(Case @case, Actor actor, DateTime nowUtc, Command command, CancellationToken cancellationToken)
        {
            await Db.EnsureResponsibleUsersBelongToSchoolAsync(@case.SchoolId, command.Plan, cancellationToken);
            @case.AdoptPlan(actor, nowUtc, command.Plan.ToDraft());
        }
    }
}

/// <summary>Revises the plan as a new version; every earlier version is kept.</summary>
public static class RevisePlan
{
    public sealed record Command(Guid CaseId, int? ExpectedRevision, PlanInput Plan, string ChangeSummary) : ICaseCommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider time)
        {
            RuleFor(c => c.Plan).NotNull().SetValidator(new PlanInputValidator(time));
            RuleFor(c => c.ChangeSummary).RequiredText();
        }
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user, TimeProvider time) : CaseStepHandler<Command>(db, user, time)
    {
        protected override async Task ApplyAsync(Case @case, Actor actor, DateTime nowUtc, Command command, CancellationToken cancellationToken)
        {
            await Db.EnsureResponsibleUsersBelongToSchoolAsync(@case.SchoolId, command.Plan, cancellationToken);
            @case.RevisePlan(actor, nowUtc, command.Plan.ToDraft(command.ChangeSummary));
        }
    }
}

public static class PlanChecks
{
    /// <summary>A measure's responsible person, when chosen from the users, works at the case's school (or for its school owner).</summary>
    public static async Task EnsureResponsibleUsersBelongToSchoolAsync(this AppDbContext db, Guid schoolId, PlanInput plan, CancellationToken cancellationToken)
    {
        var ids = plan.Measures.Where(m => m.ResponsibleUserId is not null).Select(m => m.ResponsibleUserId!.Value).Distinct().ToList();
        if (ids.Count == 0) return;
        var ownerId = await db.Schools.Where(s => s.Id == schoolId).Select(s => s.SchoolOwnerId).SingleAsync(cancellationToken);
        var known = await db.Users.Where(u => ids.Contains(u.Id) && u.IsActive && (u.SchoolId == schoolId || (u.SchoolId == null && u.SchoolOwnerId == ownerId)))
            .CountAsync(cancellationToken);
        if (known != ids.Count)
            throw new ValidationException([new FluentValidation.Results.ValidationFailure("Plan.Measures", "The responsible person is not a user at this school.") { ErrorCode = "ResponsibleNotAtSchool" }]);
    }
}
