using System.Diagnostics;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Features.Demo;
using Microsoft.EntityFrameworkCore;

namespace Aktivitetsplikt.Web.Infrastructure;

public static class StartUp
{
    /// <summary>
    /// Migrates the database, refuses to run in Production with demo users (or demo mode on), and
    /// seeds the demo data into an empty database when demo mode is on. Each step's time is logged (Information), so a slow
    /// start on a large database says where the time went (docs/performance.md, "Start-up").
    /// </summary>
    public static async Task InitialiseAsync(WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(StartUp));
        var total = Stopwatch.StartNew();
        // Hosted services (anchor, read queue, scheduled walk) and Kestrel start after this method: the whole start as one figure.
        app.Lifetime.ApplicationStarted.Register(() => logger.LogInformation("Start-up: answering {Milliseconds} ms after the process started",
            (long)(DateTime.Now - Process.GetCurrentProcess().StartTime).TotalMilliseconds));
        var step = Stopwatch.StartNew();
        void Done(string what)
        {
            logger.LogInformation("Start-up step {Step}: {Milliseconds} ms", what, step.ElapsedMilliseconds);
            step.Restart();
        }
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            _ = db.Model;
            Done("EF Core model");
            await DatabaseSetup.MigrateAsync(db);
            Done("migrations");
            await KeyRingProtection.PrepareKeyRingAsync(scope.ServiceProvider);
            Done("data-protection key ring");

            var demoEnabled = app.Configuration.GetValue("Demo:Enabled", false);
            if (app.Environment.IsProduction())
            {
                if (demoEnabled)
                    throw new InvalidOperationException("Demo mode (Demo:Enabled) cannot be on in the Production environment.");
                if (await db.Users.AnyAsync(u => u.IsDemo && u.IsActive))
                    throw new InvalidOperationException("The database holds demo users with a published password; deactivate them before running in Production.");
                Done("demo users check");
            }
            if (!demoEnabled)
            {
                logger.LogInformation("Start-up initialisation done in {Milliseconds} ms", total.ElapsedMilliseconds);
                return;
            }
        }
        await DemoData.SeedIfEmptyAsync(app.Services);
        Done("demo data");
        logger.LogInformation("Start-up initialisation done in {Milliseconds} ms", total.ElapsedMilliseconds);
    }
}
