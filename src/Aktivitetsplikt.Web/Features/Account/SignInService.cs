using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Pipeline;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Localization;
using Microsoft.EntityFrameworkCore;

namespace Aktivitetsplikt.Web.Features.Account;

public enum SignInOutcome { SignedIn, Failed, LockedOut }

/// <summary>
/// User name and password against ASP.NET Core Identity's hasher, with lockout after repeated
/// failures. Every attempt is written to the audit chain.
/// </summary>
public sealed class SignInService(AppDbContext db, Passwords passwords, TimeProvider time, AuditLog audit, CurrentUser currentUser)
{
    public const int MaxFailedAttempts = 5;
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    public async Task<SignInOutcome> SignInAsync(HttpContext http, string userName, string password, CancellationToken cancellationToken = default)
    {
        var now = time.UtcNow();
        var name = (userName ?? "").Trim().ToLowerInvariant();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var user = await db.Users.SingleOrDefaultAsync(u => u.UserName == name, cancellationToken);
        SignInOutcome outcome;
        if (user is null || !user.IsActive)
        {
            outcome = SignInOutcome.Failed;
        }
        else if (user.IsLockedOut(now))
        {
            outcome = SignInOutcome.LockedOut;
        }
        else if (!passwords.Verify(user, password ?? ""))
        {
            user.RegisterFailedSignIn(now, MaxFailedAttempts, LockoutDuration);
            outcome = user.IsLockedOut(now) ? SignInOutcome.LockedOut : SignInOutcome.Failed;
        }
        else
        {
            user.RegisterSuccessfulSignIn();
            currentUser.ActAs(user);
            outcome = SignInOutcome.SignedIn;
        }

        await audit.AppendAsync(outcome == SignInOutcome.SignedIn ? "SignIn" : "SignInRefused", null, null, null,
            System.Text.Json.JsonSerializer.Serialize(new { userName = name, outcome = outcome.ToString() }), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        if (outcome == SignInOutcome.SignedIn)
        {
            await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, AppClaims.For(user!, CookieAuthenticationDefaults.AuthenticationScheme));
            AccountEndpoints.SetCultureCookie(http, user!.Culture);
        }
        return outcome;
    }
}
