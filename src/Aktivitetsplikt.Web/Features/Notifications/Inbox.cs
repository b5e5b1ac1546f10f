using Aktivitetsplikt.Domain.Deadlines;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Pipeline;
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
    public const int MaxShown = 200;

    public sealed record Query : IRequest<Result>;

    public sealed record Result(IReadOnlyList<Item> Items, int UnreadCount);

    public sealed record Item(Guid Id, Guid CaseId, string CaseNumber, NotificationKind Kind, DeadlineKind? DeadlineKind, DateTime? DueUtc,
        DateTime CreatedAtUtc, DateTime? ReadAtUtc)
    {
        public bool IsRead => ReadAtUtc is not null;
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var mine = Visible(db, user);
            var items = await (from n in mine
                               join c in db.Cases on n.CaseId equals c.Id
                               orderby n.ReadAtUtc == null descending, n.CreatedAtUtc descending
                               select new Item(n.Id, n.CaseId, c.CaseNumber, n.Kind, n.DeadlineKind, n.DueUtc, n.CreatedAtUtc, n.ReadAtUtc))
                .Take(MaxShown)
                .ToListAsync(cancellationToken);
            return new Result(items, await mine.CountAsync(n => n.ReadAtUtc == null, cancellationToken));
        }
    }

    /// <summary>For the navigation: how many of my notifications are unread.</summary>
    public static int UnreadCount(AppDbContext db, ICurrentUser user) => Visible(db, user).Count(n => n.ReadAtUtc == null);

    /// <summary>My notifications about cases I can see now.</summary>
    public static IQueryable<Notification> Visible(AppDbContext db, ICurrentUser user)
    {
        var me = user.UserId;
        var visibleCases = db.Cases.VisibleTo(db, user).Select(c => c.Id);
        return db.Notifications.AsNoTracking().Where(n => n.RecipientUserId == me && visibleCases.Contains(n.CaseId));
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
                var visibleCases = db.Cases.VisibleTo(db, user).Select(c => c.Id);
                var notification = await db.Notifications
                    .SingleOrDefaultAsync(n => n.Id == id && n.RecipientUserId == me && visibleCases.Contains(n.CaseId), cancellationToken)
                    ?? throw new NotFoundOrNoAccessException("The notification");
                notification.MarkRead(now);
                return Unit.Value;
            }
            var visible = db.Cases.VisibleTo(db, user).Select(c => c.Id);
            foreach (var unread in await db.Notifications.Where(n => n.RecipientUserId == me && n.ReadAtUtc == null && visible.Contains(n.CaseId))
                         .ToListAsync(cancellationToken))
                unread.MarkRead(now);
            return Unit.Value;
        }
    }
}
