using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Playwright;

/// <summary>
/// What an interactive circuit costs the server: starts the web app (the Release build beside this one) as its own
/// process with the demo data, measures its resident memory (VmRSS) with no circuit open, then with 50 and with 200
/// circuits, each a Chromium page on /meld signed in as a member of staff (or on a case page as its principal),
/// and reports the growth per circuit.
/// Each run starts a fresh server; the median over the runs is reported. Chromium runs in this process's
/// machine but not in the server's process, so its memory is not counted.
/// </summary>
internal static class CircuitMemory
{
    private static readonly int[] Steps = [50, 200];

    public static async Task RunAsync(int runs, string page)
    {
        var results = new Dictionary<int, List<double>>();
        var baselines = new List<double>();
        for (var run = 1; run <= runs; run++)
        {
            Console.WriteLine($"Run {run} of {runs}...");
            var (baseline, perStep) = await OneRunAsync(page);
            baselines.Add(baseline);
            foreach (var (n, mib) in perStep)
            {
                var perCircuitKiB = (mib - baseline) * 1024 / n;
                (results.TryGetValue(n, out var list) ? list : results[n] = []).Add(perCircuitKiB);
                Console.WriteLine($"  {n} circuits: RSS {mib:F0} MiB (baseline {baseline:F0} MiB) → {perCircuitKiB:F0} KiB a circuit");
            }
        }
        Console.WriteLine();
        Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}, {DateTime.UtcNow:yyyy-MM-dd}; {runs} runs");
        Console.WriteLine($"Baseline RSS (0 circuits, after warm-up): median {Median(baselines):F0} MiB");
        foreach (var (n, list) in results)
            Console.WriteLine($"{n} circuits on {(page == "sak" ? "a case page" : "/meld")}: median {Median(list):F0} KiB a circuit (runs: {string.Join(", ", list.Select(v => v.ToString("F0")))})");
    }

    private static async Task<(double Baseline, List<(int N, double Mib)> PerStep)> OneRunAsync(string target)
    {
        var directory = Path.Combine(Path.GetTempPath(), "aktivitetsplikt-circuits-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var baseUrl = $"http://127.0.0.1:{FreePort()}";
        using var server = StartServer(baseUrl, directory);
        try
        {
            await WaitUntilAnsweringAsync(baseUrl, server);
            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = "/usr/bin/chromium",
                Headless = true,
                // Few renderer processes: 200 tabs would otherwise take 200 processes of this machine's memory.
                Args = ["--no-sandbox", "--disable-gpu", "--renderer-process-limit=4", "--disable-background-timer-throttling",
                    "--disable-renderer-backgrounding", "--disable-backgrounding-occluded-windows"],
            });
            await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl, Locale = "nb-NO" });
            context.SetDefaultTimeout(60_000);
            var first = await context.NewPageAsync();
            await first.GotoAsync("/logg-inn");
            await first.FillAsync("#f-UserName", target == "sak" ? "randi.rektor" : "kari.laerer");
            await first.FillAsync("#f-Password", "Demo!2026");
            await first.ClickAsync("form button[type=submit]");
            await first.WaitForURLAsync(url => !url.Contains("/logg-inn"));

            // The case page: Jakob's demo case, which has a plan, a timeline and every section filled.
            string? caseUrl = null;
            if (target == "sak")
            {
                await first.GotoAsync("/saker");
                caseUrl = await first.Locator("tr:has-text('Jakob') a").First.GetAttributeAsync("href");
            }

            // Warm-up: one circuit opened and closed, so JIT, caches and the first SignalR buffers are in the baseline.
            await OpenCircuitAsync(first, caseUrl);
            await first.GotoAsync("/saker");
            await SettleAsync();
            var baseline = RssMib(server);

            var pages = new List<IPage>();
            var perStep = new List<(int, double)>();
            foreach (var step in Steps)
            {
                while (pages.Count < step)
                {
                    var page = await context.NewPageAsync();
                    await OpenCircuitAsync(page, caseUrl);
                    pages.Add(page);
                }
                await SettleAsync();
                perStep.Add((step, RssMib(server)));
            }
            return (baseline, perStep);
        }
        finally
        {
            if (!server.HasExited)
            {
                server.Kill(entireProcessTree: true);
                await server.WaitForExitAsync();
            }
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
                // Left to the OS's temp cleaning.
            }
        }
    }

    private static async Task OpenCircuitAsync(IPage page, string? caseUrl)
    {
        await page.GotoAsync(caseUrl ?? "/meld");
        await page.WaitForSelectorAsync(caseUrl is null ? "form[data-interactive=true]" : "#actions[data-interactive=true]");
    }

    /// <summary>Lets the server's GC and the circuits' first renders settle before memory is read.</summary>
    private static Task SettleAsync() => Task.Delay(TimeSpan.FromSeconds(10));

    private static double RssMib(Process process)
    {
        foreach (var line in File.ReadLines($"/proc/{process.Id}/status"))
            if (line.StartsWith("VmRSS:"))
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024.0;
        throw new InvalidOperationException("No VmRSS in /proc/<pid>/status.");
    }

    internal static Process StartServer(string baseUrl, string directory)
    {
        var start = AppStartInfo(baseUrl);
        // Development only for its demo data and sign-ins; the build is Release. Logging quietened so it costs nothing.
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Storage__DatabasePath"] = Path.Combine(directory, "aktivitetsplikt.db");
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Notifications__BackgroundServices"] = "false";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>
    /// How every mode starts the web app: its Release build (or <paramref name="dll"/>, another build of it) as its own
    /// process on <paramref name="baseUrl"/>, output redirected; the caller adds the environment.
    /// </summary>
    internal static ProcessStartInfo AppStartInfo(string baseUrl, string? dll = null)
    {
        var web = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "src", "Aktivitetsplikt.Web"));
        dll ??= Path.Combine(web, "bin", "Release", "net10.0", "Aktivitetsplikt.Web.dll");
        if (!File.Exists(dll)) throw new InvalidOperationException($"Build the web app in Release first: {dll} is missing.");
        var start = new ProcessStartInfo(Environment.ProcessPath is { } host && Path.GetFileNameWithoutExtension(host) == "dotnet" ? host : "dotnet")
        {
            WorkingDirectory = web,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(baseUrl);
        return start;
    }

    internal static async Task WaitUntilAnsweringAsync(string baseUrl, Process server)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        for (var deadline = DateTime.UtcNow.AddSeconds(120); DateTime.UtcNow < deadline; await Task.Delay(250))
        {
            if (server.HasExited) throw new InvalidOperationException($"The app exited with code {server.ExitCode}.");
            try
            {
                if ((await http.GetAsync(baseUrl + "/logg-inn")).StatusCode == HttpStatusCode.OK) return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Still starting.
            }
        }
        throw new TimeoutException("The app did not answer within two minutes.");
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static double Median(List<double> values) => values.OrderBy(v => v).ElementAt(values.Count / 2);
}
