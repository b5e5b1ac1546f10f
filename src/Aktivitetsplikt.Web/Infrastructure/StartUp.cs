using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Features.Demo;
using Microsoft.EntityFrameworkCore;

namespace Aktivitetsplikt.Web.Infrastructure;

public static class StartUp
{
    /// <summary>
    /// Migrates the database, refuses to run in Production with demo users (or demo mode on), and
    /// seeds the demo data into an empty database when demo mode is on.
    /// </summary>
    public static async Task InitialiseAsync(WebApplication app)
    {
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await DatabaseSetup.MigrateAsync(db);
            await KeyRingProtection.PrepareKeyRingAsync(scope.ServiceProvider);

            var demoEnabled = app.Configuration.GetValue("Demo:Enabled", false);
            if (app.Environment.IsProduction())
            {
                if (demoEnabled)
                    throw new InvalidOperationException("Demo mode (Demo:Enabled) cannot be on in the Production environment.");
                if (await db.Users.AnyAsync(u => u.IsDemo && u.IsActive))
                    throw new InvalidOperationException("The database holds demo users with a published password; deactivate them before running in Production.");
            }
            if (!demoEnabled) return;
        }
        await DemoData.SeedIfEmptyAsync(app.Services);
    }
}
