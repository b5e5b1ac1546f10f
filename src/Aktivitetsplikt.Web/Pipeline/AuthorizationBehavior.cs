using System.Reflection;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Infrastructure;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Aktivitetsplikt.Web.Pipeline;

/// <summary>
/// Role and scope on the server for every request: signed in, a role the request allows, and for a
/// case request a case within the user's need-to-know scope. A refused case request is logged on the
/// audit chain (so that browsing outside one's scope can be found) and looks like "not found".
/// </summary>
public sealed class AuthorizationBehavior<TRequest, TResponse> : IPipelineBehavior<TRequest, TResponse>
{
    private readonly ICurrentUser _user;
    private readonly AppDbContext _db;
    private readonly AuditLog _audit;

    public AuthorizationBehavior(ICurrentUser user, AppDbContext db, AuditLog audit)
    {
        _user = user;
        _db = db;
        _audit = audit;
    }

    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (!_user.IsAuthenticated) throw new NotSignedInException();

        var allowed = ((object)request!).GetType().GetCustomAttribute<AllowedRolesAttribute>()
            ?? ((object)request!).GetType().DeclaringType?.GetCustomAttribute<AllowedRolesAttribute>();
        if (allowed is not null && !allowed.Roles.Contains(_user.Role))
            throw new ForbiddenException($"The role {_user.Role} may not {AuditLog.ActionName(request!)}.");

        if (request is ICaseRequest caseRequest)
        {
            var visible = await _db.Cases.AsNoTracking().VisibleTo(_db, _user).AnyAsync(c => c.Id == caseRequest.CaseId, cancellationToken);
            if (!visible)
            {
                await LogRefusalAsync(request!, caseRequest.CaseId, cancellationToken);
                throw new NotFoundOrNoAccessException("The case");
            }
        }
        return await next();
    }

    private async Task LogRefusalAsync(object request, Guid caseId, CancellationToken cancellationToken)
    {
        var exists = await _db.Cases.AsNoTracking().AnyAsync(c => c.Id == caseId, cancellationToken);
        _db.ChangeTracker.Clear();
        await _audit.AppendAndSaveAsync("AccessRefused", exists ? caseId : null,
            $"{{\"request\":\"{AuditLog.ActionName(request)}\",\"caseId\":\"{caseId}\",\"exists\":{(exists ? "true" : "false")}}}", cancellationToken);
        _db.ChangeTracker.Clear();
    }
}
