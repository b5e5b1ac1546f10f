using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Domain.Organisation;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Features.Cases;
using Aktivitetsplikt.Web.Infrastructure;
using MediatR;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

/// <summary>
/// The page benchmark of issue 12, one command (<c>bash bench/run.sh</c>): seeds 100,000 cases across 20 schools with
/// 2,000,000 audit entries (<see cref="BenchSeed"/>), starts the Release app on loopback on that database (environment
/// Testing: no developer pages, no demo seeding, cookies not Secure-only on plain http), times its start-up, signs in a principal, the § 9A team and a teacher,
/// and drives every signed-in read page and the floor page (the anonymous sign-in page) with 1, 16 and 64 concurrent
/// HTTP clients for a few seconds each. Then 64 concurrent writers log concerns through the real command pipeline.
/// Writes a Markdown table to <c>artifacts/bench/</c>.
/// <c>dotnet run -c Release --project tests/Aktivitetsplikt.LoadRun -- pages [--cases N] [--entries N] [--seconds S] [--clients 1,16,64] [--reuse] [--label text] [--pages /saker,/oversikt]</c>
/// </summary>
internal static partial class PagesBench
{
    private sealed record Page(string Name, string User, Func<int, string> Url);

    private sealed record Measured(string Name, int Clients, int Requests, double PerSecond, double P50, double P95, double P99, int Errors, int Unfinished)
    {
        /// <summary>The first few errors of the run as they came (status and the page's text, or the exception), so a run names them.</summary>
        public IReadOnlyList<string> FirstErrors { get; init; } = [];

        /// <summary>How long the server took to be idle again before this page's window (<see cref="DrainAsync"/>).</summary>
        public double DrainSeconds { get; init; }
    }

    /// <summary>The floor answers within this multiple of its idle median (or 5 ms more) this many times in a row: the server is idle.</summary>
    private const double IdleFactor = 2;
    private const int IdleAnswers = 5;
    private static readonly TimeSpan DrainLimit = TimeSpan.FromSeconds(90);

    public static async Task<int> RunAsync(string[] args)
    {
        string Option(string name, string fallback) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() ?? fallback;
        var caseTarget = int.Parse(Option("--cases", "100000"), CultureInfo.InvariantCulture);
        var entryTarget = long.Parse(Option("--entries", "2000000"), CultureInfo.InvariantCulture);
        var seconds = double.Parse(Option("--seconds", "5"), CultureInfo.InvariantCulture);
        var clientCounts = Option("--clients", "1,16,64").Split(',').Select(int.Parse).ToArray();
        var label = Option("--label", "run");
        var reuse = args.Contains("--reuse");
        var repo = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", ".."));
        var directory = Path.Combine(repo, "artifacts", "bench");
        var data = Path.Combine(directory, "data");
        var keyFile = Path.Combine(data, "bench-audit.key");
        var report = new StringBuilder();
        void Say(string line) { Console.WriteLine(line); report.AppendLine(line); }
        var wall = Stopwatch.StartNew();

        Say($"# Benchmark ({label}) {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, commit {Git(repo, "rev-parse --short HEAD")}");
        Say($"Machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}; load at start: {Uptime()}");
        Say("");
        string databasePath;
        string key;
        if (reuse && File.Exists(Path.Combine(data, "aktivitetsplikt.db")) && File.Exists(keyFile))
        {
            databasePath = Path.Combine(data, "aktivitetsplikt.db");
            key = (await File.ReadAllTextAsync(keyFile)).Trim();
            Say($"Reusing the seeded database {databasePath}.");
        }
        else
        {
            var seeded = await BenchSeed.SeedAsync(data, caseTarget, entryTarget);
            databasePath = seeded.DatabasePath;
            key = seeded.AuditKeyBase64;
            await File.WriteAllTextAsync(keyFile, key);
            Say($"Seeded {seeded.Cases:N0} cases and {seeded.AuditEntries:N0} audit entries in {seeded.Seconds:F0} s; database {new FileInfo(databasePath).Length / 1024 / 1024:N0} MiB.");
            foreach (var check in seeded.Checks) Say($"- check: {check}");
            Say($"Full chain verification (AuditChainVerifier, in process): {seeded.AuditEntries:N0} entries in {seeded.VerifySeconds:F1} s; " +
                $"managed heap growth {seeded.VerifyHeapGrowthMiB} MiB (peak, sampled), {seeded.VerifyAllocatedMiB:N0} MiB allocated in all.");
        }
        Say("");

        var baseUrl = $"http://127.0.0.1:{CircuitMemory.FreePort()}";
        var startWatch = Stopwatch.StartNew();
        using var server = StartServer(baseUrl, databasePath, key);
        var serverLog = new StringBuilder();
        server.OutputDataReceived += (_, e) => { lock (serverLog) serverLog.AppendLine(e.Data); };
        server.ErrorDataReceived += (_, e) => { lock (serverLog) serverLog.AppendLine(e.Data); };
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        var results = new List<Measured>();
        try
        {
            try { await CircuitMemory.WaitUntilAnsweringAsync(baseUrl, server); }
            catch { lock (serverLog) Console.WriteLine(serverLog); throw; }
            Say($"Start-up on this database (process start to the first 200 from /logg-inn): {startWatch.Elapsed.TotalSeconds:F1} s; " +
                $"the app: {(Environment.GetEnvironmentVariable("AKTIVITETSPLIKT_BENCH_WEB_DLL") is { Length: > 0 } dll ? dll : "this checkout's Release build")}");
            lock (serverLog)
                foreach (var line in serverLog.ToString().Split('\n').Where(l => l.Contains("Start-up", StringComparison.Ordinal)))
                    Say($"- server: {line.Trim()}");

            var (principalCases, teamCases) = await CaseIdsAsync(databasePath);
            var users = new Dictionary<string, string?>
            {
                ["anonymous"] = null,
                ["randi.rektor"] = await SignInAsync(baseUrl, "randi.rektor"),
                ["siri.9a"] = await SignInAsync(baseUrl, "siri.9a"),
                ["kari.laerer"] = await SignInAsync(baseUrl, "kari.laerer"),
            };
            Page[] pages =
            [
                new("/logg-inn (floor, anonymous)", "anonymous", _ => "/logg-inn"),
                // The lightest signed-in page: /personvern before a search reads nothing of its own, so what it costs over the floor
                // is what every signed-in page pays first — the cookie and session check, the layout and its header, the pipeline.
                new("/personvern (signed-in floor, § 9A team)", "siri.9a", _ => "/personvern"),
                new("/ (principal)", "randi.rektor", _ => "/"),
                new("/saker (principal, own school)", "randi.rektor", _ => "/saker"),
                new("/saker (§ 9A team, all schools)", "siri.9a", _ => "/saker"),
                new("/saker (teacher)", "kari.laerer", _ => "/saker"),
                new("/saker/{id} (principal)", "randi.rektor", i => "/saker/" + principalCases[i % principalCases.Count]),
                new("/oversikt (§ 9A team)", "siri.9a", _ => "/oversikt"),
                new("/statistikk (§ 9A team)", "siri.9a", _ => "/statistikk"),
                new("/varsler (principal)", "randi.rektor", _ => "/varsler"),
                new("/saker/{id}/logg (principal)", "randi.rektor", i => $"/saker/{principalCases[i % principalCases.Count]}/logg"),
            ];
            var only = Option("--pages", "");
            if (only != "") pages = [pages[0], .. pages.Skip(1).Where(p => only.Split(',').Any(o => p.Name.Contains(o, StringComparison.Ordinal)))];
            // Every page once, as each user sees it, before anything is timed: a page that answers other than 200 is an error,
            // not a figure. A page slower than the client's two minutes is timed all the same (its requests count as unfinished).
            foreach (var page in pages)
            {
                using var http = Client(baseUrl, users[page.User]);
                try
                {
                    using var response = await http.GetAsync(page.Url(0));
                    if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"{page.Name}: {(int)response.StatusCode} at {page.Url(0)}");
                }
                catch (TaskCanceledException)
                {
                    Say($"Warm-up: {page.Name} did not answer within {http.Timeout.TotalSeconds:F0} s.");
                }
            }
            _ = teamCases;
            // The app's first scheduled full walk of the chain (AuditVerificationService, 30 s after start-up, then hourly) keeps a
            // core busy while it runs: it is waited for and reported as its own figure, never timed into a page's window. It does
            // not run while another instance holds its lease (30 minutes after an instance died during a walk): then it is said.
            var walkLine = await WaitForLineAsync(serverLog, "Scheduled audit chain verification", WalkWaitLimit);
            Say(walkLine is null
                ? $"- the scheduled full walk of the chain did not finish within {WalkWaitLimit.TotalMinutes:F0} min of the warm-up (its lease may be held by an instance that died during a walk; see AuditVerificationService.LeaseDuration); the pages are timed all the same."
                : $"- server: {walkLine.Trim()} (the first scheduled full walk, waited for before any page is timed)");
            var idle = await FloorMedianAsync(baseUrl);
            Say(string.Create(CultureInfo.InvariantCulture, $"The floor page answers one client in {idle:F1} ms (median of 20, after the warm-up); before each page the run waits until it does so again."));

            foreach (var clients in clientCounts)
            {
                foreach (var page in pages)
                {
                    var drained = await DrainAsync(baseUrl, idle);
                    if (drained >= DrainLimit) Say($"- {page.Name} × {clients}: the server was not idle after {DrainLimit.TotalSeconds:F0} s (the previous page's work); timed all the same.");
                    var measured = await DriveAsync(baseUrl, page, users[page.User], clients, seconds) with { DrainSeconds = drained.TotalSeconds };
                    results.Add(measured);
                    Console.WriteLine($"  {page.Name} × {clients}: {measured.PerSecond:F0}/s p95 {measured.P95:F1} ms p99 {measured.P99:F1} ms errors {measured.Errors} unfinished {measured.Unfinished} (idle after {drained.TotalSeconds:F1} s)");
                    foreach (var error in measured.FirstErrors) Say($"- error, {page.Name} × {clients}: {error}");
                }
            }
            Say($"Load after the page runs: {Uptime()}");
            lock (serverLog)
            {
                var lines = serverLog.ToString().Split('\n');
                foreach (var i in Enumerable.Range(0, lines.Length).Where(i => lines[i].StartsWith("fail:", StringComparison.Ordinal)).Take(5))
                    Say($"- server error: {string.Join(" ", lines.Skip(i).Take(3).Select(l => l.Trim()))}");
            }
        }
        finally
        {
            if (!server.HasExited) await StopServerAsync(server);
        }

        Say("");
        Say($"Pages, {seconds:F0} s per page and client count (a request still running 15 s after the window is cancelled and counted as unfinished; " +
            "its time so far is in the percentiles). Ratio = the page's p95 / the floor's p95 at the same client count. " +
            "Idle wait = how long the server took, before the page's window, to answer the floor page at its idle speed again: the previous page's " +
            "cancelled requests are no longer in the next page's window.");
        Say("");
        Say("| page | clients | requests | req/s | p50 ms | p95 ms | p99 ms | p95 ÷ floor p95 | errors | unfinished | idle wait s |");
        Say("|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var clients in clientCounts)
        {
            var floor = results.First(r => r.Clients == clients);
            foreach (var r in results.Where(r => r.Clients == clients))
                Say(string.Create(CultureInfo.InvariantCulture,
                    $"| {r.Name} | {r.Clients} | {r.Requests:N0} | {r.PerSecond:F0} | {r.P50:F1} | {r.P95:F1} | {r.P99:F1} | {r.P95 / floor.P95:F1}× | {r.Errors} | {r.Unfinished} | {r.DrainSeconds:F1} |"));
        }
        Say("");
        Say(await WritersAsync(databasePath, key, 64, 10));
        Say($"Load at the end: {Uptime()}; the whole run took {wall.Elapsed.TotalMinutes:F1} min.");

        var file = Path.Combine(directory, $"results-{label}-{DateTime.UtcNow:yyyyMMdd-HHmm}.md");
        await File.WriteAllTextAsync(file, report.ToString());
        Console.WriteLine($"Written to {file}");
        return 0;
    }

    private static async Task<Measured> DriveAsync(string baseUrl, Page page, string? cookie, int clients, double seconds)
    {
        var times = new List<double>();
        var errors = 0;
        var unfinished = 0;
        var firstErrors = new List<string>();
        void Note(string error)
        {
            lock (firstErrors)
                if (firstErrors.Count < 3) firstErrors.Add(error);
        }
        using var stop = new CancellationTokenSource();
        var watch = Stopwatch.StartNew();
        var end = TimeSpan.FromSeconds(seconds);
        // Requests still running when the window closes may finish for 15 s more; after that they are cancelled.
        stop.CancelAfter(TimeSpan.FromSeconds(seconds + 15));
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async n =>
        {
            using var http = Client(baseUrl, cookie);
            var mine = new List<double>();
            int myErrors = 0, myUnfinished = 0;
            for (var i = n * 7919; ; i++)
            {
                if (watch.Elapsed >= end) break;
                var sw = Stopwatch.StartNew();
                try
                {
                    var url = page.Url(i);
                    using var response = await http.GetAsync(url, stop.Token);
                    var body = await response.Content.ReadAsStringAsync(stop.Token);
                    if (response.StatusCode != HttpStatusCode.OK)
                    {
                        myErrors++;
                        Note($"{(int)response.StatusCode} at {url} after {sw.Elapsed.TotalMilliseconds:F0} ms: {PageText(body)}");
                    }
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    myUnfinished++;
                    mine.Add(sw.Elapsed.TotalMilliseconds);
                    break;
                }
                catch (HttpRequestException ex)
                {
                    myErrors++;
                    Note($"{ex.GetType().Name} at {page.Url(i)}: {ex.Message}");
                }
                mine.Add(sw.Elapsed.TotalMilliseconds);
            }
            lock (times)
            {
                times.AddRange(mine);
                errors += myErrors;
                unfinished += myUnfinished;
            }
        }));
        var elapsed = watch.Elapsed.TotalSeconds;
        return new Measured(page.Name, clients, times.Count - unfinished, (times.Count - unfinished) / elapsed, HttpLoad.Percentile(times, 0.50), HttpLoad.Percentile(times, 0.95),
            HttpLoad.Percentile(times, 0.99), errors, unfinished) { FirstErrors = firstErrors };
    }

    /// <summary>An error page's heading and text without its markup, shortened: enough to name the error.</summary>
    private static string PageText(string html)
    {
        var main = html.IndexOf("<main", StringComparison.Ordinal) is var at and >= 0 ? html[at..] : html;
        var text = WhiteSpace().Replace(Markup().Replace(main, " "), " ").Trim();
        return text.Length > 300 ? text[..300] + "…" : text;
    }

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Markup();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();

    private static readonly TimeSpan WalkWaitLimit = TimeSpan.FromMinutes(3);

    /// <summary>The first line of the server's output that contains <paramref name="text"/>, waiting for it up to <paramref name="limit"/>; null if it did not come.</summary>
    private static async Task<string?> WaitForLineAsync(StringBuilder serverLog, string text, TimeSpan limit)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            lock (serverLog)
                if (serverLog.ToString().Split('\n').FirstOrDefault(l => l.Contains(text, StringComparison.Ordinal)) is { } line) return line;
            if (watch.Elapsed >= limit) return null;
            await Task.Delay(500);
        }
    }

    /// <summary>
    /// Stops the app as a service manager would (SIGTERM, then up to 30 s): a walk in progress is cancelled and gives its lease
    /// back, so the next run's app walks the chain again. SIGKILL only if it does not stop.
    /// </summary>
    private static async Task StopServerAsync(Process server)
    {
        using (var term = Process.Start("kill", ["-TERM", server.Id.ToString(CultureInfo.InvariantCulture)])) await term.WaitForExitAsync();
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try { await server.WaitForExitAsync(patience.Token); }
        catch (OperationCanceledException)
        {
            server.Kill(entireProcessTree: false);
            await server.WaitForExitAsync();
        }
    }

    /// <summary>The floor page's median time for one client on an idle server: 20 requests one after another.</summary>
    private static async Task<double> FloorMedianAsync(string baseUrl)
    {
        using var http = Client(baseUrl, null);
        var times = new List<double>();
        for (var i = 0; i < 20; i++) times.Add(await FloorOnceAsync(http));
        return HttpLoad.Percentile(times, 0.5);
    }

    /// <summary>
    /// Waits until the server is idle: the floor page answers one client within <see cref="IdleFactor"/> × its idle median
    /// (or 5 ms more) <see cref="IdleAnswers"/> times in a row. Pages run back to back, and a saturating page's requests —
    /// the ones the client cancelled too — go on in the server after its window; without this wait they were timed as the
    /// next page's. Gives up after <see cref="DrainLimit"/>.
    /// </summary>
    private static async Task<TimeSpan> DrainAsync(string baseUrl, double idleMs)
    {
        using var http = Client(baseUrl, null);
        var watch = Stopwatch.StartNew();
        var limit = Math.Max(IdleFactor * idleMs, idleMs + 5);
        for (var calm = 0; calm < IdleAnswers && watch.Elapsed < DrainLimit; await Task.Delay(50))
            calm = await FloorOnceAsync(http) <= limit ? calm + 1 : 0;
        return watch.Elapsed;
    }

    private static async Task<double> FloorOnceAsync(HttpClient http)
    {
        var sw = Stopwatch.StartNew();
        using var response = await http.GetAsync("/logg-inn");
        await response.Content.ReadAsByteArrayAsync();
        return sw.Elapsed.TotalMilliseconds;
    }

    /// <summary>
    /// 64 members of staff logging concerns at once through the real pipeline (what /meld's circuit sends through
    /// ScopedSender): authorization, validation, one transaction with the case, its number, notifications and the audit entry.
    /// </summary>
    private static async Task<string> WritersAsync(string databasePath, string key, int writers, int each)
    {
        var chain = new AuditChainSettings(new Aktivitetsplikt.Domain.Audit.AuditKeyRing(new Aktivitetsplikt.Domain.Audit.AuditKey("bench", Convert.FromBase64String(key)), []), null, TimeSpan.FromMinutes(15));
        await using var services = new ServiceCollection()
            .AddLogging(b => b.SetMinimumLevel(LogLevel.Warning))
            .AddAktivitetsplikt(DatabaseSetup.ConnectionString(databasePath), chain)
            .BuildServiceProvider();
        List<UserAccount> staff;
        Dictionary<Guid, List<Guid>> pupils;
        int before;
        using (var scope = services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            staff = await db.Users.AsNoTracking().Where(u => u.Role == Role.Staff).OrderBy(u => u.UserName).ToListAsync();
            pupils = (await db.Pupils.AsNoTracking().Select(p => new { p.SchoolId, p.Id }).ToListAsync()).GroupBy(p => p.SchoolId).ToDictionary(g => g.Key, g => g.Select(p => p.Id).ToList());
            before = await db.Cases.CountAsync();
        }
        var times = new List<double>();
        var errors = new List<string>();
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, writers).Select(async w =>
        {
            var user = staff[w % staff.Count];
            for (var i = 0; i < each; i++)
            {
                var sw = Stopwatch.StartNew();
                try
                {
                    using var scope = services.CreateScope();
                    ((CurrentUser)scope.ServiceProvider.GetRequiredService<ICurrentUser>()).ActAs(user);
                    await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new LogConcern.Command(
                        pupils[user.SchoolId!.Value][(w * each + i) % pupils[user.SchoolId!.Value].Count], "Eleven ble holdt utenfor i friminuttet.",
                        DateTime.UtcNow.AddHours(-1), ConcernLocation.Schoolyard, null, true, false, false, false, null, Guid.NewGuid()));
                    lock (times) times.Add(sw.Elapsed.TotalMilliseconds);
                }
                catch (Exception ex)
                {
                    lock (errors) errors.Add(ex.GetType().Name + ": " + ex.Message);
                }
            }
        }));
        var elapsed = watch.Elapsed.TotalSeconds;
        int after;
        using (var scope = services.CreateScope())
            after = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Cases.CountAsync();
        SqliteConnection.ClearAllPools();
        var lost = times.Count - (after - before);
        return string.Create(CultureInfo.InvariantCulture,
            $"Concern writes, {writers} concurrent writers × {each} (LogConcern through the pipeline, in process on the same database, the app stopped): " +
            $"median {HttpLoad.Percentile(times, 0.5):F1} ms, p95 {HttpLoad.Percentile(times, 0.95):F1} ms, p99 {HttpLoad.Percentile(times, 0.99):F1} ms, {times.Count / elapsed:F0} writes/s; " +
            $"{times.Count} acknowledged, {after - before} cases stored, {lost} lost, {errors.Count} errors{(errors.Count > 0 ? " (" + errors[0] + ")" : "")}.");
    }

    private static async Task<(List<Guid> Principal, List<Guid> Team)> CaseIdsAsync(string databasePath)
    {
        await using var connection = new SqliteConnection(DatabaseSetup.ConnectionString(databasePath));
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        // The principal's own school (Nordvik skole), open and closed alike, spread over the whole history — the cases the
        // principal may open: not one where school leadership is suspected (CaseScope), which answers 404 to them by design.
        command.CommandText = "SELECT c.Id FROM Cases c JOIN Schools s ON s.Id = c.SchoolId WHERE s.Name = 'Nordvik skole' " +
            "AND NOT EXISTS (SELECT 1 FROM CaseFlags f WHERE f.CaseId = c.Id AND f.Kind = 'LeadershipSuspected') ORDER BY c.CaseNumber";
        var ids = new List<Guid>();
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync()) ids.Add(Guid.Parse(reader.GetString(0)));
        var principal = ids.Where((_, i) => i % Math.Max(1, ids.Count / 200) == 0).ToList();
        SqliteConnection.ClearAllPools();
        return (principal, principal);
    }

    private static Process StartServer(string baseUrl, string databasePath, string key)
    {
        // AKTIVITETSPLIKT_BENCH_WEB_DLL: another build of the app (the code before a change) on the same data.
        var start = CircuitMemory.AppStartInfo(baseUrl,
            Environment.GetEnvironmentVariable("AKTIVITETSPLIKT_BENCH_WEB_DLL") is { Length: > 0 } other ? Path.GetFullPath(other) : null);
        // "Testing": not Development (no developer pages, no demo seeding), not Production (which refuses the demo's users), and
        // cookies not marked Secure, so plain http on loopback carries them.
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["Storage__DatabasePath"] = databasePath;
        start.Environment["Demo__Enabled"] = "false";
        start.Environment["Audit__Keys__bench"] = key;
        start.Environment["Audit__AnchorFile"] = Path.Combine(Path.GetDirectoryName(databasePath)!, "anchors.log");
        start.Environment["DataProtection__AllowUnprotectedKeys"] = "true";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        // Start-up's own step times (Infrastructure/StartUp.cs), copied into the results.
        start.Environment["Logging__LogLevel__Aktivitetsplikt.Web.Infrastructure.StartUp"] = "Information";
        // The scheduled chain walk's own line ("Scheduled audit chain verification: N entries … in S s"), which the run waits for.
        start.Environment["Logging__LogLevel__Aktivitetsplikt.Web.Pipeline.AuditVerificationService"] = "Information";
        start.Environment["Notifications__BackgroundServices"] = "false";
        return Process.Start(start)!;
    }

    /// <summary>Signs in and returns the cookie header. Cookies are Secure outside Development, so they are carried by hand over http.</summary>
    private static async Task<string> SignInAsync(string baseUrl, string user)
    {
        using var http = Client(baseUrl, null);
        using var page = await http.GetAsync("/logg-inn");
        var form = await page.Content.ReadAsStringAsync();
        var cookies = Cookies(page, []);
        using var post = new HttpRequestMessage(HttpMethod.Post, "/logg-inn")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = HttpLoad.Field(form, "_handler"),
                ["__RequestVerificationToken"] = HttpLoad.Field(form, "__RequestVerificationToken"),
                ["Form.UserName"] = user,
                ["Form.Password"] = Aktivitetsplikt.Web.Features.Demo.DemoData.Password,
            }),
        };
        post.Headers.Add("Cookie", string.Join("; ", cookies.Select(c => $"{c.Key}={c.Value}")));
        using var signIn = await http.SendAsync(post);
        if (signIn.StatusCode != HttpStatusCode.Redirect || signIn.Headers.Location?.OriginalString.Contains("logg-inn") != false)
            throw new InvalidOperationException($"{user} could not sign in ({(int)signIn.StatusCode}).");
        cookies = Cookies(signIn, cookies);
        return string.Join("; ", cookies.Select(c => $"{c.Key}={c.Value}"));
    }

    private static Dictionary<string, string> Cookies(HttpResponseMessage response, Dictionary<string, string> cookies)
    {
        var all = new Dictionary<string, string>(cookies);
        if (response.Headers.TryGetValues("Set-Cookie", out var values))
            foreach (var value in values)
            {
                var pair = value.Split(';')[0];
                var eq = pair.IndexOf('=');
                all[pair[..eq]] = pair[(eq + 1)..];
            }
        return all;
    }

    private static HttpClient Client(string baseUrl, string? cookie)
    {
        var http = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false, MaxConnectionsPerServer = 256 })
        {
            BaseAddress = new Uri(baseUrl),
            Timeout = TimeSpan.FromSeconds(120),
        };
        if (cookie is not null) http.DefaultRequestHeaders.Add("Cookie", cookie);
        return http;
    }


    private static string Uptime() => File.Exists("/proc/loadavg") ? "load average " + string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static string Git(string repo, string arguments)
    {
        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", arguments) { WorkingDirectory = repo, RedirectStandardOutput = true })!;
            var output = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return output;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "?";
        }
    }
}
