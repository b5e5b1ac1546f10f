using System.Collections.Concurrent;
using System.Security.Claims;
using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Domain.Organisation;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Features.Account;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;

namespace Aktivitetsplikt.Web.Infrastructure;

/// <summary>
/// Checks the signed-in user against the database on every request, so that a deactivated user, one whose role
/// or school changed, or a session ended on the server (signed out, signed out everywhere, password set) loses
/// the old access at once instead of when the cookie expires. What the check reads is kept briefly in
/// <see cref="SessionCache"/>, which any change to a user or a session empties the moment it commits.
/// </summary>
public static class SessionValidation
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var time = services.GetRequiredService<TimeProvider>();
        var cache = services.GetRequiredService<SessionCache>();
        if (context.Principal is null || !await IsStillValidAsync(cache, services, time, context.Principal, context.HttpContext.RequestAborted))
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
        return Holds(await ReadAsync(db, sessionId, userId, cancellationToken), time, principal);
    }

    /// <summary>The same check, answered from the cache while nothing about users or sessions has changed and the entry is young.</summary>
    public static async Task<bool> IsStillValidAsync(SessionCache cache, IServiceProvider services, TimeProvider time, ClaimsPrincipal principal,
        CancellationToken cancellationToken)
    {
        if (AppClaims.UserIdOf(principal) is not { } userId || AppClaims.SessionIdOf(principal) is not { } sessionId)
            return false;
        if (cache.TryGet(sessionId, userId, out var cached)) return Holds(cached, time, principal);
        var generation = cache.Generation;
        var state = await ReadAsync(services.GetRequiredService<AppDbContext>(), sessionId, userId, cancellationToken);
        if (state is not null) cache.Store(sessionId, state, generation);
        return Holds(state, time, principal);
    }

    private static Task<SessionState?> ReadAsync(AppDbContext db, Guid sessionId, Guid userId, CancellationToken cancellationToken) =>
        (from s in db.UserSessions.AsNoTracking()
         where s.Id == sessionId && s.UserId == userId && s.EndedUtc == null
         join u in db.Users.AsNoTracking() on s.UserId equals u.Id
         select new SessionState(u.Id, s.StartedUtc, u.IsActive, u.Role, u.SchoolId))
        .SingleOrDefaultAsync(cancellationToken);

    private static bool Holds(SessionState? state, TimeProvider time, ClaimsPrincipal principal) =>
        state is not null && state.IsActive
        && state.StartedUtc > time.UtcNow() - UserSession.MaxLength
        && principal.FindFirst(ClaimTypes.Role)?.Value == state.Role.ToString()
        && principal.FindFirst(AppClaims.SchoolId)?.Value == state.SchoolId?.ToString();

    private static async Task RejectAsync(CookieValidatePrincipalContext context)
    {
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    }
}

/// <summary>An open session and its user as the database last said.</summary>
public sealed record SessionState(Guid UserId, DateTime StartedUtc, bool IsActive, Role Role, Guid? SchoolId);

/// <summary>
/// What the per-request check read, per open session, for at most <see cref="Lifetime"/>. Every write to <c>Users</c> or
/// <c>UserSessions</c> through this process (sign-out, sign-out everywhere, a password set, deactivation, a role or school
/// changed) empties it when it is saved and again when its transaction commits (<see cref="SessionCacheInvalidation"/>), and
/// an entry read before that is never kept (the generation it was read under is stale): in one app instance the next request
/// is checked against the database. Another instance (PostgreSQL, several instances) learns of it when its entry is
/// <see cref="Lifetime"/> old at most — the bound stated in docs/security.md.
/// </summary>
public sealed class SessionCache(TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(15);
    private const int MaxEntries = 20_000;

    private readonly ConcurrentDictionary<Guid, (SessionState State, long Generation, DateTime ReadUtc)> _entries = new();
    private long _generation;

    public long Generation => Interlocked.Read(ref _generation);

    public bool TryGet(Guid sessionId, Guid userId, out SessionState state)
    {
        state = null!;
        if (!_entries.TryGetValue(sessionId, out var entry)) return false;
        if (entry.Generation != Generation || entry.State.UserId != userId || time.UtcNow() - entry.ReadUtc >= Lifetime)
        {
            _entries.TryRemove(sessionId, out _);
            return false;
        }
        state = entry.State;
        return true;
    }

    /// <summary>Keeps what was read under <paramref name="generation"/>, unless something changed since.</summary>
    public void Store(Guid sessionId, SessionState state, long generation)
    {
        if (generation != Generation) return;
        if (_entries.Count >= MaxEntries) _entries.Clear();
        _entries[sessionId] = (state, generation, time.UtcNow());
    }

    public void Invalidate()
    {
        Interlocked.Increment(ref _generation);
        _entries.Clear();
    }
}

/// <summary>Empties <see cref="SessionCache"/> when users or sessions are saved, and again when that transaction commits.</summary>
public sealed class SessionCacheInvalidation(SessionCache cache) : DropOnCommitInterceptor<object>
{
    /// <summary>Users or sessions were saved: the whole cache goes, so there is nothing more to say about what.</summary>
    private static readonly object UsersOrSessions = new();

    protected override object? Touched(DbContext context, object? earlier) =>
        context.ChangeTracker.Entries().Any(e => e.Entity is UserAccount or UserSession && e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            ? UsersOrSessions
            : null;

    protected override void Drop(object touched) => cache.Invalidate();
}
