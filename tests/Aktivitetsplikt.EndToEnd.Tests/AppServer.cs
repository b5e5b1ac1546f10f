using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Playwright;

namespace Aktivitetsplikt.EndToEnd.Tests;

/// <summary>
/// The real app as its own process on a free loopback port (Development, demo data, a temp SQLite
/// file), and Debian's Chromium driven by Playwright. One of each for the whole test collection.
/// </summary>
public sealed class AppServer : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";
    public const string DemoPassword = "Demo!2026";

    private readonly StringBuilder _output = new();
    private readonly List<string> _cspViolations = [];
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "aktivitetsplikt-e2e-" + Guid.NewGuid().ToString("N"));
    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly int? _port;
    private Process? _process;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public AppServer() : this(new Dictionary<string, string>(), null) { }

    /// <summary>
    /// The app with further settings (environment variables) on a port chosen beforehand (the OpenID provider must know it).
    /// A factory, not a second public constructor: xunit builds a collection fixture through its only public one.
    /// </summary>
    public static AppServer With(IReadOnlyDictionary<string, string> environment, int? port) => new(environment, port);

    private AppServer(IReadOnlyDictionary<string, string> environment, int? port)
    {
        _environment = environment;
        _port = port;
    }

    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>The app's SQLite file, for a test that changes what only time would change (a session's age).</summary>
    public string DatabasePath => Path.Combine(_directory, "aktivitetsplikt.db");

    public string BaseUrl { get; private set; } = "";

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser is not started.");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            var ci = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
            throw new InvalidOperationException(
                $"Chromium is not installed at {ChromiumPath}{(ci ? " on this CI runner" : "")}. The end-to-end tests need it and are never skipped: " +
                "run the README's test command, which installs it (apt-get install -y chromium). `playwright install` cannot download browsers here.");
        }

        Directory.CreateDirectory(_directory);
        BaseUrl = $"http://127.0.0.1:{_port ?? FreePort()}";
        StartApp();
        await WaitUntilAnsweringAsync();

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = new[] { "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking" },
        });
    }

    /// <summary>A fresh browser context (its own cookies) with a page, signed in as the user unless null.</summary>
    public async Task<IPage> NewPageAsync(string? userName)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            Locale = "nb-NO",
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        // Chromium reports every Content-Security-Policy violation on the console; any one fails the run (see DisposeAsync).
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
                lock (_cspViolations) _cspViolations.Add($"{page.Url}: {message.Text}");
        };
        if (userName is null) return page;

        await page.GotoAsync("/logg-inn");
        await page.FillAsync("#f-UserName", userName);
        await page.FillAsync("#f-Password", DemoPassword);
        await page.ClickAsync("form button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/logg-inn"));
        return page;
    }

    /// <summary>The CSP violations Chromium reported on any page opened so far.</summary>
    public IReadOnlyList<string> CspViolations()
    {
        lock (_cspViolations) return [.. _cspViolations];
    }

    /// <summary>For the test that provokes a violation on purpose: what that page reported is expected, not a failure.</summary>
    public void ForgetCspViolationsOf(IPage page)
    {
        lock (_cspViolations) _cspViolations.RemoveAll(v => v.StartsWith(page.Url + ":", StringComparison.Ordinal));
    }

    public async Task DisposeAsync()
    {
        var violations = CspViolations();
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process?.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Left to the OS's temp cleaning.
        }
        if (violations.Count > 0)
            throw new InvalidOperationException("The browser reported Content-Security-Policy violations:\n" + string.Join("\n", violations));
    }

    /// <summary>The app's dll built alongside these tests (same configuration).</summary>
    public static string BuiltApp()
    {
        var dll = Path.Combine(RepoRoot, "src", "Aktivitetsplikt.Web", "bin", Configuration(), "net10.0", "Aktivitetsplikt.Web.dll");
        return File.Exists(dll) ? dll : throw new InvalidOperationException($"The web app is not built: {dll} is missing.");
    }

    private void StartApp()
    {
        var webProject = Path.Combine(RepoRoot, "src", "Aktivitetsplikt.Web");
        var dll = BuiltApp();

        var start = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = webProject,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(BaseUrl);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Storage__DatabasePath"] = DatabasePath;
        foreach (var (name, value) in _environment) start.Environment[name] = value;

        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.AppendLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.AppendLine(e.Data); };
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    private async Task WaitUntilAnsweringAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (_process!.HasExited) throw new InvalidOperationException($"The app exited with code {_process.ExitCode}:\n{Output()}");
            try
            {
                using var response = await http.GetAsync(BaseUrl + "/logg-inn");
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Still starting (migrating and seeding the demo data).
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"The app did not answer /logg-inn at {BaseUrl} within 90 seconds:\n{Output()}");
    }

    public string Output()
    {
        lock (_output) return _output.ToString();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The configuration the tests were built in (…/bin/&lt;Configuration&gt;/net10.0/), so the app built alongside is run.</summary>
    private static string Configuration()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        return directory.Parent?.Name ?? "Debug";
    }

    /// <summary>The dotnet host running these tests, so the app runs on the same SDK's runtime.</summary>
    private static string DotnetHost()
    {
        var current = Environment.ProcessPath;
        return current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet" ? current : "dotnet";
    }

    private static string FindRepoRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Aktivitetsplikt.sln"))) return directory.FullName;
        }
        throw new InvalidOperationException($"Aktivitetsplikt.sln not found above {AppContext.BaseDirectory}.");
    }
}

[CollectionDefinition(Name)]
public sealed class AppCollection : ICollectionFixture<AppServer>
{
    public const string Name = "The app in Chromium";
}
