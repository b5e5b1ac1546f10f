using Aktivitetsplikt.Domain.Cases;
using MediatR;

namespace Aktivitetsplikt.Web.Pipeline;

/// <summary>A request that changes something: it runs in one transaction with its audit entries.</summary>
public interface ICommand<out TResult> : IRequest<TResult> { }

/// <summary>A request about one case: the authorization behaviour checks the case is in the user's scope.</summary>
public interface ICaseRequest
{
    Guid CaseId { get; }
}

/// <summary>A step on an existing case. ExpectedRevision is the revision the user saw, for optimistic concurrency.</summary>
public interface ICaseCommand : ICommand<CaseCommandResult>, ICaseRequest
{
    int? ExpectedRevision { get; }
}

public sealed record CaseCommandResult(Guid CaseId, string CaseNumber, int Revision);

/// <summary>The roles that may send this request at all. Requests without it are open to every signed-in user.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class AllowedRolesAttribute : Attribute
{
    public AllowedRolesAttribute(params Role[] roles) => Roles = roles;

    public IReadOnlyList<Role> Roles { get; }
}

/// <summary>
/// A request anyone may send without signing in (the public "si fra" page). Its audit entry is anonymous even when the
/// sender happens to be signed in, so a member of staff who writes as "anonymous" stays anonymous (ADR 016).
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class PublicRequestAttribute : Attribute
{
    public static bool IsOn(object request) =>
        request.GetType().IsDefined(typeof(PublicRequestAttribute), false)
        || request.GetType().DeclaringType?.IsDefined(typeof(PublicRequestAttribute), false) == true;
}
