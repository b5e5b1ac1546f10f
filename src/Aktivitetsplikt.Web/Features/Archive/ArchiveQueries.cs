using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Pipeline;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Aktivitetsplikt.Web.Features.Archive;

/// <summary>The archive page: earlier runs, newest first, and the retention view — closed cases past the school owner's retention period.</summary>
public static class GetArchiveOverview
{
    [AllowedRoles(Role.SchoolOwnerTeam)]
    public sealed record Query : IRequest<Result>;

    public sealed record Run(Guid Id, DateTime StartedAtUtc, string ByName, int Cases, int Documents, long ZipSize, string ZipSha256);

    /// <param name="LastArchivedUtc">When a run last exported the case as it is now (null: never, or reopened since).</param>
    public sealed record RetentionItem(Guid CaseId, string CaseNumber, string School, DateTime ClosedAtUtc, DateTime? LastArchivedUtc);

    public sealed record Result(IReadOnlyList<Run> Runs, int ClosedCases, int RetentionYears, IReadOnlyList<RetentionItem> PastRetention);

    public sealed class Handler(AppDbContext db, ICurrentUser user, TimeProvider time, ArchiveOptions options) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var owner = user.SchoolOwnerId;
            var runs = await db.Set<ArchiveExportRun>().AsNoTracking().Where(r => r.SchoolOwnerId == owner)
                .OrderByDescending(r => r.StartedAtUtc).Take(50)
                .Select(r => new Run(r.Id, r.StartedAtUtc, r.ByName, r.CaseCount, r.DocumentCount, r.ZipSize, r.ZipSha256)).ToListAsync(cancellationToken);
            var closed = db.Cases.AsNoTracking().VisibleTo(db, user).Where(c => c.State == CaseState.Closed && c.ClosedAtUtc != null);
            var closedCount = await closed.CountAsync(cancellationToken);
            var cutoff = time.UtcNow().AddYears(-options.RetentionYearsAfterClosing);
            var past = await (from c in closed
                              join s in db.Schools.AsNoTracking() on c.SchoolId equals s.Id
                              where c.ClosedAtUtc < cutoff
                              orderby c.ClosedAtUtc
                              select new { c.Id, c.CaseNumber, School = s.Name, ClosedAtUtc = c.ClosedAtUtc!.Value, c.Revision }).ToListAsync(cancellationToken);
            var ids = past.Select(p => p.Id).ToList();
            var archived = await (from a in db.Set<ArchivedCase>().AsNoTracking()
                                  join r in db.Set<ArchiveExportRun>().AsNoTracking() on a.RunId equals r.Id
                                  where ids.Contains(a.CaseId)
                                  select new { a.CaseId, a.CaseRevision, r.StartedAtUtc }).ToListAsync(cancellationToken);
            var items = past.Select(p => new RetentionItem(p.Id, p.CaseNumber, p.School, p.ClosedAtUtc,
                archived.Where(a => a.CaseId == p.Id && a.CaseRevision == p.Revision).Select(a => (DateTime?)a.StartedAtUtc).Max())).ToList();
            return new Result(runs, closedCount, options.RetentionYearsAfterClosing, items);
        }
    }
}

/// <summary>The zip of one run, for download; the download is written to the audit chain.</summary>
public static class DownloadArchiveExport
{
    [AllowedRoles(Role.SchoolOwnerTeam)]
    public sealed record Query(Guid RunId) : IRequest<Result>;

    public sealed record Result(string Path, string FileName);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => RuleFor(q => q.RunId).NotEmpty();
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user, AuditLog audit, ArchiveOptions options) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var owner = user.SchoolOwnerId;
            var run = await db.Set<ArchiveExportRun>().AsNoTracking().Where(r => r.Id == query.RunId && r.SchoolOwnerId == owner)
                .Select(r => new { r.Id, r.StartedAtUtc }).SingleOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundOrNoAccessException("The archive export");
            var path = ExportArchive.ZipPath(options, run.Id);
            if (!File.Exists(path)) throw new NotFoundOrNoAccessException("The archive export's file");
            await audit.AppendAndSaveAsync("DownloadArchiveExport", null, $"{{\"runId\":\"{run.Id}\"}}", cancellationToken);
            return new Result(path, $"arkivuttrekk-{UiText.ToOslo(run.StartedAtUtc):yyyy-MM-dd-HHmm}.zip");
        }
    }
}
