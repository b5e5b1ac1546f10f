using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Pipeline;
using AutoMapper;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Aktivitetsplikt.Web.Features.Cases;

/// <summary>
/// One case with its full timeline, every plan version, flags, deadlines and the actions the
/// workflow permits this user. Every read is written to the audit chain, so browsing can be found.
/// </summary>
public static class GetCaseDetail
{
    public sealed record Query(Guid CaseId) : IRequest<Result>, ICaseRequest;

    public sealed record Result(
        Guid Id, string CaseNumber, Guid SchoolId, string SchoolName, Guid PupilId, string PupilName, string PupilGroup,
        CaseState State, int Revision, DateTime CreatedAtUtc, string ReportedByName, PupilView CurrentPupilView, bool MeasuresRequired,
        IReadOnlyList<FlagView> Flags, IReadOnlyList<TimelineEntry> Timeline, IReadOnlyList<PlanView> Plans,
        IReadOnlyList<DeadlineView> Deadlines, IReadOnlyList<CaseTrigger> PermittedActions, DateTime? NextDeadlineUtc, bool IsOverdue)
    {
        public PlanView? CurrentPlan => Plans.Count == 0 ? null : Plans[^1];
        public bool HasFlag(FlagKind kind) => Flags.Any(f => f.Kind == kind);
        public bool May(CaseTrigger trigger) => PermittedActions.Contains(trigger);
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user, TimeProvider time, IMapper mapper, AuditLog audit) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var @case = await db.CasesWithHistory.AsNoTracking().SingleOrDefaultAsync(c => c.Id == query.CaseId, cancellationToken)
                ?? throw new NotFoundOrNoAccessException("The case");
            var school = await db.Schools.AsNoTracking().Where(s => s.Id == @case.SchoolId).Select(s => s.Name).SingleAsync(cancellationToken);
            var pupil = await db.Pupils.AsNoTracking().SingleAsync(p => p.Id == @case.PupilId, cancellationToken);
            var reporter = await db.Users.AsNoTracking().Where(u => u.Id == @case.ReportedByUserId).Select(u => u.DisplayName).SingleOrDefaultAsync(cancellationToken) ?? "";
            // The entries came with the case (its rules need them); map those rather than read them twice.
            var timeline = @case.Entries.Select(mapper.Map<TimelineEntry>).ToList();
            var now = time.UtcNow();

            await audit.AppendAndSaveAsync("ViewCase", @case.Id, $"{{\"caseNumber\":\"{@case.CaseNumber}\"}}", cancellationToken);

            return new Result(
                @case.Id, @case.CaseNumber, @case.SchoolId, school, pupil.Id, pupil.FullName, pupil.Group, @case.State, @case.Revision,
                @case.CreatedAtUtc, reporter, @case.CurrentPupilView, @case.MeasuresRequired,
                @case.Flags.OrderBy(f => f.SetAtUtc).Select(mapper.Map<FlagView>).ToList(),
                timeline,
                @case.Plans.Select(mapper.Map<PlanView>).ToList(),
                @case.Deadlines.OrderBy(d => d.DueUtc).Select(mapper.Map<DeadlineView>).ToList(),
                @case.PermittedTriggers(user.Actor),
                @case.NextDeadlineUtc,
                @case.NextDeadlineUtc is { } due && due < now);
        }
    }
}
