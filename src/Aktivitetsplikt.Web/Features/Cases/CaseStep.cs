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

    /// <summary>Placeholders a rule fills for its message, passed to the "Validation." texts as {2} and {3} after the field ({0}) and MaxLength ({1}).</summary>
    public const string Detail1 = "Detail1";
    public const string Detail2 = "Detail2";

    /// <summary>Free text: filled in, not too long, and only characters that can be stored (<see cref="TextInput"/>).</summary>
    public static IRuleBuilderOptions<T, string> RequiredText<T>(this IRuleBuilder<T, string> rule, int max = LongText) =>
        rule.NotEmpty().MaximumLength(max).Must((_, value, context) => Storable(TextInput.FirstForbidden(value), context)).WithErrorCode("ControlCharacter");

    public static IRuleBuilderOptions<T, string?> OptionalText<T>(this IRuleBuilder<T, string?> rule, int max = LongText) =>
        rule.MaximumLength(max).Must((_, value, context) => Storable(TextInput.FirstForbidden(value), context)).WithErrorCode("ControlCharacter");

    /// <summary>A name (pupil, user, school): as free text, and no bidi overrides or zero-width characters either.</summary>
    public static IRuleBuilderOptions<T, string> RequiredName<T>(this IRuleBuilder<T, string> rule, int max) =>
        rule.NotEmpty().MaximumLength(max).Must((_, value, context) => Storable(TextInput.FirstForbiddenInName(value), context)).WithErrorCode("NameCharacter");

    /// <summary>
    /// A date a person enters (an evaluation date, a holiday, a meeting): within <see cref="SensibleYearsBack"/> years
    /// before and <see cref="SensibleYearsAhead"/> years after today, so a slip such as 0001-01-01 or 9999-12-31 is caught;
    /// the message says the window.
    /// </summary>
    public static IRuleBuilderOptions<T, DateOnly?> SensibleDate<T>(this IRuleBuilder<T, DateOnly?> rule, TimeProvider time) =>
        rule.Must((_, value, context) => value is null || InWindow(value.Value, time, context)).WithErrorCode("DateOutsideWindow");

    public const int SensibleYearsBack = 2;
    public const int SensibleYearsAhead = 3;

    /// <summary>The window <see cref="SensibleDate{T}(IRuleBuilder{T, DateOnly?}, TimeProvider)"/> allows, in Oslo dates.</summary>
    public static (DateOnly From, DateOnly To) SensibleWindow(TimeProvider time)
    {
        var today = Domain.Deadlines.SchoolCalendar.OsloDate(time.UtcNow());
        return (today.AddYears(-SensibleYearsBack), today.AddYears(SensibleYearsAhead));
    }

    private static bool InWindow<T>(DateOnly date, TimeProvider time, ValidationContext<T> context)
    {
        var (from, to) = SensibleWindow(time);
        if (date >= from && date <= to) return true;
        context.MessageFormatter.AppendArgument(Detail1, from.ToString("dd.MM.yyyy", System.Globalization.CultureInfo.InvariantCulture));
        context.MessageFormatter.AppendArgument(Detail2, to.ToString("dd.MM.yyyy", System.Globalization.CultureInfo.InvariantCulture));
        return false;
    }

    private static bool Storable<T>((int Position, string CodePoint)? forbidden, ValidationContext<T> context)
    {
        if (forbidden is not { } found) return true;
        context.MessageFormatter.AppendArgument(Detail1, found.CodePoint);
        context.MessageFormatter.AppendArgument(Detail2, found.Position);
        return false;
    }

    /// <summary>An event cannot be recorded as happening in the future (a few minutes of clock skew allowed).</summary>
    public static IRuleBuilderOptions<T, DateTime?> NotInFuture<T>(this IRuleBuilder<T, DateTime?> rule, TimeProvider time) =>
        rule.Must(v => v is null || v.Value <= time.UtcNow().AddMinutes(5)).WithErrorCode("NotInFuture");

    /// <summary>An event recorded as happening: no further back than <see cref="SensibleYearsBack"/> years, the same window as a date typed.</summary>
    public static IRuleBuilderOptions<T, DateTime?> NotTooOld<T>(this IRuleBuilder<T, DateTime?> rule, TimeProvider time) =>
        rule.Must(v => v is null || v.Value >= time.UtcNow().AddYears(-SensibleYearsBack)).WithErrorCode("TooOld");

    /// <summary>A date (Oslo) that cannot lie in the future.</summary>
    public static IRuleBuilderOptions<T, DateOnly?> NotInFuture<T>(this IRuleBuilder<T, DateOnly?> rule, TimeProvider time) =>
        rule.Must(v => v is null || v.Value <= Domain.Deadlines.SchoolCalendar.OsloDate(time.UtcNow())).WithErrorCode("NotInFuture");

    public static IRuleBuilderOptions<T, DateOnly?> NotTooOld<T>(this IRuleBuilder<T, DateOnly?> rule, TimeProvider time) =>
        rule.Must(v => v is null || v.Value >= Domain.Deadlines.SchoolCalendar.OsloDate(time.UtcNow()).AddYears(-SensibleYearsBack)).WithErrorCode("TooOld");
}
