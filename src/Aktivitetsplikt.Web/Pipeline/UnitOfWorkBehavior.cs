using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Infrastructure;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Aktivitetsplikt.Web.Pipeline;

/// <summary>
/// Innermost: one transaction per command in which the change and its audit entries commit
/// together. Queries pass straight through. A lost optimistic-concurrency race becomes a clear
/// conflict, and nothing of the command is saved.
/// </summary>
public sealed class UnitOfWorkBehavior<TRequest, TResponse> : IPipelineBehavior<TRequest, TResponse>
{
    private readonly AppDbContext _db;
    private readonly AuditLog _audit;

    public UnitOfWorkBehavior(AppDbContext db, AuditLog audit)
    {
        _db = db;
        _audit = audit;
    }

    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (!IsCommand(request!)) return await next();

        await using var transaction = await _db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            var response = await next();
            await _audit.RecordCommandAsync(request!, cancellationToken);
            await _db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return response;
        }
        catch (DbUpdateConcurrencyException)
        {
            _db.ChangeTracker.Clear();
            throw new ConcurrencyConflictException();
        }
        catch
        {
            _db.ChangeTracker.Clear();
            throw;
        }
    }

    private static bool IsCommand(object request) =>
        request.GetType().GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ICommand<>));
}
