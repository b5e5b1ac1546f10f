using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Aktivitetsplikt.Web.Features.Notifications;

/// <summary>
/// Called by the unit of work just before it saves a command: reads which case entries the command
/// added and writes the notifications (and their outbox e-mails) that they call for, so a change and
/// its notifications commit — or roll back — together, and no handler has to remember them.
/// </summary>
public sealed class NotificationPlanner(AppDbContext db, NotificationWriter writer, TimeProvider time)
{
    public async Task PlanAsync(CancellationToken cancellationToken)
    {
        db.ChangeTracker.DetectChanges();
        var added = db.ChangeTracker.Entries<CaseEntry>()
            .Where(e => e.State == EntityState.Added)
            .Select(e => e.Entity)
            .ToList();
        if (added.Count == 0) return;

        var planned = new List<PlannedNotification>();
        foreach (var entries in added.GroupBy(e => e.CaseId))
        {
            var @case = db.ChangeTracker.Entries<Case>().Select(e => e.Entity).FirstOrDefault(c => c.Id == entries.Key);
            if (@case is null) continue;
            await InboxUpkeep.MarkHandledAsync(db, @case, entries.Select(e => e.ActorUserId).Distinct().ToList(), time.UtcNow(), cancellationToken);
            planned.AddRange(await ForCaseAsync(@case, entries.ToList(), cancellationToken));
        }
        await writer.AddAsync(planned, time.UtcNow(), cancellationToken);
    }

    /// <summary>
    /// One notification per recipient and case per command, the weightiest reason first. Whoever took
    /// the step is not told about it. When school leadership is suspected the principal is told nothing.
    /// </summary>
    private async Task<IEnumerable<PlannedNotification>> ForCaseAsync(Case @case, IReadOnlyList<CaseEntry> entries, CancellationToken cancellationToken)
    {
        var kinds = entries.Select(e => e.Kind).ToHashSet();
        var actors = entries.Select(e => e.ActorUserId).Distinct().ToList();
        var chosen = new Dictionary<Guid, NotificationKind>();
        List<Guid>? principals = null;
        List<Guid>? team = null;

        async Task<List<Guid>> Principals() =>
            @case.LeadershipSuspected ? [] : principals ??= await writer.PrincipalsAsync(@case.SchoolId, cancellationToken);
        async Task<List<Guid>> Team() => team ??= await writer.TeamForSchoolAsync(@case.SchoolId, cancellationToken);
        void Add(IEnumerable<Guid> users, NotificationKind kind)
        {
            foreach (var user in users.Where(u => !actors.Contains(u))) chosen.TryAdd(user, kind);
        }

        if (kinds.Contains(EntryKind.SchoolOwnerNotified))
        {
            Add(await Team(), NotificationKind.EmployeeSuspected);
            Add(await Principals(), NotificationKind.EmployeeSuspected);
        }
        if (kinds.Contains(EntryKind.Escalated)) Add(await Team(), NotificationKind.Escalated);
        if (kinds.Contains(EntryKind.PupilLeftSchool)) Add(await Team(), NotificationKind.PupilLeftSchool);
        if (kinds.Contains(EntryKind.ConcernLogged)) Add(await Principals(), NotificationKind.NewConcern);
        else if (kinds.Contains(EntryKind.PrincipalNotified)) Add(await Principals(), NotificationKind.PrincipalNotified);
        if (kinds.Contains(EntryKind.SiFraInformation)) Add(await Principals(), NotificationKind.SiFraInformation);
        // The family's input goes to whoever handles the case: the principal, or the § 9A team when school leadership is suspected.
        if (entries.Any(e => Family.GetFamilyCase.IsFamilyInput(e.Kind, e.ActorRole)))
            Add(@case.LeadershipSuspected ? await Team() : await Principals(), NotificationKind.FamilyInput);

        return chosen.Select(c => new PlannedNotification(c.Key, @case.Id, c.Value));
    }
}
