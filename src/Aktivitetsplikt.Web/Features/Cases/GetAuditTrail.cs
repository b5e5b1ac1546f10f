using Aktivitetsplikt.Domain.Audit;
using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Pipeline;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Aktivitetsplikt.Web.Features.Cases;

/// <summary>
/// A case's audit entries (changes and reads) and the verification of the whole chain, for the
/// § 9A team and the principal. The chain is global, so it is verified from the first entry.
/// </summary>
public static class GetAuditTrail
{
    [AllowedRoles(Role.Principal, Role.SchoolOwnerTeam)]
    /// <param name="ChangesOnly">Leave out the reads (looking at the case, its log, its printable plan): most of a case's log.</param>
    public sealed record Query(Guid CaseId, bool ChangesOnly = false) : IRequest<Result>, ICaseRequest;

    /// <summary>The actions that only look at a case; everything else changed it or produced something from it.</summary>
    public static IReadOnlyList<string> ReadActions => AuditLog.ReadActions;

    public static bool IsRead(string action) => ReadActions.Contains(action);

    public sealed record Item(long Sequence, DateTime AtUtc, string UserName, Role? Role, string Action, CaseState? StateBefore, CaseState? StateAfter, string Hash);

    /// <param name="HiddenReads">How many reads were left out (0 unless ChangesOnly); TotalCount counts every entry of the case.</param>
    public sealed record Result(IReadOnlyList<Item> Entries, ChainVerification Verification, string CaseNumber = "", int HiddenReads = 0, int TotalCount = 0);

    public sealed class Handler(AppDbContext db, AuditLog audit, AuditChainVerifier chain) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var caseNumber = await db.Cases.AsNoTracking().Where(c => c.Id == query.CaseId).Select(c => c.CaseNumber).SingleAsync(cancellationToken);
            // First: the verifier writes the queued reads (ReadAuditQueue), so the list below shows every read up to this one.
            var verification = await chain.VerifyAsync(cancellationToken);
            var all = await db.AuditEntries.AsNoTracking().Where(a => a.CaseId == query.CaseId).OrderBy(a => a.Sequence)
                .Select(a => new Item(a.Sequence, a.AtUtc, a.UserName, a.Role, a.Action, a.StateBefore, a.StateAfter, a.Hash))
                .ToListAsync(cancellationToken);
            var entries = query.ChangesOnly ? all.Where(a => !IsRead(a.Action)).ToList() : all;
            // Looking at who did what is itself a read of the case, and is logged like one.
            await audit.AppendAndSaveAsync("ViewAuditLog", query.CaseId, $"{{\"caseNumber\":\"{caseNumber}\"}}", cancellationToken);
            return new Result(entries, verification, caseNumber, all.Count - entries.Count, all.Count);
        }
    }
}

/// <summary>Walks the whole audit chain and reports the first broken link.</summary>
public static class VerifyAuditChain
{
    [AllowedRoles(Role.SchoolOwnerTeam, Role.Administrator)]
    public sealed record Query : IRequest<ChainVerification>;

    /// <summary>Streamed in sequence order (<see cref="AuditChainVerifier"/>), so a long chain is checked without holding it all in memory.</summary>
    public sealed class Handler(AuditChainVerifier chain) : IRequestHandler<Query, ChainVerification>
    {
        public Task<ChainVerification> Handle(Query query, CancellationToken cancellationToken) => chain.VerifyAsync(cancellationToken);
    }
}
