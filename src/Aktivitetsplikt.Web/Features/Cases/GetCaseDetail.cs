using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Domain.Deadlines;
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
    /// <param name="WithDocumentOptions">The case page's documents section: also the options it offers (<see cref="Result.DocumentOptions"/>).</param>
    public sealed record Query(Guid CaseId, bool WithDocumentOptions = false) : IRequest<Result>, ICaseRequest;

    public sealed record Result(
        Guid Id, string CaseNumber, Guid SchoolId, string SchoolName, Guid? PupilId, string PupilName, string PupilGroup,
        CaseState State, int Revision, DateTime CreatedAtUtc, string ReportedByName, PupilView CurrentPupilView, bool MeasuresRequired,
        IReadOnlyList<FlagView> Flags, IReadOnlyList<TimelineEntry> Timeline, IReadOnlyList<PlanView> Plans,
        IReadOnlyList<DeadlineView> Deadlines, IReadOnlyList<CaseTrigger> PermittedActions, DateTime? NextDeadlineUtc, bool IsOverdue)
    {
        public PlanView? CurrentPlan => Plans.Count == 0 ? null : Plans[^1];
        public bool HasFlag(FlagKind kind) => Flags.Any(f => f.Kind == kind);
        public bool May(CaseTrigger trigger) => PermittedActions.Contains(trigger);

        /// <summary>Why measures are mandatory: the pupil said so, the school's investigation concluded so, or both.</summary>
        public IReadOnlyList<MeasuresGround> MeasuresRequiredBecause { get; init; } = [];
        /// <summary>The earliest date the pupil or parents raised the case with the principal (§ 12-6).</summary>
        public DateOnly? RaisedWithPrincipalOn { get; init; }
        /// <summary>A week after it was raised with the principal: from then the county governor can take the case.</summary>
        public DateOnly? CountyGovernorMayTakeFrom { get; init; }
        /// <summary>Set when the case ended because the pupil left the school.</summary>
        public DepartureView? Departure { get; init; }
        /// <summary>The school owner's routine for deadlines, so the page can say which deadline is routine and which is law.</summary>
        public DeadlinePolicy Routine { get; init; } = DeadlinePolicy.Default;
        /// <summary>The viewer is a member of staff the principal delegated this case to: they act with the principal's rights.</summary>
        public bool ActsForPrincipal { get; init; }
        /// <summary>Set when the case came through "si fra": who wrote, and what they said about feeling safe.</summary>
        public SiFraOrigin? SiFraOrigin { get; init; }
        /// <summary>The delegations that cover this case (its own, or its pupil's grade), withdrawn ones too.</summary>
        public IReadOnlyList<Delegations.DelegationView> Delegations { get; init; } = [];
        /// <summary>The evidence attached to the case, oldest first, withdrawn ones included.</summary>
        public IReadOnlyList<Evidence.AttachmentView> Attachments { get; init; } = [];
        /// <summary>The meetings recorded on the case, in the order they were held.</summary>
        public IReadOnlyList<Evidence.MeetingView> Meetings { get; init; } = [];
        /// <summary>What the documents section offers (plan versions, names to mask); null when this user may not make documents.</summary>
        public Documents.GetDocumentOptions.Result? DocumentOptions { get; init; }
    }

    private sealed record PupilLine(Guid Id, string FirstName, string LastName, string Group)
    {
        public string FullName => $"{FirstName} {LastName}";
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user, TimeProvider time, IMapper mapper, AuditLog audit, Oversight.SummaryCache summaries,
        KeptCases keptCases)
        : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            // The case's revision, its school, the owner's routine, the pupil (a "si fra" case has none until the principal
            // identifies one) and the reporter's name: one query. The revision says whether the case as kept is the case now.
            var head = await (
                    from c in db.Cases.AsNoTracking()
                    where c.Id == query.CaseId
                    join s in db.Schools.AsNoTracking() on c.SchoolId equals s.Id
                    join o in db.SchoolOwners.AsNoTracking() on s.SchoolOwnerId equals o.Id
                    from p in db.Pupils.AsNoTracking().Where(p => p.Id == c.PupilId).DefaultIfEmpty()
                    select new
                    {
                        c.Revision,
                        s.Name,
                        Owner = o,
                        Pupil = p == null ? null : new PupilLine(p.Id, p.FirstName, p.LastName, p.Group),
                        Reporter = db.Users.Where(u => u.Id == c.ReportedByUserId).Select(u => (string?)u.DisplayName).FirstOrDefault(),
                    })
                .SingleOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundOrNoAccessException("The case");
            // The whole case with its history only when it changed since it was kept (ADR 034); the rules below are asked of
            // the whole case either way.
            var @case = keptCases.Find(query.CaseId, head.Revision)
                ?? keptCases.Keep(KeptCase.From(
                    await db.CasesWithHistory.AsNoTracking().SingleOrDefaultAsync(c => c.Id == query.CaseId, cancellationToken)
                        ?? throw new NotFoundOrNoAccessException("The case"), mapper));
            var (school, routine, pupil) = (head.Name, head.Owner.DeadlinePolicy, head.Pupil);
            var reporter = @case.SiFraOrigin is not null ? SiFraChannel.Name : head.Reporter ?? "";
            var now = time.UtcNow();
            var actor = await db.ActorForCaseAsync(user, @case.Id, cancellationToken);
            var delegations = (await db.Delegations.AsNoTracking().Where(d => d.SchoolId == @case.SchoolId && (d.CaseId == @case.Id || d.CaseId == null))
                    .OrderBy(d => d.GrantedAtUtc).ToListAsync(cancellationToken))
                .Where(d => d.CaseId == @case.Id || (d.Grade is { } grade && pupil is not null && Domain.Organisation.Delegation.GroupInGrade(pupil.Group, grade)))
                .Select(d => Delegations.DelegationView.From(d, d.CaseId is null ? null : @case.CaseNumber)).ToList();

            var permitted = @case.PermittedTriggers(actor);
            // The documents section's options come with the case (the plans and entries are here already), so a view does
            // not send a second request through the pipeline for them, and the circuit gets them with the prerendered case.
            // The same roles as GetDocumentOptions allows.
            var documentOptions = query.WithDocumentOptions && user.Role is Role.Principal or Role.SchoolOwnerTeam && permitted.Contains(CaseTrigger.RecordDocument)
                ? await Documents.GetDocumentOptions.ForAsync(db, summaries, user, @case.SchoolId, @case.PupilId,
                    new Documents.NameMasking.PupilName(pupil?.FirstName ?? "", pupil?.LastName ?? ""), @case.Plans, @case.OtherPupilsHeard,
                    cancellationToken)
                : null;

            // Opening the case is reading its notifications: they are marked read now (the view's audit entry is queued and
            // written with other reads in a batch, so it does not carry this save).
            await Notifications.InboxUpkeep.MarkOpenedAsync(db, user, @case.Id, now, cancellationToken);
            if (db.ChangeTracker.HasChanges()) await db.SaveChangesAsync(cancellationToken);
            await audit.AppendAndSaveAsync("ViewCase", @case.Id, $"{{\"caseNumber\":\"{@case.CaseNumber}\"}}", cancellationToken);

            return new Result(
                @case.Id, @case.CaseNumber, @case.SchoolId, school, pupil?.Id, pupil?.FullName ?? "", pupil?.Group ?? "", @case.State, @case.Revision,
                @case.CreatedAtUtc, reporter, @case.CurrentPupilView, @case.MeasuresRequired,
                @case.Flags,
                @case.Timeline,
                @case.Plans,
                @case.Deadlines,
                permitted,
                @case.NextDeadlineUtc,
                @case.NextDeadlineUtc is { } due && due < now)
            {
                MeasuresRequiredBecause = @case.MeasuresRequiredBecause,
                RaisedWithPrincipalOn = @case.RaisedWithPrincipalOn,
                CountyGovernorMayTakeFrom = @case.CountyGovernorMayTakeFrom,
                Departure = @case.Departure,
                Routine = routine,
                ActsForPrincipal = actor.Role != user.Role,
                Delegations = delegations,
                SiFraOrigin = @case.SiFraOrigin,
                Attachments = @case.Attachments,
                Meetings = @case.Meetings,
                DocumentOptions = documentOptions,
            };
        }
    }
}
