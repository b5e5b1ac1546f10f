using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Domain.Deadlines;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Aktivitetsplikt.Web.Features.Notifications;

/// <summary>
/// Reminds before a deadline (Notifications:ReminderHoursBefore, default 24) and once it is missed, and
/// tells the people responsible for measures when they are due. Each reminder is keyed by what it is
/// about, its kind and its recipient, so runs after a restart (or two runs at once) write nothing twice.
/// With several app instances one pass runs at a time: the instance that takes the job's lease
/// (<see cref="Leases"/>); the others skip that round, and a crashed holder's lease expires (ADR 014).
/// </summary>
public sealed class DeadlineReminderService(IServiceScopeFactory scopes, IOptions<NotificationOptions> options, TimeProvider time,
    ILogger<DeadlineReminderService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(Math.Max(1, options.Value.ReminderIntervalMinutes)));
        do
        {
            try
            {
                var written = await RunOnceAsync(time.UtcNow(), stoppingToken);
                if (written > 0) logger.LogInformation("Wrote {Count} deadline reminders", written);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "The deadline reminder run failed; it is tried again at the next interval");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public const string JobName = "deadline-reminders";

    /// <summary>Far longer than a pass takes; how long the reminders wait when the instance running them dies mid-pass.</summary>
    internal static readonly TimeSpan LeaseDuration = TimeSpan.FromMinutes(10);

    /// <summary>This service's name on the job's lease.</summary>
    internal string Owner { get; } = Leases.NewOwner();

    /// <summary>
    /// One pass: writes the reminders due at <paramref name="nowUtc"/> that were not written before. Returns how many;
    /// 0 also when another instance is running its pass.
    /// </summary>
    public async Task<int> RunOnceAsync(DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (!await Leases.TryClaimJobAsync(db, JobName, Owner, time.UtcNow(), LeaseDuration, cancellationToken))
        {
            logger.LogDebug("Another instance holds the deadline reminder lease; this round is its");
            return 0;
        }
        try
        {
            return await PlanAsync(db, scope.ServiceProvider.GetRequiredService<NotificationWriter>(), nowUtc, cancellationToken);
        }
        finally
        {
            await Leases.ReleaseJobAsync(db, JobName, Owner, time.UtcNow(), CancellationToken.None);
        }
    }

    private async Task<int> PlanAsync(AppDbContext db, NotificationWriter writer, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var lead = options.ReminderLead();

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var planned = new List<PlannedNotification>();
        planned.AddRange(await DeadlineRemindersAsync(db, writer, nowUtc, lead, cancellationToken));
        planned.AddRange(await MeasureRemindersAsync(db, nowUtc, lead, cancellationToken));

        var sourceIds = planned.Select(p => p.SourceId).Distinct().ToList();
        var existing = (await db.Notifications.AsNoTracking()
                .Where(n => n.SourceId != null && sourceIds.Contains(n.SourceId))
                .Select(n => new { n.SourceId, n.Kind, n.RecipientUserId })
                .ToListAsync(cancellationToken))
            .Select(n => (n.SourceId, n.Kind, n.RecipientUserId))
            .ToHashSet();
        var fresh = planned.DistinctBy(p => (p.SourceId, p.Kind, p.RecipientUserId))
            .Where(p => !existing.Contains((p.SourceId, p.Kind, p.RecipientUserId)))
            .ToList();
        if (fresh.Count == 0) return 0;

        var written = await writer.AddAsync(fresh, nowUtc, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return written;
    }

    private static async Task<List<PlannedNotification>> DeadlineRemindersAsync(AppDbContext db, NotificationWriter writer, DateTime nowUtc,
        TimeSpan lead, CancellationToken cancellationToken)
    {
        var horizon = nowUtc + lead;
        var deadlines = await (from d in db.Deadlines.AsNoTracking()
                               where d.MetAtUtc == null && d.SupersededAtUtc == null && d.DueUtc <= horizon
                               join c in db.Cases on d.CaseId equals c.Id
                               where c.ClosedAtUtc == null
                               select new { d.Id, d.Kind, d.DueUtc, CaseId = c.Id, c.SchoolId, c.ReportedByUserId })
            .ToListAsync(cancellationToken);
        if (deadlines.Count == 0) return [];

        var caseIds = deadlines.Select(d => d.CaseId).Distinct().ToList();
        var flags = (await db.CaseFlags.AsNoTracking().Where(f => caseIds.Contains(f.CaseId)).Select(f => new { f.CaseId, f.Kind }).ToListAsync(cancellationToken))
            .ToLookup(f => f.CaseId, f => f.Kind);
        var principals = new Dictionary<Guid, List<Guid>>();
        var teams = new Dictionary<Guid, List<Guid>>();

        var planned = new List<PlannedNotification>();
        foreach (var deadline in deadlines)
        {
            var missed = deadline.DueUtc <= nowUtc;
            var kind = missed ? NotificationKind.DeadlineMissed
                : deadline.Kind == DeadlineKind.EvaluatePlan ? NotificationKind.EvaluationDue
                : NotificationKind.DeadlineDueSoon;
            var caseFlags = flags[deadline.CaseId].ToHashSet();
            var leadershipSuspected = caseFlags.Contains(FlagKind.LeadershipSuspected);
            if (!principals.TryGetValue(deadline.SchoolId, out var schoolPrincipals))
                principals[deadline.SchoolId] = schoolPrincipals = await writer.PrincipalsAsync(deadline.SchoolId, cancellationToken);
            if (!teams.TryGetValue(deadline.SchoolId, out var team))
                teams[deadline.SchoolId] = team = await writer.TeamForSchoolAsync(deadline.SchoolId, cancellationToken);

            // Who answers for the deadline: the reporter tells the principal; the leader of the case does the rest.
            var recipients = new List<Guid>();
            if (deadline.Kind == DeadlineKind.NotifyPrincipal) recipients.Add(deadline.ReportedByUserId);
            else recipients.AddRange(leadershipSuspected ? team : schoolPrincipals);
            // The § 9A team follows the cases it was told of: a missed deadline on them is theirs to chase too.
            if (missed && (caseFlags.Contains(FlagKind.EmployeeSuspected) || caseFlags.Contains(FlagKind.EscalatedToSchoolOwner)))
                recipients.AddRange(team);

            planned.AddRange(recipients.Distinct().Select(r => new PlannedNotification(r, deadline.CaseId, kind, deadline.Id, deadline.Kind, deadline.DueUtc)));
        }
        return planned;
    }

    /// <summary>
    /// Measures in the current plan of an open case, with a responsible user, due (own date or the plan's evaluation date)
    /// within the lead time. One reminder per person, plan version and date, however many of their measures fall due then.
    /// </summary>
    private static async Task<List<PlannedNotification>> MeasureRemindersAsync(AppDbContext db, DateTime nowUtc, TimeSpan lead, CancellationToken cancellationToken)
    {
        var measures = await (from m in db.PlanMeasures.AsNoTracking()
                              where m.ResponsibleUserId != null && (m.Status == MeasureStatus.Planned || m.Status == MeasureStatus.UnderWay)
                              join p in db.PlanVersions on m.PlanVersionId equals p.Id
                              join c in db.Cases on p.CaseId equals c.Id
                              where c.ClosedAtUtc == null && p.Version == db.PlanVersions.Where(q => q.CaseId == p.CaseId).Max(q => q.Version)
                              select new { m.ResponsibleUserId, PlanVersionId = p.Id, m.EvaluateOn, p.EvaluationDate, CaseId = c.Id })
            .ToListAsync(cancellationToken);
        return measures
            .Select(m => new { m.ResponsibleUserId, m.PlanVersionId, m.CaseId, Due = m.EvaluateOn ?? m.EvaluationDate })
            .Distinct()
            .Select(m => new { m.ResponsibleUserId, m.CaseId, SourceId = MeasureDueKey(m.PlanVersionId, m.Due), DueUtc = SchoolCalendar.EndOfOsloDayUtc(m.Due) })
            .Where(m => m.DueUtc - lead <= nowUtc)
            .Select(m => new PlannedNotification(m.ResponsibleUserId!.Value, m.CaseId, NotificationKind.MeasureDue, m.SourceId, null, m.DueUtc))
            .ToList();
    }

    /// <summary>The same plan version and date always give the same key, so the reminder's uniqueness survives restarts.</summary>
    internal static Guid MeasureDueKey(Guid planVersionId, DateOnly due)
    {
        Span<byte> bytes = stackalloc byte[20];
        planVersionId.TryWriteBytes(bytes);
        BitConverter.TryWriteBytes(bytes[16..], due.DayNumber);
        return new Guid(System.Security.Cryptography.SHA256.HashData(bytes)[..16]);
    }
}
