using Aktivitetsplikt.Domain.Audit;
using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Pipeline;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Aktivitetsplikt.Web.Features.Cases;

/// <summary>
/// A case's audit entries (changes and reads), a page at a time, and the verification of the chain, for the § 9A team and
/// the principal. The chain is global: a view verifies it from the newest keyed checkpoint to the head
/// (<see cref="AuditChainVerifier.VerifyFromCheckpointAsync"/>); the whole walk is <see cref="VerifyAuditChain"/>.
/// </summary>
public static class GetAuditTrail
{
    /// <summary>Entries on one page: a case viewed every day for years has thousands.</summary>
    public const int PageSize = 50;

    [AllowedRoles(Role.Principal, Role.SchoolOwnerTeam)]
    /// <param name="ChangesOnly">Leave out the reads (looking at the case, its log, its printable plan): most of a case's log.</param>
    /// <param name="Page">1 is the oldest entries; a page past the last shows the last.</param>
    public sealed record Query(Guid CaseId, bool ChangesOnly = false, int Page = 1) : IRequest<Result>, ICaseRequest;

    /// <summary>The actions that only look at a case; everything else changed it or produced something from it.</summary>
    public static IReadOnlyList<string> ReadActions => AuditLog.ReadActions;

    public static bool IsRead(string action) => ReadActions.Contains(action);

    public sealed record Item(long Sequence, DateTime AtUtc, string UserName, Role? Role, string Action, CaseState? StateBefore, CaseState? StateAfter, string Hash);

    /// <param name="HiddenReads">How many reads were left out (0 unless ChangesOnly); TotalCount counts every entry of the case.</param>
    /// <param name="Reads">How many of the case's entries are reads, shown or not.</param>
    /// <param name="FullWalkThrough">Set when the view resumed from a head an earlier view of this instance verified
    /// (<see cref="ChainVerification.FromCheckpoint"/> is then that head, <see cref="ChainVerification.CheckpointVerifiedAtUtc"/>
    /// when): the keyed checkpoint the full walk left, and <paramref name="FullWalkAtUtc"/> when that walk ran.</param>
    public sealed record Result(IReadOnlyList<Item> Entries, ChainVerification Verification, string CaseNumber = "", int HiddenReads = 0, int TotalCount = 0,
        int Reads = 0, int Page = 1, int Pages = 1, long? FullWalkThrough = null, DateTime? FullWalkAtUtc = null);

    public sealed class Handler(AppDbContext db, AuditLog audit, AuditChainVerifier chain, ReadAuditQueue queue, VerifiedChainHead verifiedHead,
        AuditChainSettings settings, TimeProvider time) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            // One connection for the view's six statements (the walk included), instead of one taken from the pool and returned
            // per statement: at 16 clients the pool's lock was contended and every SQLite open registers EF Core's functions anew.
            await db.Database.OpenConnectionAsync(cancellationToken);
            try
            {
                return await ViewAsync(query, cancellationToken);
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        }

        private async Task<Result> ViewAsync(Query query, CancellationToken cancellationToken)
        {
            var caseNumber = await db.Cases.AsNoTracking().Where(c => c.Id == query.CaseId).Select(c => c.CaseNumber).SingleAsync(cancellationToken);
            // First the case's own queued reads are written (ReadAuditQueue), so the list below shows every read of it up to
            // this one — and only when it has some: most views of the page then write nothing before they read.
            await queue.FlushCaseAsync(query.CaseId, cancellationToken);
            var (verification, fullWalk) = await VerifyChainAsync(cancellationToken);
            var ofCase = db.AuditEntries.AsNoTracking().Where(a => a.CaseId == query.CaseId);
            var readActions = ReadActions.ToList();
            var total = await ofCase.CountAsync(cancellationToken);
            var reads = await ofCase.CountAsync(a => readActions.Contains(a.Action), cancellationToken);
            var shown = query.ChangesOnly ? ofCase.Where(a => !readActions.Contains(a.Action)) : ofCase;
            var pages = Math.Max(1, ((query.ChangesOnly ? total - reads : total) + PageSize - 1) / PageSize);
            var page = Math.Clamp(query.Page, 1, pages);
            var entries = await shown.OrderBy(a => a.Sequence).Skip((page - 1) * PageSize).Take(PageSize)
                .Select(a => new Item(a.Sequence, a.AtUtc, a.UserName, a.Role, a.Action, a.StateBefore, a.StateAfter, a.Hash))
                .ToListAsync(cancellationToken);
            // Looking at who did what is itself a read of the case, and is logged like one.
            await audit.AppendAndSaveAsync("ViewAuditLog", query.CaseId, $"{{\"caseNumber\":\"{caseNumber}\"}}", cancellationToken);
            return new Result(entries, verification, caseNumber, query.ChangesOnly ? reads : 0, total, reads, page, pages, fullWalk?.Sequence, fullWalk?.VerifiedAtUtc);
        }

        /// <summary>
        /// From the head an earlier view of this instance verified, when it lies beyond the newest valid checkpoint (the walk is
        /// then what was written since that view); else from the checkpoint, as before. An intact walk moves the remembered
        /// head forward; a broken one leaves it, so the next view walks to the same break again. Only a walk that started at a
        /// keyed checkpoint (or at a head built on one) is remembered, and the checkpoint must still verify to resume.
        /// </summary>
        private async Task<(ChainVerification Verification, AuditCheckpoint? FullWalk)> VerifyChainAsync(CancellationToken cancellationToken)
        {
            var checkpoint = await chain.NewestValidCheckpointAsync(cancellationToken);
            if (checkpoint is not null && verifiedHead.Current is { } known && known.Sequence > checkpoint.Sequence)
            {
                // In memory only, never stored: the walk's starting point, under the current key because the type asks for one.
                var resumeAt = new AuditCheckpoint(known.Sequence, known.Hash, known.VerifiedAtUtc, settings.Keys.Current);
                var resumed = await chain.VerifyFromAsync(resumeAt, cancellationToken);
                Remember(resumed, checkpoint.Sequence, checkpoint.VerifiedAtUtc);
                return (resumed, checkpoint);
            }
            var verification = await chain.VerifyFromCheckpointAsync(cancellationToken);
            if (verification is { FromCheckpoint: { } from, CheckpointVerifiedAtUtc: { } at }) Remember(verification, from, at);
            return (verification, null);
        }

        private void Remember(ChainVerification verification, long checkpointSequence, DateTime checkpointAtUtc)
        {
            if (verification.IsIntact && verification.EntriesChecked > 0)
                verifiedHead.Advance(new VerifiedChainHead.Head(verification.EntriesChecked, verification.HeadHash, time.UtcNow(), checkpointSequence, checkpointAtUtc));
        }
    }
}

/// <summary>
/// Walks the whole audit chain from entry 1 and reports the first broken link: what a view from a checkpoint cannot see (an
/// entry changed before the checkpoint) this finds. Intact, it leaves a new keyed checkpoint at the head. The § 9A team's
/// "check the whole chain now"; the walk and its verdict are written to the chain (<c>VerifyAuditChain</c>).
/// </summary>
public static class VerifyAuditChain
{
    [AllowedRoles(Role.SchoolOwnerTeam, Role.Administrator)]
    public sealed record Query : IRequest<ChainVerification>;

    /// <summary>Streamed in sequence order (<see cref="AuditChainVerifier"/>), so a long chain is checked without holding it all in memory.</summary>
    public sealed class Handler(AuditChainVerifier chain, AuditLog audit) : IRequestHandler<Query, ChainVerification>
    {
        public async Task<ChainVerification> Handle(Query query, CancellationToken cancellationToken)
        {
            var verification = await chain.VerifyAndCheckpointAsync(cancellationToken);
            await audit.AppendAndSaveAsync("VerifyAuditChain", null, AuditLog.Describe(new
            {
                verification.IsIntact,
                verification.EntriesChecked,
                verification.FirstBrokenSequence,
                Kind = verification.Kind.ToString(),
            }), cancellationToken);
            return verification;
        }
    }
}
