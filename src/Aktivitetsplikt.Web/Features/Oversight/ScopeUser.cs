using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Infrastructure;

namespace Aktivitetsplikt.Web.Features.Oversight;

/// <summary>
/// The requesting user as <see cref="Pipeline.CaseScope"/> reads them, fixed when the request started a computation that
/// outlives it (<see cref="SummaryCache"/>'s refresh apart, ADR 036): the same role, school owner, school and id, so the
/// computation sees exactly the cases the request would have, and nothing of another user's scope.
/// </summary>
public sealed record ScopeUser(bool IsAuthenticated, Guid UserId, string Name, Role Role, Guid SchoolOwnerId, Guid? SchoolId) : ICurrentUser
{
    public static ScopeUser Of(ICurrentUser user) =>
        new(user.IsAuthenticated, user.UserId, user.Name, user.Role, user.SchoolOwnerId, user.SchoolId);
}
