using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Pipeline;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Aktivitetsplikt.Web.Features.Cases;

/// <summary>
/// What every step on an existing case does: load the case with its history, check the revision
/// the user saw, let the aggregate apply the step, and hand back the new revision. The pipeline has
/// already checked scope and shape; the transaction and the audit entry wrap this.
/// </summary>
public abstract class CaseStepHandler<TCommand>(AppDbContext db, ICurrentUser user, TimeProvider time) : IRequestHandler<TCommand, CaseCommandResult>
    where TCommand : ICaseCommand
{
    protected AppDbContext Db { get; } = db;
    protected ICurrentUser User { get; } = user;
    protected TimeProvider Time { get; } = time;

    public async Task<CaseCommandResult> Handle(TCommand command, CancellationToken cancellationToken)
    {
        var @case = await Db.CasesWithHistory.SingleOrDefaultAsync(c => c.Id == command.CaseId, cancellationToken)
            ?? throw new NotFoundOrNoAccessException("The case");
        if (command.ExpectedRevision is { } expected)
        {
            if (expected != @case.Revision)
            {
                if (!@case.OnlyDocumentsRecordedSince(expected)) throw new ConcurrencyConflictException();
                expected = @case.Revision;
            }
            Db.Entry(@case).Property(c => c.Revision).OriginalValue = expected;
        }
        var actor = await Db.ActorForCaseAsync(User, @case.Id, cancellationToken);
        await ApplyAsync(@case, actor, Time.UtcNow(), command, cancellationToken);
        return new CaseCommandResult(@case.Id, @case.CaseNumber, @case.Revision);
    }

    protected abstract Task ApplyAsync(Case @case, Actor actor, DateTime nowUtc, TCommand command, CancellationToken cancellationToken);
}

/// <summary>The simplest steps: apply synchronously.</summary>
public abstract class SimpleCaseStepHandler<TCommand>(AppDbContext db, ICurrentUser user, TimeProvider time) : CaseStepHandler<TCommand>(db, user, time)
    where TCommand : ICaseCommand
{
    protected sealed override Task ApplyAsync(Case @case, Actor actor, DateTime nowUtc, TCommand command, CancellationToken cancellationToken)
    {
        Apply(@case, actor, nowUtc, command);
        return Task.CompletedTask;
    }

    protected abstract void Apply(Case @case, Actor actor, DateTime nowUtc, TCommand command);
}

public static class ValidationRules
{
    public const int LongText = 4000;
    public const int ShortText = 500;

    public static IRuleBuilderOptions<T, string> RequiredText<T>(this IRuleBuilder<T, string> rule, int max = LongText) =>
        rule.NotEmpty().MaximumLength(max);

    public static IRuleBuilderOptions<T, string?> OptionalText<T>(this IRuleBuilder<T, string?> rule, int max = LongText) =>
        rule.MaximumLength(max);

    /// <summary>An event cannot be recorded as happening in the future (a few minutes of clock skew allowed).</summary>
    public static IRuleBuilderOptions<T, DateTime?> NotInFuture<T>(this IRuleBuilder<T, DateTime?> rule, TimeProvider time) =>
        rule.Must(v => v is null || v.Value <= time.UtcNow().AddMinutes(5)).WithErrorCode("NotInFuture");

    public static IRuleBuilderOptions<T, DateTime?> NotTooOld<T>(this IRuleBuilder<T, DateTime?> rule, TimeProvider time) =>
        rule.Must(v => v is null || v.Value >= time.UtcNow().AddYears(-2)).WithErrorCode("TooOld");

    /// <summary>A date (Oslo) that cannot lie in the future.</summary>
    public static IRuleBuilderOptions<T, DateOnly?> NotInFuture<T>(this IRuleBuilder<T, DateOnly?> rule, TimeProvider time) =>
        rule.Must(v => v is null || v.Value <= Domain.Deadlines.SchoolCalendar.OsloDate(time.UtcNow())).WithErrorCode("NotInFuture");

    public static IRuleBuilderOptions<T, DateOnly?> NotTooOld<T>(this IRuleBuilder<T, DateOnly?> rule, TimeProvider time) =>
        rule.Must(v => v is null || v.Value >= Domain.Deadlines.SchoolCalendar.OsloDate(time.UtcNow()).AddYears(-2)).WithErrorCode("TooOld");
}
