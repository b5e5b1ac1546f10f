using Aktivitetsplikt.Web.Data;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Aktivitetsplikt.Web.Infrastructure;

/// <summary>
/// What a load balancer or orchestrator asks (docs/deployment.md): <c>/healthz</c>, is the process alive (no check, never
/// the database, so a database outage does not get every instance restarted), and <c>/readyz</c>, can it serve (the database
/// answers and has every migration this version knows). Anonymous, answered before HTTPS redirection, authentication and
/// audit, with a plain body of one word (Healthy, Unhealthy) and status 200 or 503: no personal data, no exception text.
/// </summary>
public static class HealthEndpoints
{
    public const string LivePath = "/healthz";
    public const string ReadyPath = "/readyz";
    private const string ReadyTag = "ready";

    public static IServiceCollection AddHealthEndpoints(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddDbContextCheck<AppDbContext>("database", tags: [ReadyTag])
            .AddCheck<MigrationsAppliedCheck>("migrations", tags: [ReadyTag]);
        return services;
    }

    /// <summary>Before anything that could redirect (HTTPS, sign-in) or record the request.</summary>
    public static WebApplication UseHealthEndpoints(this WebApplication app)
    {
        app.UseHealthChecks(LivePath, new HealthCheckOptions { Predicate = _ => false });
        app.UseHealthChecks(ReadyPath, new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) });
        return app;
    }

    /// <summary>Unhealthy while the database lacks a migration this version has (or cannot be read at all).</summary>
    private sealed class MigrationsAppliedCheck(AppDbContext db) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            var pending = await db.Database.GetPendingMigrationsAsync(cancellationToken);
            return pending.Any() ? HealthCheckResult.Unhealthy("The database lacks migrations.") : HealthCheckResult.Healthy();
        }
    }
}
