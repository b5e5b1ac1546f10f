using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Data;
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

    public sealed class Handler(AppDbContext db, IMapper mapper) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var @case = await db.CasesWithHistory.AsNoTracking().SingleOrDefaultAsync(c => c.Id == query.CaseId, cancellationToken)
                ?? throw new NotFoundOrNoAccessException("The case");
            var data = await CaseDocumentData.LoadAsync(db, mapper, @case, cancellationToken);
            return new Result(data.Plans.Select(p => p.Version).ToList(), data.NamesToMaskForTheFamily());
        }
    }
}
