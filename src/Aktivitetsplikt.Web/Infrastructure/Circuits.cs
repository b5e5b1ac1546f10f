using Aktivitetsplikt.Web.Data;
using MediatR;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.EntityFrameworkCore;
using System.Security.Claims;

namespace Aktivitetsplikt.Web.Infrastructure;

/// <summary>
/// Sends a request in a DI scope of its own, as the current user. An interactive component lives in a
/// circuit for as long as the tab is open; its steps must not share one long-lived DbContext (stale
/// tracked entities, no concurrency between a component's two clicks). On a static page the request's
/// scope would do, but components are written once for both, so they always send through this.
/// </summary>
public sealed class ScopedSender(IServiceScopeFactory scopes, CurrentUser user)
{
    public async Task<TResponse> Send<TResponse>(IRequest<TResponse> request, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        user.CopyTo(scope.ServiceProvider.GetRequiredService<CurrentUser>());
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request, cancellationToken);
    }
}

/// <summary>Gives the circuit's <see cref="CurrentUser"/> the circuit's principal, and follows it when it changes.</summary>
internal sealed class CircuitUser(AuthenticationStateProvider authentication, CurrentUser user) : CircuitHandler, IDisposable
{
    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        authentication.AuthenticationStateChanged += OnChanged;
        return base.OnCircuitOpenedAsync(circuit, cancellationToken);
    }

    public override async Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken) =>
        user.UsePrincipal((await authentication.GetAuthenticationStateAsync()).User);

    private void OnChanged(Task<AuthenticationState> state) =>
        _ = state.ContinueWith(t => user.UsePrincipal(t.Result.User), TaskContinuationOptions.OnlyOnRanToCompletion);

    public void Dispose() => authentication.AuthenticationStateChanged -= OnChanged;
}

/// <summary>
/// The cookie is checked against the database on every request (<see cref="SessionValidation"/>); a circuit
/// makes no requests, so its user is re-checked every minute the same way: deactivated, a changed role or
/// school, or its session ended on the server (signed out in another tab, everywhere, or the password reset),
/// and the circuit's user is signed out at once and its next step refused.
/// </summary>
internal sealed class RevalidatingUserStateProvider(ILoggerFactory loggers, IServiceScopeFactory scopes)
    : RevalidatingServerAuthenticationStateProvider(loggers)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(1);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var time = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        return await SessionValidation.IsStillValidAsync(db, time, state.User, cancellationToken);
    }
}

public static class CircuitRegistration
{
    public static IServiceCollection AddInteractiveCircuits(this IServiceCollection services)
    {
        services.AddScoped<ScopedSender>();
        services.AddScoped<CircuitHandler, CircuitUser>();
        services.AddScoped<AuthenticationStateProvider, RevalidatingUserStateProvider>();
        return services;
    }
}
