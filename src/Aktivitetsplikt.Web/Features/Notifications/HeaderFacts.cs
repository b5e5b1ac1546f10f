using System.Collections.Concurrent;
using Aktivitetsplikt.Domain.Organisation;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Pipeline;
using Microsoft.EntityFrameworkCore;

namespace Aktivitetsplikt.Web.Features.Notifications;

/// <summary>What every signed-in page's header shows besides the user's name: the unread badge and the user's school or school owner.</summary>
public sealed record HeaderFacts(int Unread, string? PlaceName);

/// <summary>
/// The header's facts per user and scope, kept for at most <see cref="Bound"/> (ADR 027): the badge and the place name were
/// two queries on every signed-in page (the unread count checks each of up to 100 notifications against the case scope).
/// An entry is keyed by the user's id AND what decides what they may see (role, school, school owner,
/// <see cref="CaseScope.ScopeKey"/>), so it is never shown to another user or under another scope. It is dropped
/// <list type="bullet">
/// <item>for everyone at every command committed in this process (<see cref="UnitOfWorkBehavior{TRequest,TResponse}"/>): a
/// step may change which cases, and so which notifications, a user may see;</item>
/// <item>for a notification's recipient whenever a notification is written or marked read, through any context, in a
/// command or not (opening a case, a necessity record, the reminder service: <see cref="HeaderFactsInvalidation"/>);</item>
/// <item>for everyone when a school or school owner is saved (its name is the place name).</item>
/// </list>
/// So in one app instance the header never lags a change; another instance's changes show within <see cref="Bound"/>.
/// </summary>
public sealed class HeaderFactsCache(TimeProvider time, IServiceScopeFactory scopes)
{
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    /// <summary>One entry per signed-in user and scope: bounded so that no number of users grows memory for good.</summary>
    private const int MaxEntries = 20_000;

    /// <summary>A kept value (header facts, or a page the inbox keeps) and what had been dropped when it was read.</summary>
    private sealed record Kept(object Value, long Generation, long UserGeneration, DateTime ReadUtc);

    private readonly ConcurrentDictionary<string, Kept> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Guid, long> _userGenerations = new();
    private long _generation;

    /// <summary>The key: the user and everything their scope depends on, so that a changed role or school is a different entry.</summary>
    public static string KeyOf(ICurrentUser user) =>
        $"{user.UserId:N}|{user.Role}|{user.SchoolId:N}|{user.SchoolOwnerId:N}|{CaseScope.ScopeKey(user)}";

    /// <summary>
    /// The kept facts, or read now in a context of their own: the layout starts this before the page's component runs,
    /// and the page's handlers use the request's context meanwhile (one context allows one operation at a time).
    /// </summary>
    public Task<HeaderFacts> GetAsync(ICurrentUser user, CancellationToken cancellationToken) =>
        KeepAsync(_entries, MaxEntries, KeyOf(user), user, async () =>
        {
            await using var scope = scopes.CreateAsyncScope();
            return await ReadAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), user, cancellationToken);
        });

    /// <summary>
    /// A user's inbox pages (ADR 032), kept beside their header facts and by the same rules: the same key (the user and
    /// their scope) with what is kept appended, dropped with that user's badge (a notification of theirs written or
    /// marked read, through any context) and with everyone's (a committed command, a school or school owner saved), and
    /// for at most <see cref="Bound"/>. Fewer than the header's entries, as each holds a page of rows.
    /// </summary>
    private const int MaxKept = 4096;

    private readonly ConcurrentDictionary<string, Kept> _kept = new(StringComparer.Ordinal);

    /// <summary>
    /// What <paramref name="read"/> gives for this user and <paramref name="what"/>, kept as their header facts are (see
    /// <see cref="MaxKept"/>); read in the caller's context, and kept only if nothing was dropped while it was read.
    /// </summary>
    public Task<T> GetKeptAsync<T>(ICurrentUser user, string what, Func<Task<T>> read) where T : class =>
        KeepAsync(_kept, MaxKept, $"{KeyOf(user)}|{what}", user, read);

    /// <summary>
    /// The value kept under <paramref name="key"/> while no drop (everyone's or this user's) has come since it was read and it
    /// is younger than <see cref="Bound"/>; else <paramref name="read"/>'s, kept only if nothing was dropped while it was read
    /// (a read that began before a change may have missed it).
    /// </summary>
    private async Task<T> KeepAsync<T>(ConcurrentDictionary<string, Kept> store, int most, string key, ICurrentUser user, Func<Task<T>> read)
        where T : class
    {
        var generation = Interlocked.Read(ref _generation);
        var userGeneration = UserGeneration(user.UserId);
        var now = time.UtcNow();
        if (store.TryGetValue(key, out var kept) && kept.Generation == generation && kept.UserGeneration == userGeneration
            && now - kept.ReadUtc < Bound)
            return (T)kept.Value;

        var value = await read();
        if (generation == Interlocked.Read(ref _generation) && userGeneration == UserGeneration(user.UserId))
        {
            if (store.Count >= most) store.Clear();
            store[key] = new Kept(value, generation, userGeneration, now);
        }
        return value;
    }

    /// <summary>The facts as the database says now.</summary>
    public static async Task<HeaderFacts> ReadAsync(AppDbContext db, ICurrentUser user, CancellationToken cancellationToken)
    {
        var unread = await ListNotifications.UnreadCountAsync(db, user, cancellationToken);
        var place = user.SchoolId is { } schoolId
            ? await db.Schools.AsNoTracking().Where(s => s.Id == schoolId).Select(s => s.Name).FirstOrDefaultAsync(cancellationToken)
            : await db.SchoolOwners.AsNoTracking().Where(o => o.Id == user.SchoolOwnerId).Select(o => o.Name).FirstOrDefaultAsync(cancellationToken);
        return new HeaderFacts(unread, place);
    }

    /// <summary>Something that may change anyone's facts was committed (a case step, a school renamed).</summary>
    public void Invalidate()
    {
        Interlocked.Increment(ref _generation);
        _entries.Clear();
        _kept.Clear();
    }

    /// <summary>These users' notifications were written or marked read: their badges are read again.</summary>
    public void InvalidateUsers(IEnumerable<Guid> userIds)
    {
        foreach (var userId in userIds)
            _userGenerations.AddOrUpdate(userId, 1, (_, generation) => generation + 1);
    }

    private long UserGeneration(Guid userId) => _userGenerations.TryGetValue(userId, out var generation) ? generation : 0;
}

/// <summary>
/// Drops <see cref="HeaderFactsCache"/>'s entries when notifications, schools or school owners are saved through any
/// context — when saving, when saved and again when the transaction commits (a read between the save and the commit sees
/// the old rows), like <see cref="SessionCacheInvalidation"/>. Notifications drop their recipients' entries; a school or
/// school owner everyone's.
/// </summary>
public sealed class HeaderFactsInvalidation(HeaderFactsCache cache) : DropOnCommitInterceptor<HeaderFactsInvalidation.Places>
{
    /// <summary>The recipients of the notifications saved, and whether a school or school owner was.</summary>
    public sealed record Places(IReadOnlyList<Guid> Recipients, bool Names);

    protected override Places? Touched(DbContext context, Places? earlier)
    {
        var changed = context.ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .Select(e => e.Entity)
            .Where(e => e is Notification or School or SchoolOwner)
            .ToList();
        if (changed.Count == 0) return null;
        var recipients = changed.OfType<Notification>().Select(n => n.RecipientUserId).Distinct();
        var names = changed.Any(e => e is School or SchoolOwner);
        return earlier is null
            ? new Places([.. recipients], names)
            : new Places([.. earlier.Recipients.Union(recipients)], earlier.Names || names);
    }

    protected override void Drop(Places touched)
    {
        if (touched.Names) cache.Invalidate();
        cache.InvalidateUsers(touched.Recipients);
    }
}
