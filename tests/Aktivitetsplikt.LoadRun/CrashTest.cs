using System.Diagnostics;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Features.Cases;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Pipeline;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

/// <summary>
/// The crash test (issue 9): the Release app on loopback, members of staff logging concerns through the real /meld
/// form from several Chromium tabs at once, the server killed hard (SIGKILL, no shutdown) in the middle of it, then
/// started again; every tab whose submit was cut off reloads the page (its draft, one-time key included, comes back
/// from the tab's sessionStorage) and sends again, as a person would. After the rounds the database is checked
/// offline: PRAGMA integrity_check, every acknowledged receipt present exactly once, no concern duplicated by a
/// retry, and the audit chain verifies.
/// <c>dotnet run -c Release --project tests/Aktivitetsplikt.LoadRun -- crash [rounds] [tabs] [seconds]</c> (tests/crash/run.sh).
/// </summary>
internal static class CrashTest
{
    private sealed record Tab(IPage Page, int Number)
    {
        public int Sent { get; set; }
        /// <summary>The text of a concern sent but not acknowledged when the server died.</summary>
        public string? InFlight { get; set; }
    }

    public static async Task<int> RunAsync(int rounds, int tabs, int seconds)
    {
        var directory = Path.Combine(Path.GetTempPath(), "aktivitetsplikt-crash-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var baseUrl = $"http://127.0.0.1:{CircuitMemory.FreePort()}";
        var acknowledged = new Dictionary<string, Guid>();
        var sentInFlight = new List<string>();
        var retried = 0;
        var storedBeforeKill = 0;
        var server = CircuitMemory.StartServer(baseUrl, directory);
        try
        {
            await CircuitMemory.WaitUntilAnsweringAsync(baseUrl, server);
            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = "/usr/bin/chromium",
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-background-timer-throttling", "--disable-renderer-backgrounding"],
            });
            await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl, Locale = "nb-NO" });
            context.SetDefaultTimeout(30_000);
            var first = await context.NewPageAsync();
            await first.GotoAsync("/logg-inn");
            await first.FillAsync("#f-UserName", "kari.laerer");
            await first.FillAsync("#f-Password", "Demo!2026");
            await first.ClickAsync("form button[type=submit]");
            await first.WaitForURLAsync(url => !url.Contains("/logg-inn"));
            var all = new List<Tab> { new(first, 1) };
            for (var i = 2; i <= tabs; i++) all.Add(new Tab(await context.NewPageAsync(), i));

            for (var round = 1; round <= rounds; round++)
            {
                using var stop = new CancellationTokenSource();
                var workers = all.Select(tab => WorkAsync(tab, round, acknowledged, stop.Token)).ToList();
                await Task.Delay(TimeSpan.FromSeconds(seconds));
                server.Kill(entireProcessTree: true); // SIGKILL: no graceful shutdown, no flush.
                await server.WaitForExitAsync();
                stop.Cancel();
                await Task.WhenAll(workers);
                var cutOff = all.Where(t => t.InFlight is not null).ToList();
                sentInFlight.AddRange(cutOff.Select(t => t.InFlight!));
                Console.WriteLine($"Round {round}: killed with {acknowledged.Count} receipts so far; {cutOff.Count} submits cut off.");

                server = CircuitMemory.StartServer(baseUrl, directory);
                await CircuitMemory.WaitUntilAnsweringAsync(baseUrl, server);
                foreach (var tab in cutOff)
                {
                    // What a person does after "connection lost": reload; the draft (text and key) comes back; send again.
                    await tab.Page.GotoAsync("/meld");
                    await tab.Page.WaitForSelectorAsync("form[data-interactive=true]");
                    if (await tab.Page.InputValueAsync("#f-WhatHappened") != tab.InFlight)
                    {
                        Console.WriteLine($"  tab {tab.Number}: no draft to send again (it was cleared after a receipt the browser never showed)");
                        tab.InFlight = null;
                        continue;
                    }
                    if (await StoredCountAsync(Path.Combine(directory, "aktivitetsplikt.db"), tab.InFlight!) > 0) storedBeforeKill++;
                    await tab.Page.ClickAsync("button.concern-submit");
                    await tab.Page.WaitForURLAsync(url => url.Contains("/meld/kvittering/"));
                    acknowledged[tab.InFlight!] = Guid.Parse(tab.Page.Url[(tab.Page.Url.LastIndexOf('/') + 1)..]);
                    tab.InFlight = null;
                    retried++;
                }
            }
        }
        finally
        {
            if (!server.HasExited)
            {
                server.Kill(entireProcessTree: true);
                await server.WaitForExitAsync();
            }
        }

        var failures = await CheckAsync(Path.Combine(directory, "aktivitetsplikt.db"), acknowledged, sentInFlight);
        Console.WriteLine();
        Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}, {DateTime.UtcNow:yyyy-MM-dd}");
        Console.WriteLine($"{rounds} kill -9 rounds, {tabs} tabs, {seconds} s each: {acknowledged.Count} receipts acknowledged, "
            + $"{sentInFlight.Count} submits cut off by a kill, {retried} sent again after the restart "
            + $"({storedBeforeKill} of them had been stored before the kill: the retry showed the first receipt)");
        foreach (var failure in failures) Console.WriteLine("FAIL: " + failure);
        Console.WriteLine(failures.Count == 0 ? "PASS" : $"{failures.Count} failures");
        try
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // Left to the OS's temp cleaning.
        }
        return failures.Count == 0 ? 0 : 1;
    }

    /// <summary>One tab: fill in and send concerns until stopped; each receipt is an acknowledged write.</summary>
    private static async Task WorkAsync(Tab tab, int round, Dictionary<string, Guid> acknowledged, CancellationToken stop)
    {
        var page = tab.Page;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await page.GotoAsync("/meld");
                await page.WaitForSelectorAsync("form[data-interactive=true]");
                await page.SelectOptionAsync("#f-PupilId", new SelectOptionValue { Index = 1 + tab.Sent % 5 });
                var text = $"Krasjtest runde {round}, fane {tab.Number}, nr. {++tab.Sent}: eleven ble holdt utenfor.";
                await page.FillAsync("#f-WhatHappened", text);
                await page.SelectOptionAsync("#f-Location", new SelectOptionValue { Index = 1 });
                tab.InFlight = text;
                await page.ClickAsync("button.concern-submit");
                await page.WaitForURLAsync(url => url.Contains("/meld/kvittering/"), new PageWaitForURLOptions { Timeout = 15_000 });
                lock (acknowledged) acknowledged[text] = Guid.Parse(page.Url[(page.Url.LastIndexOf('/') + 1)..]);
                tab.InFlight = null;
            }
            catch (Exception)
            {
                // The server died under this tab: what was in flight is sent again after the restart; otherwise wait for the kill to be noticed.
                if (tab.InFlight is not null) return;
                await Task.Delay(200, CancellationToken.None);
            }
        }
    }

    /// <summary>How many concerns with this text the database holds now (read beside the running server; WAL lets it).</summary>
    private static async Task<long> StoredCountAsync(string databasePath, string text)
    {
        await using var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly");
        await connection.OpenAsync();
        await using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM CaseEntries WHERE Text = $text";
        count.Parameters.AddWithValue("$text", text);
        return (long)(await count.ExecuteScalarAsync())!;
    }

    private static async Task<List<string>> CheckAsync(string databasePath, Dictionary<string, Guid> acknowledged, List<string> cutOff)
    {
        var failures = new List<string>();
        await using (var connection = new SqliteConnection($"Data Source={databasePath}"))
        {
            await connection.OpenAsync();
            await using var integrity = connection.CreateCommand();
            integrity.CommandText = "PRAGMA integrity_check";
            var result = (string?)await integrity.ExecuteScalarAsync();
            Console.WriteLine($"PRAGMA integrity_check: {result}");
            if (result != "ok") failures.Add($"integrity_check: {result}");
        }

        var services = new ServiceCollection().AddLogging(b => b.SetMinimumLevel(LogLevel.Warning))
            // The app's own key ring and anchor file (Development: generated into the data folder), so the chain is
            // verified as the app verifies it, anchors included.
            .AddAktivitetsplikt(DatabaseSetup.ConnectionString(databasePath), AuditChainSettings.FromConfiguration(
                new ConfigurationBuilder().Build(), new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { EnvironmentName = "Development" },
                Path.GetDirectoryName(databasePath)!))
            .BuildServiceProvider();
        await using (services)
        {
            using var scope = services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var concerns = await db.CaseEntries.Where(e => e.Text.StartsWith("Krasjtest")).Select(e => new { e.Text, e.CaseId }).ToListAsync();
            var byText = concerns.GroupBy(c => c.Text).ToDictionary(g => g.Key, g => g.Select(c => c.CaseId).ToList());
            foreach (var (text, caseId) in acknowledged)
            {
                if (!byText.TryGetValue(text, out var cases)) failures.Add($"acknowledged but missing: {text}");
                else if (cases.Count != 1) failures.Add($"acknowledged {cases.Count} times: {text}");
                else if (cases[0] != caseId) failures.Add($"the receipt shows another case than the one stored: {text}");
            }
            foreach (var text in cutOff.Where(t => byText.TryGetValue(t, out var cases) && cases.Count > 1))
                failures.Add($"duplicated by the retry: {text}");
            Console.WriteLine($"Concerns stored: {concerns.Count}; distinct texts: {byText.Count}; duplicated: {byText.Count(g => g.Value.Count > 1)}");
            var chain = await scope.ServiceProvider.GetRequiredService<AuditChainVerifier>().VerifyAsync(CancellationToken.None);
            Console.WriteLine($"Audit chain: {(chain.IsIntact ? "intact" : "BROKEN at " + chain.FirstBrokenSequence + ": " + chain.Problem)}, {chain.EntriesChecked} entries");
            if (!chain.IsIntact) failures.Add($"audit chain broken at {chain.FirstBrokenSequence}: {chain.Problem}");
        }
        return failures;
    }
}
