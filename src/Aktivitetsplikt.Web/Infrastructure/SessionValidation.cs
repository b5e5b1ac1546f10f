using System.Security.Claims;
using Aktivitetsplikt.Web.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;

namespace Aktivitetsplikt.Web.Infrastructure;

/// <summary>
/// Checks the signed-in user against the database on every request, so that a deactivated user,
/// or one whose role or school changed, loses the old access at once instead of when the cookie expires.
/// </summary>
public static class SessionValidation
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var db = context.HttpContext.RequestServices.GetRequiredService<AppDbContext>();
        if (context.Principal is null || !await IsStillValidAsync(db, context.Principal, context.HttpContext.RequestAborted))
            await RejectAsync(context);
    }

    /// <summary>The user exists, is active, and has the role and school the principal was issued with.</summary>
    public static async Task<bool> IsStillValidAsync(AppDbContext db, ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        if (principal.FindFirst(ClaimTypes.NameIdentifier)?.Value is not { } idText || !Guid.TryParse(idText, out var userId))
            return false;
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new { u.IsActive, u.Role, u.SchoolId })
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
