using System.Security.Claims;
using System.Text.Json;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Pipeline;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;

namespace Aktivitetsplikt.Web.Features.Account;

public enum SignInOutcome { SignedIn, Failed, Throttled }

/// <param name="RetryAfter">When throttled: how long to wait before the next try.</param>
public sealed record SignInResult(SignInOutcome Outcome, TimeSpan RetryAfter = default);

/// <summary>
/// User name and password against ASP.NET Core Identity's hasher. A failure looks and takes the same whether the
/// user name exists or not: an unknown name is checked against a dummy hash, a deactivated user's password is
/// checked too, and the answer is the same. Repeated failures are throttled with growing delays
/// (<see cref="SignInThrottle"/>), never by locking the account. A successful sign-in opens a server-side
/// <see cref="UserSession"/> and is written to the audit chain; failures are counted per user name, address and
/// window (<see cref="SignInFailureWindow"/>), with one audit entry when a window starts, so a flood cannot fill the chain.
/// </summary>
public sealed class SignInService(AppDbContext db, Passwords passwords, TimeProvider time, AuditLog audit, CurrentUser currentUser,
    SignInThrottle throttle, ExternalSignInSettings external)
{
    public async Task<SignInResult> SignInAsync(HttpContext http, string userName, string password, CancellationToken cancellationToken = default)
    {
        var name = Normalise(userName);
        if (name.Length > SignInLimits.MaxUserNameLength || password.Length > SignInLimits.MaxPasswordLength)
            throw new ArgumentException("The sign-in form refuses over-long fields before signing in.");
        var address = SignInThrottle.ClientAddress(http);
        var now = time.UtcNow();

        var wait = throttle.WaitBeforeTrying(name, address);
        if (wait > TimeSpan.Zero)
        {
            await CountAsync("", address, now, w => w.CountThrottled(now), "SignInThrottled", cancellationToken);
            return new SignInResult(SignInOutcome.Throttled, wait);
        }

        var user = await db.Users.SingleOrDefaultAsync(u => u.UserName == name, cancellationToken);
        var passwordMatches = user is null ? passwords.VerifyNobody(password) : passwords.Verify(user, password);
        if (user is null || !user.IsActive || !passwordMatches || !MayUsePassword(user.Role))
        {
            throttle.RecordFailure(name, address);
            await CountAsync(name, address, now, w => w.CountFailure(now), "SignInRefused", cancellationToken);
            return new SignInResult(SignInOutcome.Failed);
        }

        throttle.RecordSuccess(name, address);
        var session = new UserSession(user.Id, now);
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            db.UserSessions.Add(session);
            currentUser.ActAs(user);
            await audit.AppendAsync("SignIn", null, null, null, JsonSerializer.Serialize(new { userName = name, address, session = session.Id }), cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
            AppClaims.For(user, session.Id, CookieAuthenticationDefaults.AuthenticationScheme));
        AccountEndpoints.SetCultureCookie(http, user.Culture);
        return new SignInResult(SignInOutcome.SignedIn);
    }

    /// <summary>Ends the session of this principal's cookie on the server, or every session of its user.</summary>
    public async Task SignOutAsync(ClaimsPrincipal principal, bool everywhere, CancellationToken cancellationToken = default)
    {
        if (AppClaims.UserIdOf(principal) is not { } userId || AppClaims.SessionIdOf(principal) is not { } sessionId) return;
        var now = time.UtcNow();
        int ended;
        if (everywhere)
        {
            ended = await db.EndAllSessionsAsync(userId, now, SessionEnd.SignedOutEverywhere, cancellationToken);
        }
        else
        {
            var session = await db.UserSessions.SingleOrDefaultAsync(s => s.Id == sessionId && s.UserId == userId && s.EndedUtc == null, cancellationToken);
            session?.End(now, SessionEnd.SignedOut);
            ended = session is null ? 0 : 1;
        }
        currentUser.UsePrincipal(principal);
        await audit.AppendAndSaveAsync(everywhere ? "SignOutEverywhere" : "SignOut", null,
            JsonSerializer.Serialize(new { session = sessionId, ended }), cancellationToken);
    }

    /// <summary>
    /// Guardians sign in with ID-porten only, pupils with Feide only. Staff use passwords unless the kommune turned them off for Feide; the
    /// administrator always keeps a local password (break-glass when Feide is down).
    /// </summary>
    private bool MayUsePassword(Domain.Cases.Role role) =>
        role == Domain.Cases.Role.Administrator || (role is not (Domain.Cases.Role.Guardian or Domain.Cases.Role.Pupil) && external.StaffPasswords);

    /// <summary>A NUL (which no user name holds, and PostgreSQL cannot store in the failure count) becomes U+FFFD: no user, on either provider.</summary>
    public static string Normalise(string? userName) => (userName ?? "").Replace('\0', '\uFFFD').Trim().ToLowerInvariant();

    /// <summary>
    /// Counts the attempt on its window's row. Only the first attempt of a window writes to the audit chain; the
    /// count itself stays in the row. Its own write transaction, so that it takes the chain's head safely.
    /// </summary>
    private async Task CountAsync(string name, string address, DateTime now, Action<SignInFailureWindow> count, string action,
        CancellationToken cancellationToken)
    {
        var windowStart = SignInFailureWindow.WindowOf(now);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SerializeAsync(StorageLock.SignInFailures, cancellationToken);
        var window = await db.SignInFailures.SingleOrDefaultAsync(
            w => w.UserName == name && w.Address == address && w.WindowStartUtc == windowStart, cancellationToken);
        if (window is null)
        {
            window = new SignInFailureWindow(name, address, windowStart);
            db.SignInFailures.Add(window);
            await audit.AppendAsync(action, null, null, null,
                JsonSerializer.Serialize(new { userName = name, address, windowStartUtc = windowStart }), cancellationToken);
        }
        count(window);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
