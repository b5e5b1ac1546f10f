using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Pipeline;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Aktivitetsplikt.Web.Features.Cases;

/// <summary>The people who can be responsible for a measure: active staff and leaders at the case's school.</summary>
public static class ListResponsibleCandidates
{
    /// <summary>Staff only for a case delegated to them (<see cref="CaseScope.CasesDelegatedTo"/>).</summary>
    [AllowedRoles(Role.Staff, Role.Principal, Role.SchoolOwnerTeam)]
    public sealed record Query(Guid CaseId) : IRequest<IReadOnlyList<Item>>, ICaseRequest;

    public sealed record Item(Guid UserId, string Name, Role Role);

    public sealed class Handler(AppDbContext db, Infrastructure.ICurrentUser user) : IRequestHandler<Query, IReadOnlyList<Item>>
    {
        public async Task<IReadOnlyList<Item>> Handle(Query query, CancellationToken cancellationToken)
        {
            if ((await db.ActorForCaseAsync(user, query.CaseId, cancellationToken)).Role == Role.Staff)
                throw new Infrastructure.ForbiddenException("Staff list the responsible people only on a case delegated to them.");
            var schoolId = await db.Cases.Where(c => c.Id == query.CaseId).Select(c => c.SchoolId).SingleAsync(cancellationToken);
            return await db.Users.AsNoTracking()
                .Where(u => u.IsActive && u.SchoolId == schoolId)
                .OrderBy(u => u.DisplayName)
                .Select(u => new Item(u.Id, u.DisplayName, u.Role))
                .ToListAsync(cancellationToken);
        }
    }
}
