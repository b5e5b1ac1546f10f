using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Domain.Deadlines;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Features.Cases;
using Aktivitetsplikt.Web.Infrastructure;
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

    public sealed class Handler(AppDbContext db, IMediator sender, TimeProvider time) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var now = time.UtcNow();
            var endOfToday = UiText.FromOslo(UiText.ToOslo(now).Date.AddDays(1));
            // Only the cases shown come from the database (ListCases' scope rules and work-order indexes, in SQL): the
            // deadlines before the end of today, oldest first, then the new concerns without one, newest first; the
            // totals are index counts.
            var due = await sender.Send(new ListCases.Query(DueBeforeUtc: endOfToday, Sort: ListCases.SortColumn.Deadline, PageSize: query.Max), cancellationToken);
            var fresh = await sender.Send(new ListCases.Query(DueBeforeUtc: endOfToday, NewConcernsOnly: true, Sort: ListCases.SortColumn.Created,
                Descending: true, PageSize: Math.Max(1, query.Max - due.Items.Count)), cancellationToken);

            var shown = due.Items.Concat(fresh.Items).Take(query.Max)
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
