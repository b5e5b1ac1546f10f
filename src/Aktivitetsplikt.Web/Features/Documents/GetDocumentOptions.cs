using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Features.Cases;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Pipeline;
using AutoMapper;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Aktivitetsplikt.Web.Features.Documents;

/// <summary>What the Documents section offers: the plan versions and the other pupils' names found in the plans and the pupils heard on the case, to mask.</summary>
public static class GetDocumentOptions
{
    [AllowedRoles(Role.Principal, Role.SchoolOwnerTeam)]
    public sealed record Query(Guid CaseId) : IRequest<Result>, ICaseRequest;

    public sealed record Result(IReadOnlyList<int> PlanVersions, IReadOnlyList<string> SuggestedMaskNames);

    /// <summary>
    /// Reads only what the suggestion needs — the plans, the pupils heard, the names of the pupil and the school's other
    /// pupils — not the case with its whole history and letterhead, which a document reads when it is made
    /// (<see cref="CaseDocumentData"/>). Same suggestion as <see cref="CaseDocumentData.NamesToMaskForTheFamily"/>. The case
    /// page does not send this: <see cref="GetCaseDetail"/> has the plans and entries already and calls <see cref="ForAsync"/>.
    /// </summary>
    public sealed class Handler(AppDbContext db, IMapper mapper, ICurrentUser user, Oversight.SummaryCache cache) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var @case = await db.Cases.AsNoTracking().Where(c => c.Id == query.CaseId).Select(c => new { c.SchoolId, c.PupilId })
                .SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundOrNoAccessException("The case");
            var plans = (await db.PlanVersions.AsNoTracking().Include(p => p.Measures).Where(p => p.CaseId == query.CaseId)
                .ToListAsync(cancellationToken)).Select(mapper.Map<PlanView>).ToList();
            var heard = await db.CaseEntries.AsNoTracking()
                .Where(e => e.CaseId == query.CaseId && e.Kind == EntryKind.OtherPupilHeard && e.Detail != null).OrderBy(e => e.Sequence).Select(e => e.Detail!)
                .ToListAsync(cancellationToken);
            var pupil = @case.PupilId is { } pupilId
                ? await db.Pupils.AsNoTracking().Where(p => p.Id == pupilId).Select(p => new NameMasking.PupilName(p.FirstName, p.LastName)).SingleAsync(cancellationToken)
                : new NameMasking.PupilName("", "");
            return await ForAsync(db, cache, user, @case.SchoolId, @case.PupilId, pupil, plans, heard, cancellationToken);
        }
    }

    /// <summary>
    /// The options of a case whose plans and "other pupil heard" details (in the order they were recorded) the caller has
    /// read; reads only the names of the school's other pupils, and only when there is a plan to find them in.
    /// </summary>
    public static async Task<Result> ForAsync(AppDbContext db, Oversight.SummaryCache cache, ICurrentUser user, Guid schoolId, Guid? pupilId,
        NameMasking.PupilName pupil, IEnumerable<PlanView> plans, IEnumerable<string> heard, CancellationToken cancellationToken)
    {
        var ordered = plans.OrderBy(p => p.Version).ToList();
        // Without a plan there is no plan text to find a name in, so no other pupil is suggested: their names are not read.
        var others = ordered.Count == 0 ? [] : (await SchoolsPupilsAsync(db, cache, user, schoolId)).Where(p => p.Id != pupilId).Select(p => p.Name);
        var heardPupils = NameMasking.Usable(heard.Where(h => !string.IsNullOrWhiteSpace(h)), pupil);
        return new Result(ordered.Select(p => p.Version).ToList(), NameMasking.Usable(NameMasking.Suggest(ordered, others, pupil).Concat(heardPupils), pupil));
    }

    private sealed record SchoolPupil(Guid Id, NameMasking.PupilName Name);

    /// <summary>
    /// The names of a school's pupils, kept in <see cref="Oversight.SummaryCache"/> per scope and school for
    /// <see cref="Oversight.SummaryCache.CountBound"/> and dropped at every command committed in this process (a pupil added,
    /// imported or renamed is a command), so only another instance's change can be that much behind: reading the school's
    /// few hundred names on every view of a case with a plan was a tenth of the case page's request time (issue 12, ADR 033).
    /// </summary>
    private static async Task<IReadOnlyList<SchoolPupil>> SchoolsPupilsAsync(AppDbContext db, Oversight.SummaryCache cache, ICurrentUser user, Guid schoolId) =>
        await cache.GetAsync<IReadOnlyList<SchoolPupil>>($"pupil-names:{CaseScope.ScopeKey(user)}:{schoolId}", Oversight.SummaryCache.CountBound,
            async () => await db.Pupils.AsNoTracking().Where(p => p.SchoolId == schoolId)
                .Select(p => new SchoolPupil(p.Id, new NameMasking.PupilName(p.FirstName, p.LastName))).ToListAsync());
}
