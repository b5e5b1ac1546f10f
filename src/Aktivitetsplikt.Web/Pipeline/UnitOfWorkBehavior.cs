using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Features.Notifications;
using Aktivitetsplikt.Web.Features.Oversight;
using Aktivitetsplikt.Web.Infrastructure;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Aktivitetsplikt.Web.Pipeline;

/// <summary>
/// Innermost: one transaction per command in which the change, its audit entries and the
/// notifications it calls for (with their outbox e-mails) commit together. Queries pass straight through. A lost optimistic-concurrency race becomes a clear
/// conflict, and nothing of the command is saved.
/// </summary>
public sealed class UnitOfWorkBehavior<TRequest, TResponse>(AppDbContext db, AuditLog audit, NotificationPlanner notifications, SummaryCache summaries,
    HeaderFactsCache headers)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (!RequestTraits.Of(request!).IsCommand) return await next();

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            var response = await next();
            await notifications.PlanAsync(cancellationToken);
            await audit.RecordCommandAsync(request!, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            summaries.CaseChanged();
            headers.Invalidate();
            return response;
        }
        catch (DbUpdateException ex)
        {
            var lostRace = ex is DbUpdateConcurrencyException || await CaseChangedMeanwhileAsync(transaction, cancellationToken);
            db.ChangeTracker.Clear();
            if (lostRace) throw new ConcurrencyConflictException();
            throw;
        }
        catch
        {
            db.ChangeTracker.Clear();
            throw;
        }
    }

    /// <summary>
    /// A lost race usually fails first on the unique entry sequence, not on the Revision token: EF Core
    /// inserts the step's new entries before it updates the case row. So check the token after the fact.
    /// </summary>
    private async Task<bool> CaseChangedMeanwhileAsync(IDbContextTransaction transaction, CancellationToken cancellationToken)
    {
        var seen = db.ChangeTracker.Entries<Case>()
            .Where(e => e.State == EntityState.Modified)
            .Select(e => (e.Entity.Id, Revision: e.Property(c => c.Revision).OriginalValue))
            .ToList();
        if (seen.Count == 0) return false;
        await transaction.RollbackAsync(cancellationToken);
        foreach (var (id, revision) in seen)
        {
            if (await db.Cases.AsNoTracking().AnyAsync(c => c.Id == id && c.Revision != revision, cancellationToken))
                return true;
        }
        return false;
    }
}
