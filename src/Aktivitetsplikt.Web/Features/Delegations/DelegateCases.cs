using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Domain.Organisation;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Features.Cases;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Pipeline;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Aktivitetsplikt.Web.Features.Delegations;

/// <summary>
/// The principal lets a deputy or department head (a member of staff at the school) handle one case, or every case of a
/// grade, with the principal's rights: recorded with who, when and why. The principal keeps seeing the cases and stays
/// responsible.
/// </summary>
public static class DelegateCases
{
    [AllowedRoles(Role.Principal)]
    public sealed record Command(Guid DelegateUserId, Guid? CaseId, string? Grade, string Reason) : ICommand<Guid>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.DelegateUserId).NotEmpty();
            RuleFor(c => c.Grade).OptionalText(Domain.Organisation.Delegation.MaxGradeLength);
            RuleFor(c => c.Grade).NotEmpty().When(c => c.CaseId is null).WithErrorCode("Delegation.CaseOrGrade");
            RuleFor(c => c.Reason).RequiredText();
        }
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user, TimeProvider time) : IRequestHandler<Command, Guid>
    {
        public async Task<Guid> Handle(Command command, CancellationToken cancellationToken)
        {
            var schoolId = user.SchoolId ?? throw new ForbiddenException("A principal belongs to a school.");
            if (command.CaseId is { } caseId && !await db.Cases.VisibleTo(db, user).AnyAsync(c => c.Id == caseId, cancellationToken))
                throw new NotFoundOrNoAccessException("The case");
            var @delegate = await db.Users.SingleOrDefaultAsync(u => u.Id == command.DelegateUserId, cancellationToken)
                ?? throw new CaseRuleViolation(RefusalCode.DelegateNotAtSchool, "The delegate must be an active member of staff at the school.");
            var delegation = new Domain.Organisation.Delegation(schoolId, user.Actor, @delegate, command.CaseId,
                command.CaseId is null ? command.Grade : null, command.Reason, time.UtcNow());
            db.Delegations.Add(delegation);
            return delegation.Id;
        }
    }
}

/// <summary>The principal withdraws a delegation; it stays recorded with who withdrew it and when.</summary>
public static class WithdrawDelegation
{
    [AllowedRoles(Role.Principal)]
    public sealed record Command(Guid DelegationId) : ICommand<Unit>;

    public sealed class Handler(AppDbContext db, ICurrentUser user, TimeProvider time) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var delegation = await db.Delegations.SingleOrDefaultAsync(d => d.Id == command.DelegationId && d.SchoolId == user.SchoolId, cancellationToken)
                ?? throw new NotFoundOrNoAccessException("The delegation");
            delegation.Withdraw(user.Actor, time.UtcNow());
            return Unit.Value;
        }
    }
}

/// <summary>The school's delegations, newest first, and the staff a principal can delegate to.</summary>
public static class ListDelegations
{
    [AllowedRoles(Role.Principal)]
    public sealed record Query : IRequest<Result>;

    public sealed record Result(IReadOnlyList<DelegationView> Delegations, IReadOnlyList<(Guid UserId, string Name)> Staff);

    public sealed class Handler(AppDbContext db, ICurrentUser user) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var schoolId = user.SchoolId;
            var delegations = await db.Delegations.AsNoTracking().Where(d => d.SchoolId == schoolId)
                .OrderByDescending(d => d.GrantedAtUtc).ToListAsync(cancellationToken);
            var caseNumbers = await db.Cases.AsNoTracking().Where(c => c.SchoolId == schoolId && delegations.Select(d => d.CaseId).Contains(c.Id))
                .Select(c => new { c.Id, c.CaseNumber }).ToDictionaryAsync(c => c.Id, c => c.CaseNumber, cancellationToken);
            var staff = await db.Users.AsNoTracking().Where(u => u.IsActive && u.SchoolId == schoolId && u.Role == Role.Staff)
                .OrderBy(u => u.DisplayName).Select(u => new { u.Id, u.DisplayName }).ToListAsync(cancellationToken);
            return new Result(
                [.. delegations.Select(d => DelegationView.From(d, d.CaseId is { } id ? caseNumbers.GetValueOrDefault(id) : null))],
                [.. staff.Select(s => (s.Id, s.DisplayName))]);
        }
    }
}

/// <summary>A delegation as the case page and the delegation page show it.</summary>
public sealed record DelegationView(Guid Id, string DelegateName, string PrincipalName, Guid? CaseId, string? CaseNumber, string? Grade, string Reason,
    DateTime GrantedAtUtc, DateTime? WithdrawnAtUtc, string? WithdrawnByName)
{
    public bool IsActive => WithdrawnAtUtc is null;

    public static DelegationView From(Domain.Organisation.Delegation d, string? caseNumber) =>
        new(d.Id, d.DelegateName, d.PrincipalName, d.CaseId, caseNumber, d.Grade, d.Reason, d.GrantedAtUtc, d.WithdrawnAtUtc, d.WithdrawnByName);
}
