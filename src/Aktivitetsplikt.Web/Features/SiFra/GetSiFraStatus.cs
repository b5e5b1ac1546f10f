using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Pipeline;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Aktivitetsplikt.Web.Features.SiFra;

/// <summary>How far the school has come with a message, as its sender may see it.</summary>
public enum SiFraProgress
{
    /// <summary>"Skolen har mottatt meldingen": logged, the principal notified.</summary>
    Received,
    /// <summary>"Skolen arbeider med saken": investigating, measures or evaluating.</summary>
    InProgress,
    /// <summary>"Saken er avsluttet".</summary>
    Closed,
}

/// <summary>
/// The status page behind a receipt code: only when the message was received and how far the school has come, in plain
/// words — never the case's content, its number, a pupil or a member of staff. An unknown code answers null, exactly like
/// a wrong one (nothing to learn from it).
/// </summary>
public static class GetSiFraStatus
{
    [PublicRequest]
    public sealed record Query(string? Code) : IRequest<Result?>;

    public sealed record Result(DateTime ReceivedAtUtc, SiFraProgress Progress);

    public static SiFraProgress ProgressOf(CaseState state) => state switch
    {
        CaseState.FollowingUp or CaseState.Intervened or CaseState.PrincipalNotified => SiFraProgress.Received,
        CaseState.Closed => SiFraProgress.Closed,
        _ => SiFraProgress.InProgress,
    };

    public sealed class Handler(AppDbContext db) : IRequestHandler<Query, Result?>
    {
        public async Task<Result?> Handle(Query query, CancellationToken cancellationToken)
        {
            if (ReceiptCodes.Normalise(query.Code) is not { } code) return null;
            var hash = ReceiptCodes.Hash(code);
            var found = await (from r in db.SiFraReceipts.AsNoTracking()
                               where r.CodeHash == hash
                               join c in db.Cases.AsNoTracking() on r.CaseId equals c.Id
                               select new { r.IssuedAtUtc, c.State }).SingleOrDefaultAsync(cancellationToken);
            return found is null ? null : new Result(found.IssuedAtUtc, ProgressOf(found.State));
        }
    }
}
