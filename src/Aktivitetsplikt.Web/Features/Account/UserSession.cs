using Aktivitetsplikt.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Aktivitetsplikt.Web.Features.Account;

/// <summary>Why a session ended before its cookie expired.</summary>
public enum SessionEnd { SignedOut, SignedOutEverywhere, PasswordSet }

/// <summary>
/// One sign-in on one browser. The cookie carries the session's id, and the per-request check (and a circuit's
/// revalidation) accepts the cookie only while this row is open: signing out ends the row on the server, so a
/// copied cookie stops working at once instead of living on until it expires.
/// </summary>
public sealed class UserSession
{
    /// <summary>A session ends at the latest this long after sign-in, however actively its cookie is used: a school day.</summary>
    public static readonly TimeSpan MaxLength = TimeSpan.FromHours(12);

    private UserSession() { }

    public UserSession(Guid userId, DateTime startedUtc)
    {
        Id = Guid.NewGuid();
        UserId = userId;
        StartedUtc = startedUtc;
    }

    public Guid Id { get; private set; }
    public Guid UserId { get; private set; }
    public DateTime StartedUtc { get; private set; }
    public DateTime? EndedUtc { get; private set; }
    public SessionEnd? EndReason { get; private set; }

    public void End(DateTime nowUtc, SessionEnd reason)
    {
        if (EndedUtc is not null) return;
        EndedUtc = nowUtc;
        EndReason = reason;
    }
}

/// <summary>
/// The failed sign-ins with one typed user name from one client address within one window, as one counted row,
/// so that a flood of attempts cannot grow the database (or the audit chain) one row per attempt. Attempts refused
/// by the throttle before any password check are counted on the address's row, whose user name is empty.
/// </summary>
public sealed class SignInFailureWindow
{
    public static readonly TimeSpan Length = TimeSpan.FromMinutes(15);

    private SignInFailureWindow() { }

    public SignInFailureWindow(string userName, string address, DateTime windowStartUtc)
    {
        Id = Guid.NewGuid();
        UserName = userName;
        Address = address;
        WindowStartUtc = windowStartUtc;
    }

    public Guid Id { get; private set; }
    /// <summary>The user name as typed (normalised, at most 100 characters); empty on an address's throttle row.</summary>
    public string UserName { get; private set; } = "";
    public string Address { get; private set; } = "";
    public DateTime WindowStartUtc { get; private set; }
    public int Failures { get; private set; }
    public int Throttled { get; private set; }
    public DateTime LastAttemptUtc { get; private set; }

    public static DateTime WindowOf(DateTime nowUtc) =>
        new(nowUtc.Ticks - nowUtc.Ticks % Length.Ticks, DateTimeKind.Utc);

    public void CountFailure(DateTime nowUtc)
    {
        Failures++;
        LastAttemptUtc = nowUtc;
    }

    public void CountThrottled(DateTime nowUtc)
    {
        Throttled++;
        LastAttemptUtc = nowUtc;
    }
}

public static class UserSessions
{
    /// <summary>Ends every open session of the user (tracked: it saves with the caller's unit of work). Returns how many.</summary>
    public static async Task<int> EndAllSessionsAsync(this AppDbContext db, Guid userId, DateTime nowUtc, SessionEnd reason,
        CancellationToken cancellationToken)
    {
        var open = await db.UserSessions.Where(s => s.UserId == userId && s.EndedUtc == null).ToListAsync(cancellationToken);
        foreach (var session in open) session.End(nowUtc, reason);
        return open.Count;
    }
}
