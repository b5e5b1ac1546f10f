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
public sealed class AuthorizationBehavior<TRequest, TResponse>(ICurrentUser user, AppDbContext db, AuditLog audit) : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var traits = RequestTraits.Of(request!);
        if (traits.IsPublic) return await next();
        if (!user.IsAuthenticated) throw new NotSignedInException();

        var allowed = traits.AllowedRoles;
        // A guardian or a pupil may send only what names the role: every staff request is closed to them without saying so.
        if ((allowed is not null && !allowed.Roles.Contains(user.Role)) || (allowed is null && user.Role is Domain.Cases.Role.Guardian or Domain.Cases.Role.Pupil))
        {
            // A refused read of a case is logged like one outside the user's scope, so browsing can be found.
            if (request is ICaseRequest refusedCase && !traits.IsCommand) await LogRefusalAsync(request!, refusedCase.CaseId, cancellationToken);
            throw new ForbiddenException($"The role {user.Role} may not {AuditLog.ActionName(request!)}.");
        }

        if (request is ICaseRequest caseRequest)
        {
            var visible = await db.Cases.AsNoTracking().VisibleTo(db, user).AnyAsync(c => c.Id == caseRequest.CaseId, cancellationToken);
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
        var exists = await db.Cases.AsNoTracking().AnyAsync(c => c.Id == caseId, cancellationToken);
        db.ChangeTracker.Clear();
        await audit.AppendAndSaveAsync("AccessRefused", exists ? caseId : null,
            $"{{\"request\":\"{AuditLog.ActionName(request)}\",\"caseId\":\"{caseId}\",\"exists\":{(exists ? "true" : "false")}}}", cancellationToken);
        db.ChangeTracker.Clear();
    }
}
