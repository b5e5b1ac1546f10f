using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Pipeline;
using AutoMapper;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Aktivitetsplikt.Web.Features.Documents;

/// <summary>
/// One plan version for the printable page, in the same shape as the .docx. A read: it is logged on the audit
/// chain like every read of a case, and records no document (nothing is handed out until it is printed).
/// </summary>
public static class GetPlanDocument
{
    public sealed record Query(Guid CaseId, int Version) : IRequest<PlanDocumentModel>, ICaseRequest;

    public sealed class Handler(AppDbContext db, IMapper mapper, AuditLog audit) : IRequestHandler<Query, PlanDocumentModel>
    {
        public async Task<PlanDocumentModel> Handle(Query query, CancellationToken cancellationToken)
        {
            var @case = await db.CasesWithHistory.AsNoTracking().SingleOrDefaultAsync(c => c.Id == query.CaseId, cancellationToken)
                ?? throw new NotFoundOrNoAccessException("The case");
            var data = await CaseDocumentData.LoadAsync(db, mapper, @case, cancellationToken);
            var plan = data.Plan(query.Version) ?? throw new NotFoundOrNoAccessException("The plan version");
            await audit.AppendAndSaveAsync("ViewPlanPrint", @case.Id, $"{{\"caseNumber\":\"{@case.CaseNumber}\",\"version\":{plan.Version}}}", cancellationToken);
            return new PlanDocumentModel(data.CaseId, data.CaseNumber, data.SchoolName, data.PupilName, data.PupilGroup, plan, Masked: false, data.Sender);
        }
    }
}
