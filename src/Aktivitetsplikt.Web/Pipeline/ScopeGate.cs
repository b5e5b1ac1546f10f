using Aktivitetsplikt.Web.Data;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Aktivitetsplikt.Web.Pipeline;

/// <summary>The lock that lets one request of a DI scope run at a time (<see cref="OneRequestPerScopeBehavior{TRequest, TResponse}"/>).</summary>
public sealed class ScopeGate
{
    internal static readonly AsyncLocal<ScopeGate?> Holder = new();

    internal SemaphoreSlim Semaphore { get; } = new(1, 1);
}

/// <summary>
/// Outermost. Two things SQLite gave by answering every query synchronously (Microsoft.Data.Sqlite's async methods complete
/// before they return), which PostgreSQL's truly asynchronous driver does not (ADR 012):
/// <list type="bullet">
/// <item>The requests of one DI scope run one at a time: they share its DbContext, which allows one operation at a time, and
/// a page renders its sections side by side, each awaiting its own query.</item>
/// <item>A request sent from a component on the renderer's thread has its answer when Send returns, so a page's first render
/// (which Blazor makes as soon as <c>OnInitializedAsync</c> yields) already has its data, as the pages were written to expect.
/// The work runs on the thread pool while the renderer's thread waits for it, as it waited for SQLite.</item>
/// </list>
/// A request sent from inside another one passes straight in.
/// </summary>
public sealed class OneRequestPerScopeBehavior<TRequest, TResponse>(ScopeGate gate, AppDbContext db) : IPipelineBehavior<TRequest, TResponse>
{
    public Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (ScopeGate.Holder.Value == gate) return next();
        if (SynchronizationContext.Current is null || db.Database.IsSqlite()) return RunAsync(next, cancellationToken);
        try
        {
            return Task.FromResult(Task.Run(() => RunAsync(next, cancellationToken), cancellationToken).GetAwaiter().GetResult());
        }
        catch (Exception exception)
        {
            return Task.FromException<TResponse>(exception);
        }
    }

    private async Task<TResponse> RunAsync(RequestHandlerDelegate<TResponse> next, CancellationToken cancellationToken)
    {
        await gate.Semaphore.WaitAsync(cancellationToken);
        try
        {
            ScopeGate.Holder.Value = gate;
            return await next();
        }
        finally
        {
            ScopeGate.Holder.Value = null;
            gate.Semaphore.Release();
        }
    }
}
