using System.Collections.Concurrent;
using System.Reflection;
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
    public static bool IsOn(object request) => RequestTraits.Of(request).IsPublic;
}

/// <summary>
/// What a request's type declares — a command or a query, public, the roles it allows (on the request or on the use case
/// that holds it) — read by reflection once per type: the pipeline asks for every request it runs.
/// </summary>
public sealed record RequestTraits(bool IsCommand, bool IsPublic, AllowedRolesAttribute? AllowedRoles)
{
    private static readonly ConcurrentDictionary<Type, RequestTraits> Known = new();

    public static RequestTraits Of(object request) => Known.GetOrAdd(request.GetType(), Read);

    private static RequestTraits Read(Type type) => new(
        type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ICommand<>)),
        type.IsDefined(typeof(PublicRequestAttribute), false) || type.DeclaringType?.IsDefined(typeof(PublicRequestAttribute), false) == true,
        type.GetCustomAttribute<AllowedRolesAttribute>() ?? type.DeclaringType?.GetCustomAttribute<AllowedRolesAttribute>());
}
