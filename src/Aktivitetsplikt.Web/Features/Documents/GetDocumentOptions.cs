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
    /// Runs on every view of the case page (issue 12), so it reads only what the suggestion needs — the plans, the pupils heard,
    /// the names of the pupil and the school's other pupils — not the case with its whole history and letterhead, which the
    /// page has read already and a document reads when it is made (<see cref="CaseDocumentData"/>). Same suggestion as
    /// <see cref="CaseDocumentData.NamesToMaskForTheFamily"/>.
    /// </summary>
    public sealed class Handler(AppDbContext db, IMapper mapper) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var @case = await db.Cases.AsNoTracking().Where(c => c.Id == query.CaseId).Select(c => new { c.SchoolId, c.PupilId })
                .SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundOrNoAccessException("The case");
            var plans = (await db.PlanVersions.AsNoTracking().Include(p => p.Measures).Where(p => p.CaseId == query.CaseId)
                .ToListAsync(cancellationToken)).OrderBy(p => p.Version).Select(mapper.Map<PlanView>).ToList();
            var heard = await db.CaseEntries.AsNoTracking()
                .Where(e => e.CaseId == query.CaseId && e.Kind == EntryKind.OtherPupilHeard && e.Detail != null).OrderBy(e => e.Sequence).Select(e => e.Detail!)
                .ToListAsync(cancellationToken);
            var pupil = @case.PupilId is { } pupilId
                ? await db.Pupils.AsNoTracking().Where(p => p.Id == pupilId).Select(p => new NameMasking.PupilName(p.FirstName, p.LastName)).SingleAsync(cancellationToken)
                : new NameMasking.PupilName("", "");
            var others = await db.Pupils.AsNoTracking().Where(p => p.SchoolId == @case.SchoolId && p.Id != @case.PupilId)
                .Select(p => new NameMasking.PupilName(p.FirstName, p.LastName)).ToListAsync(cancellationToken);
            var heardPupils = NameMasking.Usable(heard.Where(h => !string.IsNullOrWhiteSpace(h)), pupil);
            return new Result(plans.Select(p => p.Version).ToList(), NameMasking.Usable(NameMasking.Suggest(plans, others, pupil).Concat(heardPupils), pupil));
        }
    }
}
