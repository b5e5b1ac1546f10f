using System.Security.Claims;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Features.Account;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;

namespace Aktivitetsplikt.Web.Infrastructure;

/// <summary>
/// Checks the signed-in user against the database on every request, so that a deactivated user, one whose role
/// or school changed, or a session ended on the server (signed out, signed out everywhere, password set) loses
/// the old access at once instead of when the cookie expires.
/// </summary>
public static class SessionValidation
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var db = services.GetRequiredService<AppDbContext>();
        var time = services.GetRequiredService<TimeProvider>();
        if (context.Principal is null || !await IsStillValidAsync(db, time, context.Principal, context.HttpContext.RequestAborted))
            await RejectAsync(context);
    }

    /// <summary>
    /// The principal's session is open and younger than <see cref="UserSession.MaxLength"/>, and its user is active
    /// with the role and school the principal was issued with.
    /// </summary>
    public static async Task<bool> IsStillValidAsync(AppDbContext db, TimeProvider time, ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        if (AppClaims.UserIdOf(principal) is not { } userId || AppClaims.SessionIdOf(principal) is not { } sessionId)
            return false;
        var startedAfter = time.UtcNow() - UserSession.MaxLength;
        var user = await (from s in db.UserSessions.AsNoTracking()
                          where s.Id == sessionId && s.UserId == userId && s.EndedUtc == null && s.StartedUtc > startedAfter
                          join u in db.Users.AsNoTracking() on s.UserId equals u.Id
                          select new { u.IsActive, u.Role, u.SchoolId })
            .SingleOrDefaultAsync(cancellationToken);
        return user is not null && user.IsActive
            && principal.FindFirst(ClaimTypes.Role)?.Value == user.Role.ToString()
            && principal.FindFirst(AppClaims.SchoolId)?.Value == user.SchoolId?.ToString();
    }

    private static async Task RejectAsync(CookieValidatePrincipalContext context)
    {
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    }
}
