using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Aktivitetsplikt.Domain.Audit;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Features.SiFra;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Pipeline;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

/// <summary>
/// Issue 11's side-by-side measurement, one command (<c>bash bench/cluster.sh</c>, which starts PostgreSQL and makes the
/// throwaway database this reads from <c>AKTIVITETSPLIKT_BENCH_POSTGRES</c>):
/// <list type="number">
/// <item>seeds the demo data plus <c>--cases</c> cases on SQLite (<see cref="BenchSeed"/>) and copies it into the empty
/// PostgreSQL database with the app's own <see cref="StorageCopy"/>, so both setups start from the same rows;</item>
/// <item>(a) one instance on the SQLite file (<see cref="CircuitMemory.StartServer"/>), (b) two instances on PostgreSQL behind
/// nginx, started by the repository's <c>deploy/nginx/two-instances.sh</c> (the tested affinity configuration);</item>
/// <item>the same HTTP load against each at every client count: three of four iterations a signed-in case-page read, the
/// fourth a concern written through the public "si fra" form (the only plain form post that logs a concern: staff log
/// theirs through /meld's circuit), each write acknowledged by the receipt code in its answer;</item>
/// <item>on (b) once more, with one instance killed (SIGKILL) in the middle: errors, when the last one happened, what the
/// survivor served afterwards; then <c>/readyz</c> while the database refuses connections;</item>
/// <item>every acknowledged receipt looked up in the database it was written to (lost = acknowledged and not stored), and
/// both audit chains verified.</item>
/// </list>
/// Writes a Markdown report to <c>artifacts/cluster/</c>.
/// <c>dotnet run -c Release --project tests/Aktivitetsplikt.LoadRun -- cluster [--cases 2000] [--seconds 20] [--clients 16,64] [--kill-clients 16] [--kill-seconds 30]</c>
/// </summary>
internal static partial class ClusterBench
{
    /// <summary>One timed request; <c>Error</c> says why it failed (a status code, "no receipt", "timeout", "connection").</summary>
    private sealed record Sample(double Start, double End, string? Error, bool Write)
    {
        public bool Ok => Error is null;
    }

    private sealed record Phase(string Setup, int Clients, double Seconds, List<Sample> Samples, List<string> Acknowledged, string Load);

    private const string SetupA = "(a) 1 instance, SQLite";
    private const string SetupB = "(b) 2 instances, PostgreSQL, nginx";

    public static async Task<int> RunAsync(string[] args)
    {
        string Option(string name, string fallback) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() ?? fallback;
        var cases = int.Parse(Option("--cases", "2000"), CultureInfo.InvariantCulture);
        var seconds = double.Parse(Option("--seconds", "20"), CultureInfo.InvariantCulture);
        var clientCounts = Option("--clients", "16,64").Split(',').Select(int.Parse).ToArray();
        var killClients = int.Parse(Option("--kill-clients", "16"), CultureInfo.InvariantCulture);
        var killSeconds = double.Parse(Option("--kill-seconds", "30"), CultureInfo.InvariantCulture);
        var postgres = Environment.GetEnvironmentVariable("AKTIVITETSPLIKT_BENCH_POSTGRES") is { Length: > 0 } p ? p
            : throw new InvalidOperationException("Set AKTIVITETSPLIKT_BENCH_POSTGRES to an empty throwaway PostgreSQL database, or run bash bench/cluster.sh, which makes one.");

        var repo = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", ".."));
        var directory = Path.Combine(repo, "artifacts", "cluster", DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
        var sqliteFolder = Path.Combine(directory, "sqlite");
        var postgresFolder = Path.Combine(directory, "postgresql");
        Directory.CreateDirectory(postgresFolder);
        var report = new StringBuilder();
        void Say(string line) { Console.WriteLine(line); report.AppendLine(line); }
        var wall = Stopwatch.StartNew();

        Say($"# Issue 11, side by side ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC)");
        Say($"Machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}; {LoadAverage()} at the start.");
        Say("");

        var seeded = await BenchSeed.SeedAsync(sqliteFolder, cases, cases * 20L);
        Say($"Data: the demo data and {seeded.Cases:N0} cases in all across 20 schools, {seeded.AuditEntries:N0} audit entries (BenchSeed), {seeded.Seconds:F0} s.");
        var chain = new AuditChainSettings(new AuditKeyRing(new AuditKey("bench", Convert.FromBase64String(seeded.AuditKeyBase64)), []), null, TimeSpan.FromMinutes(15));
        var copyWatch = Stopwatch.StartNew();
        var copy = await StorageCopy.CopyAsync(seeded.DatabasePath, postgres, chain, CancellationToken.None);
        SqliteConnection.ClearAllPools();
        NpgsqlConnection.ClearAllPools();
        if (!copy.Complete || !copy.TargetChain.IsIntact) throw new InvalidOperationException("The copy to PostgreSQL is not complete or its chain does not verify.");
        Say($"Copied into PostgreSQL with copy-to-postgresql (StorageCopy): {copy.Tables.Sum(t => t.Target):N0} rows in {copy.Tables.Count} tables, " +
            $"the chain verifies on both, {copyWatch.Elapsed.TotalSeconds:F0} s.");
        Say("");

        // What both setups get alike (inherited by every app process started from here): the seed's audit key, the demo's
        // sign-ins, no e-mail dispatch, quiet logs, and the "si fra" rate limit lifted: behind nginx every client of this run
        // has one address, and the limit is there for a school network, not for a load run.
        Environment.SetEnvironmentVariable("Audit__Keys__bench", seeded.AuditKeyBase64);
        Environment.SetEnvironmentVariable("Demo__Enabled", "false");
        Environment.SetEnvironmentVariable("Notifications__BackgroundServices", "false");
        Environment.SetEnvironmentVariable("Logging__LogLevel__Default", "Warning");
        Environment.SetEnvironmentVariable("SiFra__RateLimits__MessagesPerHourPerAddress", "10000000");
        Environment.SetEnvironmentVariable("SiFra__RateLimits__StatusRequestsPerHourPerAddress", "10000000");

        var phases = new List<Phase>();

        // (a) One instance on the SQLite file.
        var urlA = $"http://127.0.0.1:{CircuitMemory.FreePort()}";
        using (var single = CircuitMemory.StartServer(urlA, sqliteFolder))
        {
            try
            {
                await CircuitMemory.WaitUntilAnsweringAsync(urlA, single);
                var load = await LoadSetup.PrepareAsync(urlA);
                foreach (var clients in clientCounts) phases.Add(await DriveAsync(SetupA, urlA, load, clients, seconds, null));
            }
            finally
            {
                single.Kill(entireProcessTree: true);
                await single.WaitForExitAsync();
            }
        }
        SqliteConnection.ClearAllPools();

        // (b) Two instances on PostgreSQL behind nginx.
        var (nginxPort, portA, portB) = (CircuitMemory.FreePort(), CircuitMemory.FreePort(), CircuitMemory.FreePort());
        var urlB = $"http://127.0.0.1:{nginxPort}";
        var nginxState = Path.Combine(directory, "nginx");
        Directory.CreateDirectory(nginxState);
        KillReport? kill = null;
        ReadinessReport? readiness = null;
        var spread = "";
        using (var cluster = StartCluster(repo, nginxState, nginxPort, portA, portB, postgres, postgresFolder))
        {
            try
            {
                await cluster.Ready;
                var load = await LoadSetup.PrepareAsync(urlB);
                var logBefore = AccessLog(nginxState).Count;
                foreach (var clients in clientCounts) phases.Add(await DriveAsync(SetupB, urlB, load, clients, seconds, null));
                var upstreams = AccessLog(nginxState).Skip(logBefore).ToList();
                spread = $"nginx sent {upstreams.Count(u => u.StartsWith($"127.0.0.1:{portA}", StringComparison.Ordinal)):N0} requests to instance A and " +
                         $"{upstreams.Count(u => u.StartsWith($"127.0.0.1:{portB}", StringComparison.Ordinal)):N0} to instance B during (b)'s runs.";

                // The same load once more; instance A is killed (SIGKILL) a third of the way through.
                var victim = InstancePid(portA);
                double killedAt = 0;
                logBefore = AccessLog(nginxState).Count;
                var killPhase = await DriveAsync(SetupB + ", A killed", urlB, load, killClients, killSeconds, async elapsed =>
                {
                    await Task.Delay(TimeSpan.FromSeconds(killSeconds / 3));
                    killedAt = elapsed();
                    Process.GetProcessById(victim).Kill();
                });
                var after = AccessLog(nginxState).Skip(logBefore).ToList();
                kill = KillReport.From(killPhase, killedAt, after.Count(u => u.Contains(',', StringComparison.Ordinal)));
                phases.Add(killPhase);
                readiness = await ReadinessAsync(portB, urlB, postgres);
            }
            catch
            {
                Console.WriteLine(cluster.Output());
                throw;
            }
            finally
            {
                await cluster.StopAsync();
            }
        }
        NpgsqlConnection.ClearAllPools();

        // Every acknowledged receipt, looked up where it was written.
        var storedA = await ReceiptHashesAsync(new SqliteConnection(DatabaseSetup.ConnectionString(seeded.DatabasePath)), "SELECT CodeHash FROM SiFraReceipts");
        var storedB = await ReceiptHashesAsync(new NpgsqlConnection(postgres), "SELECT \"CodeHash\" FROM \"SiFraReceipts\"");
        var chainA = await VerifyAsync(StorageSettings.Sqlite(seeded.DatabasePath), chain);
        var chainB = await VerifyAsync(new StorageSettings(StorageProvider.PostgreSql, postgres, postgresFolder, NewDatabase: false), chain);
        SqliteConnection.ClearAllPools();
        NpgsqlConnection.ClearAllPools();

        Say($"Load: each client loops for {seconds:F0} s: three signed-in case-page reads (`GET /saker/{{id}}`, a principal or the § 9A team, " +
            "over the cases on their first list page; the read is written to the audit log), then one concern written over HTTP (`GET /si-fra`, " +
            "`POST /si-fra` with the antiforgery token: the case, its number, the pupil's voice, the principal's notification and the audit entry " +
            "in one transaction; acknowledged = a 200 with a receipt code). Only the POST is timed as a write.");
        Say("");
        Say("| setup | clients | kind | requests | req/s | p50 ms | p95 ms | p99 ms | errors | load average after |");
        Say("|---|---|---|---|---|---|---|---|---|---|");
        foreach (var phase in phases)
            foreach (var write in new[] { false, true })
            {
                var of = phase.Samples.Where(s => s.Write == write).ToList();
                var ok = of.Where(s => s.Ok).Select(s => (s.End - s.Start) * 1000).ToList();
                Say(string.Create(CultureInfo.InvariantCulture,
                    $"| {phase.Setup} | {phase.Clients} | {(write ? "concern write" : "case-page read")} | {ok.Count:N0} | {ok.Count / phase.Seconds:F1} | " +
                    $"{HttpLoad.Percentile(ok, 0.50):F0} | {HttpLoad.Percentile(ok, 0.95):F0} | {HttpLoad.Percentile(ok, 0.99):F0} | {Errors(of)} | {phase.Load} |"));
            }
        Say("");
        Say(spread);
        if (kill is not null) Say(kill.Describe());
        if (readiness is not null) Say(readiness.Describe());
        Say("");
        Say("Acknowledged writes against stored ones (each receipt code's hash looked up in `SiFraReceipts`):");
        Say("");
        Say("| setup | acknowledged | stored of those | lost | audit chain afterwards |");
        Say("|---|---|---|---|---|");
        var lost = 0;
        foreach (var (setup, stored, verified) in new[] { (SetupA, storedA, chainA), (SetupB, storedB, chainB) })
        {
            var acknowledged = phases.Where(ph => ph.Setup.StartsWith(setup, StringComparison.Ordinal)).SelectMany(ph => ph.Acknowledged).ToList();
            var found = acknowledged.Count(code => stored.Contains(ReceiptCodes.Hash(code)));
            lost += acknowledged.Count - found;
            Say($"| {setup} | {acknowledged.Count:N0} | {found:N0} | {acknowledged.Count - found} | " +
                $"{(verified.IsIntact ? "intact" : "BROKEN at " + verified.FirstBrokenSequence + ": " + verified.Problem)}, {verified.EntriesChecked:N0} entries |");
        }
        Say("");
        Say($"Load average at the end: {LoadAverage()}; the whole run took {wall.Elapsed.TotalMinutes:F1} min.");

        var file = Path.Combine(repo, "artifacts", "cluster", $"results-{DateTime.UtcNow:yyyyMMdd-HHmm}.md");
        await File.WriteAllTextAsync(file, report.ToString());
        Console.WriteLine($"Written to {file}");
        return lost == 0 && chainA.IsIntact && chainB.IsIntact && readiness?.AsExpected != false ? 0 : 1;
    }

    /// <summary>The signed-in readers (cookies and the cases they see) and the schools a concern can be sent to, read once per setup.</summary>
    private sealed record LoadSetup(List<(CookieContainer Cookies, List<string> Cases)> Readers, List<string> Schools)
    {
        public static async Task<LoadSetup> PrepareAsync(string baseUrl)
        {
            var readers = new List<(CookieContainer, List<string>)>();
            foreach (var user in new[] { "randi.rektor", "per.rektor", "siri.9a" }) readers.Add(await HttpLoad.SignInAsync(baseUrl, user));
            using var anonymous = HttpLoad.Client(baseUrl, new CookieContainer());
            var schools = SchoolOption().Matches(await anonymous.GetStringAsync("/si-fra")).Select(m => m.Groups[1].Value).Distinct().ToList();
            if (schools.Count == 0) throw new InvalidOperationException($"/si-fra at {baseUrl} offers no school.");
            var setup = new LoadSetup(readers, schools);
            // Warm-up, not timed: every reader's case pages once and a few concerns, so the first timed requests do not pay
            // for the JIT, the first renders and the connection pools (a fresh instance's first page took seconds here).
            await DriveAsync("warm-up", baseUrl, setup, 4, 5, null);
            return setup;
        }
    }

    private static async Task<Phase> DriveAsync(string setup, string baseUrl, LoadSetup load, int clients, double seconds,
        Func<Func<double>, Task>? during)
    {
        Console.WriteLine($"{setup}, {clients} clients, {seconds:F0} s...");
        var samples = new List<Sample>();
        var acknowledged = new List<string>();
        var watch = Stopwatch.StartNew();
        double Now() => watch.Elapsed.TotalSeconds;
        var side = during is null ? Task.CompletedTask : during(Now);
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async n =>
        {
            var (cookies, cases) = load.Readers[n % load.Readers.Count];
            using var reader = HttpLoad.Client(baseUrl, cookies);
            using var writer = HttpLoad.Client(baseUrl, new CookieContainer());
            var mine = new List<Sample>();
            var myCodes = new List<string>();
            for (var i = n; Now() < seconds; i++)
            {
                if (i % 4 != 3)
                {
                    var start = Now();
                    string? error;
                    try
                    {
                        using var response = await reader.GetAsync(cases[i % cases.Count]);
                        await response.Content.ReadAsByteArrayAsync();
                        error = response.StatusCode == HttpStatusCode.OK ? null : ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                    {
                        error = Failure(e);
                    }
                    mine.Add(new Sample(start, Now(), error, false));
                    continue;
                }
                var sent = Now();
                string? code = null;
                string? failure = null;
                var formRead = false;
                try
                {
                    var form = await writer.GetStringAsync("/si-fra");
                    sent = Now();
                    formRead = true;
                    using var post = await writer.PostAsync("/si-fra", new FormUrlEncodedContent(new Dictionary<string, string>
                    {
                        ["_handler"] = "si-fra",
                        ["__RequestVerificationToken"] = HttpLoad.Field(form, "__RequestVerificationToken"),
                        ["Form.SubmissionKey"] = HttpLoad.Field(form, "Form.SubmissionKey"),
                        ["Form.SchoolId"] = load.Schools[i % load.Schools.Count],
                        ["Form.Sender"] = "Anonymous",
                        ["Form.WhatHappened"] = $"Lastmåling {setup}, {clients} klienter, klient {n}, nr. {i}: eleven ble holdt utenfor.",
                        ["Form.FeelsSafe"] = "Unsure",
                    }));
                    var body = await post.Content.ReadAsStringAsync();
                    if (post.StatusCode == HttpStatusCode.OK && ReceiptCode().Match(body) is { Success: true } match)
                        code = ReceiptCodes.Normalise(match.Groups[1].Value);
                    failure = post.StatusCode != HttpStatusCode.OK ? ((int)post.StatusCode).ToString(CultureInfo.InvariantCulture) : code is null ? "no receipt" : null;
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    failure = (formRead ? "" : "form: ") + Failure(e);
                }
                mine.Add(new Sample(sent, Now(), failure, true));
                if (code is not null) myCodes.Add(code);
            }
            lock (samples)
            {
                samples.AddRange(mine);
                acknowledged.AddRange(myCodes);
            }
        }));
        var elapsed = watch.Elapsed.TotalSeconds;
        await side;
        return new Phase(setup, clients, elapsed, samples, acknowledged, LoadAverage());
    }

    private sealed record KillReport(double KilledAt, int ErrorsBefore, int ErrorsAfter, double? LastErrorAfterKill, int ReadsAfter, int WritesAfter,
        double SecondsAfter, int Retried)
    {
        public static KillReport From(Phase phase, double killedAt, int retried)
        {
            var after = phase.Samples.Where(s => s.End >= killedAt).ToList();
            var failed = after.Where(s => !s.Ok).ToList();
            return new KillReport(killedAt, phase.Samples.Count(s => s.End < killedAt && !s.Ok), failed.Count,
                failed.Count == 0 ? null : failed.Max(s => s.End) - killedAt, after.Count(s => s.Ok && !s.Write), after.Count(s => s.Ok && s.Write),
                phase.Seconds - killedAt, retried);
        }

        public string Describe() => string.Create(CultureInfo.InvariantCulture,
            $"Kill: instance A was killed (SIGKILL) {KilledAt:F1} s into the {SecondsAfter + KilledAt:F0} s run. Failed requests before the kill: {ErrorsBefore}; " +
            $"from the kill on: {ErrorsAfter}{(LastErrorAfterKill is { } last ? $", the last of them {last:F2} s after the kill (time to recover)" : " (nothing failed)")}. " +
            $"In the {SecondsAfter:F1} s after the kill instance B served {ReadsAfter:N0} reads ({ReadsAfter / SecondsAfter:F1}/s) and {WritesAfter:N0} acknowledged writes " +
            $"({WritesAfter / SecondsAfter:F1}/s); nginx passed {Retried} requests that found A gone on to B (access log lines naming both).");
    }

    private sealed record ReadinessReport(int SurvivorReady, int ThroughNginxReady, int ClosedDatabaseReady, string ClosedDatabaseBody, int ClosedDatabaseLive,
        double RecoveredAfter)
    {
        public bool AsExpected => SurvivorReady == 200 && ThroughNginxReady == 200 && ClosedDatabaseReady == 503 && ClosedDatabaseLive == 200;

        public string Describe() => string.Create(CultureInfo.InvariantCulture,
            $"Probes after the kill: instance B `/readyz` {SurvivorReady}, `/readyz` through nginx {ThroughNginxReady}. With the database refusing connections " +
            $"(`ALTER DATABASE … ALLOW_CONNECTIONS false` and its sessions ended; the shared server itself is not stopped, other work uses it): " +
            $"B `/readyz` {ClosedDatabaseReady} \"{ClosedDatabaseBody}\", `/healthz` {ClosedDatabaseLive}; connections allowed again, `/readyz` answered 200 " +
            $"after {RecoveredAfter:F1} s.");
    }

    /// <summary>/readyz on the survivor and through nginx, then with the database closed to new connections, then opened again.</summary>
    private static async Task<ReadinessReport> ReadinessAsync(int portB, string nginx, string postgres)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        async Task<(int Status, string Body)> Get(string url)
        {
            using var response = await http.GetAsync(url);
            return ((int)response.StatusCode, (await response.Content.ReadAsStringAsync()).Trim());
        }
        var survivor = $"http://127.0.0.1:{portB}";
        var ready = await Get(survivor + "/readyz");
        var throughNginx = await Get(nginx + "/readyz");
        var database = new NpgsqlConnectionStringBuilder(postgres).Database!;
        var admin = new NpgsqlConnectionStringBuilder(postgres) { Database = "postgres", Pooling = false }.ConnectionString;
        async Task Admin(string sql)
        {
            await using var connection = new NpgsqlConnection(admin);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }
        var quoted = "\"" + database.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        (int Status, string Body) closed;
        (int Status, string Body) live;
        var reopened = Stopwatch.StartNew();
        try
        {
            await Admin($"ALTER DATABASE {quoted} ALLOW_CONNECTIONS false");
            await Admin($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{database.Replace("'", "''", StringComparison.Ordinal)}'");
            closed = await Get(survivor + "/readyz");
            live = await Get(survivor + "/healthz");
        }
        finally
        {
            await Admin($"ALTER DATABASE {quoted} ALLOW_CONNECTIONS true");
            reopened.Restart();
        }
        while ((await Get(survivor + "/readyz")).Status != 200 && reopened.Elapsed < TimeSpan.FromSeconds(60)) await Task.Delay(100);
        return new ReadinessReport(ready.Status, throughNginx.Status, closed.Status, closed.Body, live.Status, reopened.Elapsed.TotalSeconds);
    }

    /// <summary>deploy/nginx/two-instances.sh on the given ports, on PostgreSQL; stopped by closing its standard input.</summary>
    private sealed class Cluster(Process script, Task ready, StringBuilder output) : IDisposable
    {
        public Task Ready { get; } = ready;

        public string Output()
        {
            lock (output) return output.ToString();
        }

        public async Task StopAsync()
        {
            if (script.HasExited) return;
            script.StandardInput.Close();
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            try
            {
                await script.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                script.Kill(entireProcessTree: true);
                await script.WaitForExitAsync();
            }
        }

        public void Dispose() => script.Dispose();
    }

    private static Cluster StartCluster(string repo, string state, int nginx, int a, int b, string postgres, string dataFolder)
    {
        var start = new ProcessStartInfo("bash")
        {
            WorkingDirectory = repo,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(repo, "deploy", "nginx", "two-instances.sh"));
        start.Environment["NGINX_PORT"] = nginx.ToString(CultureInfo.InvariantCulture);
        start.Environment["APP_PORT_A"] = a.ToString(CultureInfo.InvariantCulture);
        start.Environment["APP_PORT_B"] = b.ToString(CultureInfo.InvariantCulture);
        start.Environment["STATE_DIR"] = state;
        start.Environment["STOP_ON_STDIN"] = "1";
        start.Environment["APP_DLL"] = Path.Combine(repo, "src", "Aktivitetsplikt.Web", "bin", "Release", "net10.0", "Aktivitetsplikt.Web.dll");
        start.Environment["Storage__Provider"] = "PostgreSQL";
        start.Environment["ConnectionStrings__Aktivitetsplikt"] = postgres;
        start.Environment["Storage__DataFolder"] = dataFolder;
        var output = new StringBuilder();
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var script = new Process { StartInfo = start };
        script.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (output) output.AppendLine(e.Data);
            if (e.Data.StartsWith("READY ", StringComparison.Ordinal)) ready.TrySetResult();
        };
        script.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        script.Start();
        script.BeginOutputReadLine();
        script.BeginErrorReadLine();
        var exited = script.WaitForExitAsync();
        async Task ReadyOrFail()
        {
            var first = await Task.WhenAny(ready.Task, exited, Task.Delay(TimeSpan.FromMinutes(5)));
            if (first != ready.Task) throw new InvalidOperationException("two-instances.sh did not get ready; its output and the logs in " + state + " say why.");
        }
        return new Cluster(script, ReadyOrFail(), output);
    }

    /// <summary>The process serving <c>--urls http://127.0.0.1:port</c> (the script starts it; its pid is not printed).</summary>
    private static int InstancePid(int port)
    {
        var url = $"http://127.0.0.1:{port}";
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), out var pid)) continue;
            try
            {
                var arguments = File.ReadAllText(Path.Combine(folder, "cmdline")).Split('\0');
                if (arguments.Any(x => x.EndsWith("Aktivitetsplikt.Web.dll", StringComparison.Ordinal)) && arguments.Contains(url)) return pid;
            }
            catch (IOException)
            {
                // Gone meanwhile.
            }
            catch (UnauthorizedAccessException)
            {
                // Another user's process.
            }
        }
        throw new InvalidOperationException($"No app process serves {url}.");
    }

    /// <summary>The upstream field of each line of nginx's access log (two-instances.conf.template's format); "a, b" when nginx passed a request on.</summary>
    private static List<string> AccessLog(string state)
    {
        var file = Path.Combine(state, "access.log");
        if (!File.Exists(file)) return [];
        return File.ReadAllLines(file).Select(line => UpstreamField().Match(line).Groups[1].Value).ToList();
    }

    private static async Task<HashSet<string>> ReceiptHashesAsync(System.Data.Common.DbConnection connection, string sql)
    {
        await using (connection)
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            var hashes = new HashSet<string>(StringComparer.Ordinal);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) hashes.Add(reader.GetString(0));
            return hashes;
        }
    }

    private static async Task<ChainVerification> VerifyAsync(StorageSettings storage, AuditChainSettings chain)
    {
        await using var services = new ServiceCollection()
            .AddLogging(b => b.SetMinimumLevel(LogLevel.Warning))
            .AddAktivitetsplikt(storage, chain)
            .BuildServiceProvider();
        using var scope = services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<AuditChainVerifier>().VerifyAsync(CancellationToken.None);
    }

    private static string Failure(Exception e) => e switch
    {
        TaskCanceledException => "timeout",
        HttpRequestException { StatusCode: { } status } => ((int)status).ToString(CultureInfo.InvariantCulture),
        _ => "connection",
    };

    /// <summary>How many failed, and why: "3 (502 ×2, timeout ×1)".</summary>
    private static string Errors(List<Sample> samples)
    {
        var failed = samples.Where(s => !s.Ok).ToList();
        return failed.Count == 0 ? "0"
            : $"{failed.Count} ({string.Join(", ", failed.GroupBy(s => s.Error).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} ×{g.Count()}"))})";
    }


    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    [GeneratedRegex("<option value=\"([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\"")]
    private static partial Regex SchoolOption();

    [GeneratedRegex("data-testid=\"receipt-code\">([A-Z0-9-]+)<")]
    private static partial Regex ReceiptCode();

    [GeneratedRegex("^(\\S+(?:, \\S+)*) ")]
    private static partial Regex UpstreamField();
}
