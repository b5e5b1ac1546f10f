using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Playwright;

// One collection at a time, as when there was only one: each starts the app with its demo data (this one two instances),
// and three apps seeding at once on a shared two-core runner outran AppServer's start-up wait.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Aktivitetsplikt.EndToEnd.Tests;

/// <summary>
/// Two instances of the built app on loopback behind Debian's nginx, started by the repository's own script
/// (deploy/nginx/two-instances.sh) on one shared SQLite file (on PostgreSQL: <see cref="TwoInstancesOnPostgreSql"/>), and
/// Chromium pointed at nginx. One for the collection.
/// Without nginx the tests fail, never skip (tests/run.sh installs it; so does the script, where it may).
/// </summary>
public class TwoInstances : IAsyncLifetime
{
    private static readonly string[] NginxPaths = ["/usr/sbin/nginx", "/usr/bin/nginx"];

    private readonly StringBuilder _output = new();
    private readonly string _state = Path.Combine(Path.GetTempPath(), "aktivitetsplikt-two-" + Guid.NewGuid().ToString("N"));
    private Process? _script;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public string BaseUrl { get; private set; } = "";

    /// <summary>The two instances' addresses as nginx names them in its log (127.0.0.1:port).</summary>
    public IReadOnlyList<string> Instances { get; private set; } = [];

    /// <summary>nginx's config and logs, the instances' logs and data folder.</summary>
    protected string StateFolder => _state;

    /// <summary>An instance's own address, past nginx.</summary>
    public string InstanceUrl(int index) => "http://" + Instances[index];

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser is not started.");

    /// <summary>The instances' storage settings (environment variables); none: the script's shared SQLite file.</summary>
    protected virtual Task<IReadOnlyDictionary<string, string>> StorageAsync() => Task.FromResult<IReadOnlyDictionary<string, string>>(new Dictionary<string, string>());

    /// <summary>Removes what <see cref="StorageAsync"/> made, after the instances have stopped.</summary>
    protected virtual Task DropStorageAsync() => Task.CompletedTask;

    public virtual async Task InitializeAsync()
    {
        var ci = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        if (!NginxPaths.Any(File.Exists))
            throw new InvalidOperationException(
                $"Debian's nginx is not installed{(ci ? " on this CI runner" : "")}. The load-balancer tests need it and are never skipped: " +
                "run the README's test command, which installs it (apt-get install -y nginx).");
        if (!File.Exists(AppServer.ChromiumPath))
            throw new InvalidOperationException($"Chromium is not installed at {AppServer.ChromiumPath}; run the README's test command.");

        Directory.CreateDirectory(_state);
        var (nginx, a, b) = (FreePort(), FreePort(), FreePort());
        BaseUrl = $"http://127.0.0.1:{nginx}";
        Instances = [$"127.0.0.1:{a}", $"127.0.0.1:{b}"];
        var start = new ProcessStartInfo("bash")
        {
            WorkingDirectory = AppServer.RepoRoot,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppServer.RepoRoot, "deploy", "nginx", "two-instances.sh"));
        start.Environment["NGINX_PORT"] = nginx.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["APP_PORT_A"] = a.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["APP_PORT_B"] = b.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["STATE_DIR"] = _state;
        start.Environment["STOP_ON_STDIN"] = "1";
        start.Environment["APP_DLL"] = AppServer.BuiltApp();
        foreach (var (name, value) in await StorageAsync()) start.Environment[name] = value;
        _script = new Process { StartInfo = start };
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _script.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (_output) _output.AppendLine(e.Data);
            if (e.Data.StartsWith("READY ", StringComparison.Ordinal)) ready.TrySetResult();
        };
        _script.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.AppendLine(e.Data); };
        _script.Start();
        _script.BeginOutputReadLine();
        _script.BeginErrorReadLine();

        var exited = _script.WaitForExitAsync();
        var first = await Task.WhenAny(ready.Task, exited, Task.Delay(TimeSpan.FromMinutes(4)));
        if (first != ready.Task)
            throw new InvalidOperationException($"two-instances.sh did not get ready:\n{Output()}\n{Logs()}");

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = AppServer.ChromiumPath,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        });
    }

    /// <summary>A fresh browser context (its own cookies) signed in through nginx.</summary>
    public async Task<IPage> SignedInPageAsync(string userName)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl, Locale = "nb-NO" });
        context.SetDefaultTimeout(20_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/logg-inn");
        await page.FillAsync("#f-UserName", userName);
        await page.FillAsync("#f-Password", AppServer.DemoPassword);
        await page.ClickAsync("form button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/logg-inn"));
        return page;
    }

    /// <summary>nginx's access log: which instance (upstream) answered which request, per route cookie.</summary>
    public IReadOnlyList<ProxiedRequest> AccessLog() =>
        File.ReadAllLines(Path.Combine(_state, "access.log"))
            .Select(line => line.Split(' '))
            .Where(f => f.Length == 5)
            .Select(f => new ProxiedRequest(f[0], f[1], f[2], int.Parse(f[3], System.Globalization.CultureInfo.InvariantCulture), f[4]))
            .ToList();

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
        if (_script is not null)
        {
            // Closing its standard input tells the script to stop the instances and nginx it started.
            _script.StandardInput.Close();
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await _script.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                _script.Kill(entireProcessTree: true);
                await _script.WaitForExitAsync();
            }
            _script.Dispose();
        }
        await DropStorageAsync();
        try
        {
            Directory.Delete(_state, recursive: true);
        }
        catch (IOException)
        {
            // Left to the OS's temp cleaning.
        }
    }

    public string Output()
    {
        lock (_output) return _output.ToString();
    }

    private string Logs() =>
        string.Join("\n", Directory.Exists(_state) ? Directory.GetFiles(_state, "*.log").Select(f => $"--- {Path.GetFileName(f)}\n{Tail(f)}") : []);

    private static string Tail(string file) => string.Join("\n", File.ReadLines(file).TakeLast(30));

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>One line of nginx's access log (the <c>affinity</c> format in two-instances.conf.template).</summary>
public sealed record ProxiedRequest(string Upstream, string Method, string Path, int Status, string RouteCookie);

[CollectionDefinition(Name)]
public sealed class TwoInstancesCollection : ICollectionFixture<TwoInstances>
{
    public const string Name = "Two instances behind nginx";
}
