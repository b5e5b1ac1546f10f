using System.Diagnostics;
using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Domain.Organisation;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Pipeline;
using Aktivitetsplikt.Web.Features.Cases;
using Aktivitetsplikt.Web.Infrastructure;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

// The load run: a school owner with 20 schools and CaseCount cases made through the real pipeline
// (authorization, validation, transaction, audit chain) on a SQLite file in WAL mode, then the
// reads users wait for, each timed many times. Baselines are the same reads as raw EF queries
// without the pipeline, measured in the same run, so the ratio shows what the pipeline costs.
// `-- circuits [runs] [meld|sak]` measures instead what interactive circuits cost the server (CircuitMemory.cs):
// the concern form as staff, or a case page as the principal.
// `-- crash [rounds] [tabs] [seconds]` is the crash test instead (CrashTest.cs): concurrent concerns, kill -9, restart, check.
// `-- http <baseUrl> [clients,...] [seconds]` is HTTP load against a running app or a load balancer instead (HttpLoad.cs).
// `-- cluster [--cases N] [--seconds S] [--clients 16,64]` is issue 11's side by side: one instance on SQLite, two on PostgreSQL behind nginx, one killed (ClusterBench.cs, bench/cluster.sh).
// `-- pages [--cases N] [--entries N] [--seconds S] [--clients 1,16,64] [--reuse] [--label text]` is the page benchmark of issue 12 (PagesBench.cs, bench/run.sh).
if (args is ["pages", ..])
{
    Environment.ExitCode = await PagesBench.RunAsync(args[1..]);
    return;
}
if (args is ["cluster", ..])
{
    Environment.ExitCode = await ClusterBench.RunAsync(args[1..]);
    return;
}
// `-- chain [runs]`: the full chain walk on the seeded benchmark database, timed with its heap (ChainBench.cs).
if (args is ["chain", ..])
{
    Environment.ExitCode = await ChainBench.RunAsync(args[1..]);
    return;
}
if (args is ["http", var baseUrl, ..])
{
    Environment.ExitCode = await HttpLoad.RunAsync(baseUrl, args.Length > 2 ? args[2].Split(',').Select(int.Parse).ToArray() : [16, 64],
        args.Length > 3 ? int.Parse(args[3]) : 30);
    return;
}
if (args is ["crash", ..])
{
    Environment.ExitCode = await CrashTest.RunAsync(args.Length > 1 ? int.Parse(args[1]) : 3, args.Length > 2 ? int.Parse(args[2]) : 6,
        args.Length > 3 ? int.Parse(args[3]) : 20);
    return;
}
if (args is ["circuits", ..])
{
    await CircuitMemory.RunAsync(args.Length > 1 ? int.Parse(args[1]) : 3, args.Length > 2 ? args[2] : "meld");
    return;
}

var caseCount = args.Length > 0 ? int.Parse(args[0]) : 5000;
var path = Path.Combine(Path.GetTempPath(), $"aktivitetsplikt-load-{Guid.NewGuid():N}.db");
var services = new ServiceCollection()
    .AddLogging(b => b.SetMinimumLevel(LogLevel.Warning))
    .AddAktivitetsplikt(DatabaseSetup.ConnectionString(path))
    .BuildServiceProvider();

try
{
    using (var scope = services.CreateScope())
        await DatabaseSetup.MigrateAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>());

    var owner = new SchoolOwner("Lastby kommune");
    var schools = Enumerable.Range(1, 20).Select(i => new School(owner.Id, $"Skole {i}")).ToList();
    var staff = schools.Select(s => new UserAccount($"ansatt{s.Name.Split(' ')[1]}", "Ansatt", Role.Staff, owner.Id, s.Id)).ToList();
    var principals = schools.Select(s => new UserAccount($"rektor{s.Name.Split(' ')[1]}", "Rektor", Role.Principal, owner.Id, s.Id)).ToList();
    var team = new UserAccount("team", "Team", Role.SchoolOwnerTeam, owner.Id, null);
    var pupils = schools.SelectMany(s => Enumerable.Range(1, 100).Select(i => new Pupil(s.Id, $"Elev{i}", "Etternavn", "5A"))).ToList();
    using (var scope = services.CreateScope())
    {
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.SchoolOwners.Add(owner);
        db.Schools.AddRange(schools);
        db.Users.AddRange(staff);
        db.Users.AddRange(principals);
        db.Users.Add(team);
        db.Pupils.AddRange(pupils);
        await db.SaveChangesAsync();
    }

    async Task<T> Send<T>(UserAccount user, IRequest<T> request)
    {
        using var scope = services.CreateScope();
        ((CurrentUser)scope.ServiceProvider.GetRequiredService<ICurrentUser>()).ActAs(user);
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
    }

    Console.WriteLine($"Seeding {caseCount} cases through the pipeline...");
    var logTimes = new List<double>();
    var stepTimes = new List<double>();
    var ids = new List<Guid>();
    var total = Stopwatch.StartNew();
    for (var i = 0; i < caseCount; i++)
    {
        var school = i % schools.Count;
        var pupil = pupils[school * 100 + i / schools.Count % 100];
        var sw = Stopwatch.StartNew();
        var result = await Send(staff[school], new LogConcern.Command(pupil.Id, "Eleven satt alene i friminuttet.", DateTime.UtcNow.AddHours(-1),
            ConcernLocation.Schoolyard, i % 2 == 0 ? "Snakket med elevene." : null, true, i % 3 == 0, false, false));
        logTimes.Add(sw.Elapsed.TotalMilliseconds);
        ids.Add(result.CaseId);
        if (i % 2 == 0)
        {
            sw.Restart();
            await Send(principals[school], new StartInvestigation.Command(result.CaseId, null, "Samtaler."));
            await Send(principals[school], new RecordFinding.Command(result.CaseId, null, "Observasjon i friminutt."));
            stepTimes.Add(sw.Elapsed.TotalMilliseconds / 2);
        }
    }
    var seedSeconds = total.Elapsed.TotalSeconds;

    var principal = principals[0];
    var oneCase = ids[0];

    var rows = new List<string>();
    async Task Measure(string name, int runs, Func<Task> pipeline, Func<Task> baseline)
    {
        for (var w = 0; w < 5; w++) { await pipeline(); await baseline(); }
        var p = new List<double>();
        var b = new List<double>();
        long allocated = 0;
        for (var r = 0; r < runs; r++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var sw = Stopwatch.StartNew();
            await pipeline();
            p.Add(sw.Elapsed.TotalMilliseconds);
            allocated += GC.GetAllocatedBytesForCurrentThread() - before;
            sw.Restart();
            await baseline();
            b.Add(sw.Elapsed.TotalMilliseconds);
        }
        var row = $"| {name} | {runs} | {Median(p):F2} | {Percentile(p, 0.95):F2} | {Median(b):F2} | {Median(p) / Median(b):F1}× | {allocated / runs / 1024} KiB |";
        rows.Add(row);
        Console.WriteLine(row);
    }

    await Measure("Case list, principal, page 1 of own school (25 rows)", 200,
        () => Send(principal, new ListCases.Query()),
        async () =>
        {
            using var scope = services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await db.Cases.AsNoTracking().Where(c => c.SchoolId == principal.SchoolId && c.State != CaseState.Closed)
                .OrderBy(c => c.NextDeadlineUtc).Take(25).ToListAsync();
        });
    await Measure("Case list, § 9A team, all schools, overdue first page", 200,
        () => Send(team, new ListCases.Query(OverdueOnly: false)),
        async () =>
        {
            using var scope = services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await db.Cases.AsNoTracking().Where(c => c.State != CaseState.Closed).OrderBy(c => c.NextDeadlineUtc).Take(25).ToListAsync();
        });
    await Measure("Case page (detail + timeline + permitted actions, read logged)", 200,
        () => Send(principal, new GetCaseDetail.Query(oneCase)),
        async () =>
        {
            using var scope = services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await db.CasesWithHistory.AsNoTracking().SingleAsync(c => c.Id == oneCase);
        });
    await Measure("A step on a case (comment: load, rule, save, audit)", 200,
        () => Send(principal, new AddComment.Command(oneCase, null, "Oppfølging.")),
        async () =>
        {
            using var scope = services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var c = await db.Cases.SingleAsync(x => x.Id == oneCase);
            db.Entry(c).Property(x => x.UpdatedAtUtc).CurrentValue = DateTime.UtcNow;
            await db.SaveChangesAsync();
        });

    long auditCount;
    using (var scope = services.CreateScope())
        auditCount = await scope.ServiceProvider.GetRequiredService<AppDbContext>().AuditEntries.LongCountAsync();
    GC.Collect();
    var memoryBefore = GC.GetTotalMemory(true);
    var verifyWatch = Stopwatch.StartNew();
    long peak = 0;
    ChainVerificationResult? verification = null;
    using (var scope = services.CreateScope())
    {
        var v = await scope.ServiceProvider.GetRequiredService<AuditChainVerifier>().VerifyAsync(CancellationToken.None);
        peak = GC.GetTotalMemory(false) - memoryBefore;
        verification = new ChainVerificationResult(v.IsIntact, v.EntriesChecked);
    }
    var verifySeconds = verifyWatch.Elapsed.TotalSeconds;

    // Chain scaling: the walk streams entries, so a ten times longer chain should take about ten
    // times as long but not need ten times the memory.
    async Task<(double Seconds, long HeapMiB, long Entries)> WalkAsync()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var heapBefore = GC.GetGCMemoryInfo().HeapSizeBytes;
        var sw = Stopwatch.StartNew();
        using var scope = services.CreateScope();
        var v = await scope.ServiceProvider.GetRequiredService<AuditChainVerifier>().VerifyAsync(CancellationToken.None);
        if (!v.IsIntact) throw new InvalidOperationException("The chain should be intact: " + v.Problem);
        return (sw.Elapsed.TotalSeconds, Math.Max(0, GC.GetGCMemoryInfo().HeapSizeBytes - heapBefore) / 1024 / 1024, v.EntriesChecked);
    }

    async Task GrowChainToAsync(long target)
    {
        while (true)
        {
            using var scope = services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            ((CurrentUser)scope.ServiceProvider.GetRequiredService<ICurrentUser>()).ActAs(principal);
            var have = await db.AuditEntries.LongCountAsync();
            if (have >= target) return;
            await using var tx = await db.Database.BeginTransactionAsync();
            var audit = scope.ServiceProvider.GetRequiredService<Aktivitetsplikt.Web.Pipeline.AuditLog>();
            for (var i = 0; i < Math.Min(5000, target - have); i++)
                await audit.AppendAsync("ViewCase", oneCase, null, null, "{\"load\":true}", CancellationToken.None);
            await db.SaveChangesAsync();
            await tx.CommitAsync();
        }
    }

    await GrowChainToAsync(10_000);
    var small = await WalkAsync();
    await GrowChainToAsync(100_000);
    var large = await WalkAsync();

    Console.WriteLine();
    Console.WriteLine($"Chain walk: {small.Entries} entries in {small.Seconds:F2} s (heap +{small.HeapMiB} MiB); {large.Entries} entries in {large.Seconds:F2} s (heap +{large.HeapMiB} MiB); time ratio {large.Seconds / small.Seconds:F1}×");
    Console.WriteLine();
    Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}, {DateTime.UtcNow:yyyy-MM-dd}");
    Console.WriteLine($"Seeded {caseCount} cases ({caseCount / 2} investigated with a finding) in {seedSeconds:F1} s");
    Console.WriteLine($"LogConcern (log + intervene + notify, one transaction): median {Median(logTimes):F2} ms, p95 {Percentile(logTimes, 0.95):F2} ms");
    Console.WriteLine($"Case step (StartInvestigation/RecordFinding): median {Median(stepTimes):F2} ms, p95 {Percentile(stepTimes, 0.95):F2} ms");
    Console.WriteLine($"Audit chain: {auditCount} entries verified in {verifySeconds:F2} s (intact: {verification!.IsIntact}); managed heap growth during the walk {peak / 1024 / 1024} MiB");
    Console.WriteLine($"Database file: {new FileInfo(path).Length / 1024 / 1024} MiB");
}
finally
{
    await services.DisposeAsync();
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        if (File.Exists(file)) File.Delete(file);
}

static double Median(List<double> values) => Percentile(values, 0.5);

static double Percentile(List<double> values, double p)
{
    var sorted = values.OrderBy(v => v).ToList();
    return sorted[(int)Math.Min(sorted.Count - 1, Math.Floor(p * sorted.Count))];
}

internal sealed record ChainVerificationResult(bool IsIntact, long EntriesChecked);
