using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Domain.Deadlines;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Features.Necessity;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Pipeline;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Aktivitetsplikt.Web.Features.Notifications;

/// <summary>
/// The signed-in user's own notifications: unread first, newest first. Never anyone else's, and none about a case the
/// user can no longer see (CaseScope): once school leadership is suspected (§ 12-5), the principal's inbox, counts and
/// badge no longer show that the case exists.
/// </summary>
public static class ListNotifications
{
    /// <summary>The inbox reaches back this far (the newest, unread first): older ones are read, or about closed cases.</summary>
    public const int MaxShown = 200;

    /// <summary>Notifications a page, as the case lists (docs/ui-conventions.md).</summary>
    public const int PageSize = 25;

    /// <summary>A page number past the last is given the last page (a link kept from before notifications were read).</summary>
    public const int MaxPage = 10_000;

    /// <summary>A page of my notifications (1 first).</summary>
    public sealed record Query(int Page = 1) : IRequest<Result>;

    /// <summary>
    /// One page of <see cref="Items"/> in the inbox's order; <see cref="UnreadCount"/> is every unread one of mine, however
    /// many; <see cref="Pages"/> covers the newest <see cref="MaxShown"/>.
    /// </summary>
    public sealed record Result(IReadOnlyList<Item> Items, int UnreadCount)
    {
        /// <summary>Notifications about necessity records (<see cref="NotificationKind.NecessityRecord"/>), which belong to no case: on the first page.</summary>
        public IReadOnlyList<NecessityItem> NecessityRecords { get; init; } = [];

        public int Page { get; init; } = 1;
        public int Pages { get; init; } = 1;
    }

    /// <summary>A notification about a necessity record: when it happened and at which school — never the pupil.</summary>
    public sealed record NecessityItem(Guid Id, Guid RecordId, DateTime OccurredAtUtc, string SchoolName, DateTime CreatedAtUtc, DateTime? ReadAtUtc)
    {
        public bool IsRead => ReadAtUtc is not null;
    }

    /// <summary>A notification, with the case's state now (a closed case is shown as closed) and its § 12-5 flags (what kind of case it is).</summary>
    public sealed record Item(Guid Id, Guid CaseId, string CaseNumber, NotificationKind Kind, DeadlineKind? DeadlineKind, DateTime? DueUtc,
        DateTime CreatedAtUtc, DateTime? ReadAtUtc, CaseState CaseState, bool EmployeeSuspected, bool LeadershipSuspected)
    {
        public bool IsRead => ReadAtUtc is not null;
        public bool CaseClosed => CaseState == CaseState.Closed;
    }

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => RuleFor(q => q.Page).InclusiveBetween(1, MaxPage);
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user, HeaderFactsCache kept) : IRequestHandler<Query, Result>
    {
        /// <summary>
        /// A page is kept per user, scope and page number with the header's badge (<see cref="HeaderFactsCache.GetKeptAsync"/>,
        /// ADR 032): it depends on what the badge depends on — my notifications, read or not, and which cases I may see — and
        /// on the cases' state and flags, which only a committed command changes. Reading it counted every unread
        /// notification of mine against the case scope (793 for a seeded principal) on every view.
        /// </summary>
        public Task<Result> Handle(Query query, CancellationToken cancellationToken) =>
            kept.GetKeptAsync(user, $"inbox:{query.Page}", () => ReadAsync(query, cancellationToken));

        private async Task<Result> ReadAsync(Query query, CancellationToken cancellationToken)
        {
            var mine = Visible(db, user);
            var unread = await mine.CountAsync(n => n.ReadAtUtc == null, cancellationToken);
            // Unread newest first, then read newest first: two index ranges (recipient, read, created) instead of sorting
            // every notification the user ever had by an expression; a page is an offset into the first range, the second,
            // or across both.
            var cases = mine.Where(n => n.CaseId != null);
            var shownUnread = await cases.Where(n => n.ReadAtUtc == null).Take(MaxShown).CountAsync(cancellationToken);
            var shown = shownUnread + await cases.Where(n => n.ReadAtUtc != null).Take(MaxShown - shownUnread).CountAsync(cancellationToken);
            var pages = Math.Max(1, (shown + PageSize - 1) / PageSize);
            var page = Math.Min(query.Page, pages);
            var skip = (page - 1) * PageSize;
            var items = skip < shownUnread
                ? await CaseItems(cases.Where(n => n.ReadAtUtc == null)).Skip(skip).Take(Math.Min(PageSize, shownUnread - skip)).ToListAsync(cancellationToken)
                : [];
            if (items.Count < PageSize && skip + items.Count < shown)
                items.AddRange(await CaseItems(cases.Where(n => n.ReadAtUtc != null)).Skip(Math.Max(0, skip - shownUnread))
                    .Take(Math.Min(PageSize - items.Count, shown - skip - items.Count)).ToListAsync(cancellationToken));
            // My notifications about a necessity record first (an index range, usually empty), and only those checked
            // against the scope: checking every notification I have before the join took seconds for a principal at 100k.
            var records = page > 1 ? [] : await (from n in mine.Where(n => n.NecessityRecordId != null)
                                 join r in db.NecessityRecords on n.NecessityRecordId equals (Guid?)r.Id
                                 join s in db.Schools on r.SchoolId equals s.Id
                                 orderby n.ReadAtUtc == null descending, n.CreatedAtUtc descending
                                 select new NecessityItem(n.Id, r.Id, r.OccurredAtUtc, s.Name, n.CreatedAtUtc, n.ReadAtUtc))
                .Take(MaxShown)
                .ToListAsync(cancellationToken);
            return new Result(items, unread) { NecessityRecords = records, Page = page, Pages = pages };
        }

        private IQueryable<Item> CaseItems(IQueryable<Notification> notifications) =>
            from n in notifications
            join c in db.Cases on n.CaseId equals (Guid?)c.Id
            orderby n.CreatedAtUtc descending, n.Id
            select new Item(n.Id, c.Id, c.CaseNumber, n.Kind, n.DeadlineKind, n.DueUtc, n.CreatedAtUtc, n.ReadAtUtc, c.State,
                c.Flags.Any(f => f.Kind == FlagKind.EmployeeSuspected), c.Flags.Any(f => f.Kind == FlagKind.LeadershipSuspected));
    }

    /// <summary>The navigation badge counts this far and then shows "99+": a § 9A team member can have thousands unread, and every page pays for the count.</summary>
    public const int BadgeCap = 100;

    /// <summary>For the navigation: how many of my notifications are unread, at most <see cref="BadgeCap"/>.</summary>
    public static Task<int> UnreadCountAsync(AppDbContext db, ICurrentUser user, CancellationToken cancellationToken) =>
        Visible(db, user).Where(n => n.ReadAtUtc == null).Take(BadgeCap).CountAsync(cancellationToken);

    /// <summary>The badge's text: the count, or "99+" from <see cref="BadgeCap"/> on.</summary>
    public static string BadgeText(int unread) => unread >= BadgeCap ? $"{BadgeCap - 1}+" : unread.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>My notifications about cases (and necessity records) I can see now.</summary>
    public static IQueryable<Notification> Visible(AppDbContext db, ICurrentUser user)
    {
        var me = user.UserId;
        // A lookup of each of my notifications' case (EXISTS on its key), not a list of every case I can see: the § 9A
        // team sees 100,000 cases, and a list of them was built for every page's unread badge.
        var visibleCases = db.Cases.VisibleTo(db, user);
        var visibleRecords = db.NecessityRecords.VisibleTo(db, user);
        return db.Notifications.AsNoTracking().Where(n => n.RecipientUserId == me
            && (visibleCases.Any(c => (Guid?)c.Id == n.CaseId) || visibleRecords.Any(r => (Guid?)r.Id == n.NecessityRecordId)));
    }
}

/// <summary>Marks one of my notifications (or all of them, with no id) as read. A command, so it is on the audit chain.</summary>
public static class MarkNotificationRead
{
    public sealed record Command(Guid? NotificationId) : ICommand<Unit>;

    public sealed class Handler(AppDbContext db, ICurrentUser user, TimeProvider time) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var me = user.UserId;
            var now = time.UtcNow();
            if (command.NotificationId is { } id)
            {
                // Someone else's notification, or one about a case I can no longer see, looks like one that does not exist.
                var visibleCases = db.Cases.VisibleTo(db, user).Select(c => (Guid?)c.Id);
                var visibleRecords = db.NecessityRecords.VisibleTo(db, user).Select(r => (Guid?)r.Id);
                var notification = await db.Notifications
                    .SingleOrDefaultAsync(n => n.Id == id && n.RecipientUserId == me
                        && (visibleCases.Contains(n.CaseId) || visibleRecords.Contains(n.NecessityRecordId)), cancellationToken)
                    ?? throw new NotFoundOrNoAccessException("The notification");
                notification.MarkRead(now);
                return Unit.Value;
            }
            var visible = db.Cases.VisibleTo(db, user).Select(c => (Guid?)c.Id);
            var records = db.NecessityRecords.VisibleTo(db, user).Select(r => (Guid?)r.Id);
            foreach (var unread in await db.Notifications.Where(n => n.RecipientUserId == me && n.ReadAtUtc == null
                             && (visible.Contains(n.CaseId) || records.Contains(n.NecessityRecordId)))
                         .ToListAsync(cancellationToken))
                unread.MarkRead(now);
            return Unit.Value;
        }
    }
}

/// <summary>
/// Keeps the inbox honest without anyone clicking "mark as read": a notification is read once its recipient has opened
/// the case (<see cref="MarkOpenedAsync"/>, with the audit entry of that view) or has done a step on it, and every
/// notification of a case is read once the case is closed — nothing is left waiting in an inbox that nobody can act on.
/// </summary>
public static class InboxUpkeep
{
    /// <summary>The recipient opened the case: their unread notifications about it are read. Saved by the caller.</summary>
    public static async Task MarkOpenedAsync(AppDbContext db, ICurrentUser user, Guid caseId, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var me = user.UserId;
        foreach (var unread in await db.Notifications.Where(n => n.CaseId == caseId && n.RecipientUserId == me && n.ReadAtUtc == null).ToListAsync(cancellationToken))
            unread.MarkRead(nowUtc);
    }

    /// <summary>
    /// A step on the case (in the command's transaction, before this step's own notifications are planned): whoever
    /// took it has handled their notifications about the case; once the case is closed, everyone's are read.
    /// </summary>
    public static async Task MarkHandledAsync(AppDbContext db, Case @case, IReadOnlyList<Guid> actors, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var unread = db.Notifications.Where(n => n.CaseId == @case.Id && n.ReadAtUtc == null);
        if (@case.State != CaseState.Closed) unread = unread.Where(n => actors.Contains(n.RecipientUserId));
        foreach (var notification in await unread.ToListAsync(cancellationToken))
            notification.MarkRead(nowUtc);
    }
}
