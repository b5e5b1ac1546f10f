using System.Text.Json;
using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Domain.Necessity;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Features.Notifications;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Pipeline;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Aktivitetsplikt.Web.Features.Necessity;

/// <summary>The necessity records the user may see (<see cref="NecessityScope"/>), newest first, 50 to a page.</summary>
public static class ListNecessityRecords
{
    public const int PageSize = 50;

    [AllowedRoles(Role.Staff, Role.Principal, Role.SchoolOwnerTeam)]
    public sealed record Query(int Page = 1) : IRequest<Result>;

    public sealed record Result(IReadOnlyList<Item> Items, int Total, int Page)
    {
        public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
    }

    public sealed record Item(Guid Id, DateTime OccurredAtUtc, string PupilName, string Group, string SchoolName, string RecordedByName,
        bool ParentsInformed, bool PupilAccountGiven, string? CaseNumber);

    public sealed class Handler(AppDbContext db, ICurrentUser user) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var visible = db.NecessityRecords.AsNoTracking().VisibleTo(db, user);
            var page = Math.Max(1, query.Page);
            var items = await (from r in visible
                               join p in db.Pupils on r.PupilId equals p.Id
                               join s in db.Schools on r.SchoolId equals s.Id
                               join c in db.Cases on r.CaseId equals (Guid?)c.Id into cases
                               from c in cases.DefaultIfEmpty()
                               orderby r.OccurredAtUtc descending
                               select new Item(r.Id, r.OccurredAtUtc, p.FirstName + " " + p.LastName, p.Group, s.Name, r.RecordedByName,
                                   r.ParentsInformedAtUtc != null, r.PupilAccount == PupilAccountStatus.Given, c == null ? null : c.CaseNumber))
                .Skip((page - 1) * PageSize).Take(PageSize).ToListAsync(cancellationToken);
            return new Result(items, await visible.CountAsync(cancellationToken), page);
        }
    }
}

/// <summary>
/// One necessity record in full, with the cases of the same pupil it can be linked to. Every view is on the audit chain
/// (as a case's is), and reading it marks the reader's notification about it read.
/// </summary>
public static class GetNecessityRecord
{
    [AllowedRoles(Role.Staff, Role.Principal, Role.SchoolOwnerTeam)]
    public sealed record Query(Guid RecordId) : IRequest<Result>;

    public sealed record Result(NecessityRecord Record, string PupilName, string Group, string SchoolName, string? CaseNumber,
        IReadOnlyList<CaseOption> LinkableCases);

    public sealed record CaseOption(Guid Id, string CaseNumber, CaseState State);

    public sealed class Handler(AppDbContext db, ICurrentUser user, AuditLog audit, TimeProvider time) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var found = await (from r in db.NecessityRecords.AsNoTracking().VisibleTo(db, user)
                               where r.Id == query.RecordId
                               join p in db.Pupils on r.PupilId equals p.Id
                               join s in db.Schools on r.SchoolId equals s.Id
                               join c in db.Cases on r.CaseId equals (Guid?)c.Id into cases
                               from c in cases.DefaultIfEmpty()
                               select new { Record = r, PupilName = p.FirstName + " " + p.LastName, p.Group, SchoolName = s.Name, CaseNumber = c == null ? null : c.CaseNumber })
                .SingleOrDefaultAsync(cancellationToken);
            if (found is null)
            {
                await audit.AppendAndSaveAsync("AccessRefused", null,
                    JsonSerializer.Serialize(new { request = "GetNecessityRecord", recordId = query.RecordId }), cancellationToken);
                throw new NotFoundOrNoAccessException("The necessity record");
            }
            var linkable = found.Record.CaseId is null
                ? await db.Cases.AsNoTracking().VisibleTo(db, user).Where(c => c.PupilId == found.Record.PupilId)
                    .OrderByDescending(c => c.CreatedAtUtc).Select(c => new CaseOption(c.Id, c.CaseNumber, c.State)).ToListAsync(cancellationToken)
                : [];

            var me = user.UserId;
            foreach (var unread in await db.Notifications.Where(n => n.NecessityRecordId == query.RecordId && n.RecipientUserId == me && n.ReadAtUtc == null)
                         .ToListAsync(cancellationToken))
                unread.MarkRead(time.UtcNow());
            await audit.AppendAndSaveAsync("ViewNecessityRecord", found.Record.CaseId,
                JsonSerializer.Serialize(new { recordId = query.RecordId }), cancellationToken);
            return new Result(found.Record, found.PupilName, found.Group, found.SchoolName, found.CaseNumber, linkable);
        }
    }
}

/// <summary>
/// Every necessity record about one pupil the user may see, oldest first — for an export of everything about a pupil
/// (GDPR art. 15), which the § 9A team makes.
/// </summary>
public static class ListNecessityRecordsForPupil
{
    [AllowedRoles(Role.Principal, Role.SchoolOwnerTeam)]
    public sealed record Query(Guid PupilId) : IRequest<IReadOnlyList<NecessityRecord>>;

    public sealed class Handler(AppDbContext db, ICurrentUser user) : IRequestHandler<Query, IReadOnlyList<NecessityRecord>>
    {
        public async Task<IReadOnlyList<NecessityRecord>> Handle(Query query, CancellationToken cancellationToken) =>
            await db.NecessityRecords.AsNoTracking().VisibleTo(db, user).Where(r => r.PupilId == query.PupilId)
                .OrderBy(r => r.OccurredAtUtc).ToListAsync(cancellationToken);
    }
}

/// <summary>
/// Necessity records per school in a period (by when the intervention happened, Oslo months as the statistics use),
/// within the user's scope — the § 9A team every school, a principal their own.
/// </summary>
public static class CountNecessityRecords
{
    [AllowedRoles(Role.Principal, Role.SchoolOwnerTeam)]
    public sealed record Query(DateTime FromUtc, DateTime ToUtc, Guid? SchoolId = null) : IRequest<IReadOnlyList<SchoolCount>>;

    public sealed record SchoolCount(Guid SchoolId, string SchoolName, int Records, int PupilAccountsGiven, int ParentsInformed);

    public sealed class Handler(AppDbContext db, ICurrentUser user) : IRequestHandler<Query, IReadOnlyList<SchoolCount>>
    {
        public async Task<IReadOnlyList<SchoolCount>> Handle(Query query, CancellationToken cancellationToken)
        {
            var records = db.NecessityRecords.AsNoTracking().VisibleTo(db, user)
                .Where(r => r.OccurredAtUtc >= query.FromUtc && r.OccurredAtUtc < query.ToUtc);
            if (query.SchoolId is { } schoolId) records = records.Where(r => r.SchoolId == schoolId);
            var counts = await (from r in records
                                group r by r.SchoolId into g
                                select new
                                {
                                    SchoolId = g.Key,
                                    Records = g.Count(),
                                    Given = g.Count(r => r.PupilAccount == PupilAccountStatus.Given),
                                    Parents = g.Count(r => r.ParentsInformedAtUtc != null),
                                }).ToListAsync(cancellationToken);
            var ids = counts.Select(c => c.SchoolId).ToList();
            var names = await db.Schools.AsNoTracking().Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
            var norwegian = StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("nb-NO"), ignoreCase: true);
            return counts.Select(c => new SchoolCount(c.SchoolId, names[c.SchoolId], c.Records, c.Given, c.Parents))
                .OrderBy(c => c.SchoolName, norwegian).ToList();
        }
    }
}
