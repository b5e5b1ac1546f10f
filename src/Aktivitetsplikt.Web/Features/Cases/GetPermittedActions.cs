using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Pipeline;
using AutoMapper;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Aktivitetsplikt.Web.Features.Cases;

/// <summary>
/// What the current user may do with a case now: the workflow table's permitted triggers for their
/// role, with the case's revision to send back with the step. Reads no case content.
/// </summary>
public static class GetPermittedActions
{
    public sealed record Query(Guid CaseId) : IRequest<Result>, ICaseRequest;

    public sealed record Result(Guid CaseId, CaseState State, int Revision, IReadOnlyList<CaseTrigger> Actions);

    public sealed class Handler(AppDbContext db, ICurrentUser user, IMapper mapper, KeptCases keptCases) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            // The whole case only when it changed since it was kept (ADR 034): its revision says so.
            var revision = await db.Cases.AsNoTracking().Where(c => c.Id == query.CaseId).Select(c => (int?)c.Revision).SingleOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundOrNoAccessException("The case");
            var @case = keptCases.Find(query.CaseId, revision)
                ?? keptCases.Keep(KeptCase.From(
                    await db.CasesWithHistory.AsNoTracking().SingleOrDefaultAsync(c => c.Id == query.CaseId, cancellationToken)
                        ?? throw new NotFoundOrNoAccessException("The case"), mapper));
            return new Result(@case.Id, @case.State, @case.Revision, @case.PermittedTriggers(await db.ActorForCaseAsync(user, @case.Id, cancellationToken)));
        }
    }
}
