using System.Diagnostics;
using System.Globalization;
using Aktivitetsplikt.Domain.Audit;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Pipeline;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

/// <summary>
/// <c>-- chain [runs]</c>: the full walk of the seeded benchmark database (artifacts/bench/data, made by <c>bench/run.sh</c>) in
/// process, timed, with the managed heap sampled every 50 ms and the bytes allocated; then a view's walk from the checkpoint the
/// full walk left. Issue 12: 2,000,000 entries in under 10 s, streaming (no memory growth).
/// </summary>
internal static class ChainBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 2;
        var repo = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", ".."));
        var data = Path.Combine(repo, "artifacts", "bench", "data");
        var path = Path.Combine(data, "aktivitetsplikt.db");
        var key = (await File.ReadAllTextAsync(Path.Combine(data, "bench-audit.key"))).Trim();
        var chain = new AuditChainSettings(new AuditKeyRing(new AuditKey("bench", Convert.FromBase64String(key)), []), Path.Combine(data, "anchors.log"), TimeSpan.FromMinutes(15));
        await using var services = new ServiceCollection()
            .AddLogging(b => b.SetMinimumLevel(LogLevel.Warning))
            .AddAktivitetsplikt(DatabaseSetup.ConnectionString(path), chain)
            .BuildServiceProvider();
        using (var scope = services.CreateScope())
            await DatabaseSetup.MigrateAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>());
        Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}; load: {File.ReadAllText("/proc/loadavg").Trim()}");
        for (var run = 1; run <= runs; run++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var heapBefore = GC.GetTotalMemory(true);
            var allocatedBefore = GC.GetTotalAllocatedBytes();
            var peak = heapBefore;
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            ChainVerification full;
            using (new Timer(_ => { var h = GC.GetTotalMemory(false); if (h > Interlocked.Read(ref peak)) Interlocked.Exchange(ref peak, h); }, null, 0, 50))
            using (var scope = services.CreateScope())
                full = await scope.ServiceProvider.GetRequiredService<AuditChainVerifier>().VerifyAndCheckpointAsync(CancellationToken.None);
            var seconds = watch.Elapsed.TotalSeconds;
            var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Full walk {run}: {full.EntriesChecked:N0} entries, intact {full.IsIntact}, {seconds:F1} s ({full.EntriesChecked / seconds:N0} entries/s), " +
                $"CPU {cpu:F1} s, managed heap +{(peak - heapBefore) / 1024 / 1024} MiB at its peak (sampled every 50 ms), " +
                $"{(GC.GetTotalAllocatedBytes() - allocatedBefore) / 1024 / 1024:N0} MiB allocated; load {File.ReadAllText("/proc/loadavg").Trim()}"));
            watch.Restart();
            ChainVerification view;
            using (var scope = services.CreateScope())
                view = await scope.ServiceProvider.GetRequiredService<AuditChainVerifier>().VerifyFromCheckpointAsync(CancellationToken.None);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"A view's walk from the checkpoint at {view.FromCheckpoint:N0}: intact {view.IsIntact}, {watch.Elapsed.TotalMilliseconds:F1} ms"));
        }
        SqliteConnection.ClearAllPools();
        return 0;
    }
}
