using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Domain.Deadlines;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Features.Cases;
using Aktivitetsplikt.Web.Features.Oversight;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Pipeline;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Aktivitetsplikt.Web.Features.Start;

/// <summary>
/// The start page's one list, "what must I do today?": every open case in the user's scope that needs them today,
/// each case once, with the one reason it is there — its deadline has passed (oldest first), its deadline is today
/// (earliest first), or it is a new concern not yet investigated (newest first). A case that is both overdue and a
/// new concern is listed once, as overdue: that is the more urgent reason.
/// </summary>
public static class WhatToDoToday
{
    public enum Reason { Overdue, DueToday, NewConcern }

    public sealed record Query(int Max = 20) : IRequest<Result>;

    /// <summary>One case and why it is on the list; <see cref="DeadlineKind"/> names the deadline when the reason is one.</summary>
    public sealed record Item(ListCases.Item Case, Reason Reason, DeadlineKind? DeadlineKind);

    /// <summary>The first <see cref="Query.Max"/> items in order, and how many there are in all.</summary>
    public sealed record Result(IReadOnlyList<Item> Items, int Total);

    internal static readonly CaseState[] NewConcernStates = [CaseState.FollowingUp, CaseState.Intervened, CaseState.PrincipalNotified];

    /// <summary>
    /// How long a kept list may lag a change committed by another app instance; this instance's commands drop it at once
    /// (<see cref="SummaryCache.CaseChanged"/>), as they drop the case lists' totals.
    /// </summary>
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    public sealed class Handler(AppDbContext db, IMediator sender, ICurrentUser user, TimeProvider time, SummaryCache cache) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var now = time.UtcNow();
            var endOfToday = UiText.FromOslo(UiText.ToOslo(now).Date.AddDays(1));
            // Which cases are on the list, and in which order, depends on the scope, the day (the bound "before the end of
            // today") and the data alone, so it is kept per scope and day (ADR 032) and dropped at every committed command
            // (SummaryCache). What changes with the clock within the day — a deadline today passing, so that "due today"
            // becomes "overdue" — is worked out from the kept deadline on every view.
            var kept = await cache.GetAsync($"today:{CaseScope.ScopeKey(user)}:{endOfToday.Ticks}:{query.Max}", Bound,
                () => ReadAsync(query.Max, endOfToday, CancellationToken.None));
            return new Result(kept.Items.Select(i => AsOf(i, now, endOfToday)).ToList(), kept.Total);
        }

        /// <summary>The kept item as it stands at <paramref name="now"/>: overdue once its deadline has passed.</summary>
        private static Item AsOf(Item item, DateTime now, DateTime endOfToday)
        {
            var c = item.Case with { IsOverdue = item.Case.NextDeadlineUtc is { } due && due < now };
            return item with { Case = c, Reason = ReasonFor(c, endOfToday) };
        }

        /// <summary>The list as read from the database: which cases, in which order, with which deadline; <see cref="AsOf"/> gives the reasons when shown.</summary>
        private async Task<Result> ReadAsync(int max, DateTime endOfToday, CancellationToken cancellationToken)
        {
            // Only the cases shown come from the database (ListCases' scope rules and work-order indexes, in SQL): the
            // deadlines before the end of today, oldest first, then the new concerns without one, newest first; the
            // totals are index counts.
            var due = await sender.Send(new ListCases.Query(DueBeforeUtc: endOfToday, Sort: ListCases.SortColumn.Deadline, PageSize: max), cancellationToken);
            var fresh = await sender.Send(new ListCases.Query(DueBeforeUtc: endOfToday, NewConcernsOnly: true, Sort: ListCases.SortColumn.Created,
                Descending: true, PageSize: Math.Max(1, max - due.Items.Count)), cancellationToken);

            var shown = due.Items.Concat(fresh.Items).Take(max)
                .Select(c => new Item(c, ReasonFor(c, endOfToday), null))
                .ToList();
            var withDeadline = shown.Where(i => i.Reason != Reason.NewConcern).Select(i => i.Case.Id).ToList();
            // By the shown cases' keys alone, the open ones picked here: with "MetAtUtc IS NULL" in the SQL, SQLite read every
            // open deadline through the overview's index instead of these few cases' deadlines.
            var kinds = (await db.Deadlines.AsNoTracking()
                    .Where(d => withDeadline.Contains(d.CaseId))
                    .Select(d => new { d.CaseId, d.Kind, d.DueUtc, d.MetAtUtc, d.SupersededAtUtc })
                    .ToListAsync(cancellationToken))
                .Where(d => d.MetAtUtc == null && d.SupersededAtUtc == null)
                .GroupBy(d => d.CaseId)
                .ToDictionary(g => g.Key, g => g.OrderBy(d => d.DueUtc).First().Kind);
            return new Result(shown.Select(i => kinds.TryGetValue(i.Case.Id, out var kind) ? i with { DeadlineKind = kind } : i).ToList(), due.Total + fresh.Total);
        }

        private static Reason ReasonFor(ListCases.Item item, DateTime endOfToday) => item switch
        {
            { IsOverdue: true } => Reason.Overdue,
            { NextDeadlineUtc: { } due } when due < endOfToday => Reason.DueToday,
            _ => Reason.NewConcern,
        };
    }
}
