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
        var principal = context.Principal;
        if (principal?.FindFirst(ClaimTypes.NameIdentifier)?.Value is not { } idText || !Guid.TryParse(idText, out var userId))
        {
            await RejectAsync(context);
            return;
        }
        var db = context.HttpContext.RequestServices.GetRequiredService<AppDbContext>();
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new { u.IsActive, u.Role, u.SchoolId })
            .SingleOrDefaultAsync(context.HttpContext.RequestAborted);
        var school = principal.FindFirst(AppClaims.SchoolId)?.Value;
        if (user is null || !user.IsActive
            || principal.FindFirst(ClaimTypes.Role)?.Value != user.Role.ToString()
            || school != user.SchoolId?.ToString())
            await RejectAsync(context);
    }

    private static async Task RejectAsync(CookieValidatePrincipalContext context)
    {
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    }
}
