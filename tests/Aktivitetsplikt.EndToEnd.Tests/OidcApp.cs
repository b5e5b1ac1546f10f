using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;

namespace Aktivitetsplikt.EndToEnd.Tests;

/// <summary>
/// The app beside a real OpenID provider: npm's oidc-provider (tests/oidc-provider, installed by <c>npm ci</c> in the test
/// command) on a loopback port as Feide and ID-porten, and the app configured to sign in with both. Fails — never skips —
/// when Node or the provider cannot start.
/// </summary>
public sealed class OidcApp : IAsyncLifetime
{
    public const string EduPersonPrincipalName = "https://n.feide.no/claims/eduPersonPrincipalName";

    private readonly StringBuilder _output = new();
    private Process? _provider;

    public AppServer App { get; private set; } = default!;
    public string Issuer { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var folder = Path.Combine(AppServer.RepoRoot, "tests", "oidc-provider");
        if (!Directory.Exists(Path.Combine(folder, "node_modules", "oidc-provider")))
            throw new InvalidOperationException(
                $"The OpenID provider's packages are not installed in {folder}: run the README's test command (bash tests/run.sh), which runs `npm ci` there. " +
                "The sign-in tests need a real provider and are never skipped.");
        var appPort = AppServer.FreePort();
        var appUrl = $"http://127.0.0.1:{appPort}";

        var start = new ProcessStartInfo("node") { WorkingDirectory = folder, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("provider.mjs");
        start.Environment["APP_URL"] = appUrl;
        var issuer = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            _provider = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("Node.js (node) is not on the PATH: the sign-in tests run a real OpenID provider on it and are never skipped.", e);
        }
        _provider.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (_output) _output.AppendLine(e.Data);
            if (e.Data.StartsWith("{\"issuer\"", StringComparison.Ordinal))
                issuer.TrySetResult(JsonDocument.Parse(e.Data).RootElement.GetProperty("issuer").GetString()!);
        };
        _provider.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.AppendLine(e.Data); };
        _provider.Exited += (_, _) => issuer.TrySetException(new InvalidOperationException($"The OpenID provider exited:\n{Output()}"));
        _provider.EnableRaisingEvents = true;
        _provider.BeginOutputReadLine();
        _provider.BeginErrorReadLine();
        Issuer = await issuer.Task.WaitAsync(TimeSpan.FromSeconds(30));

        App = AppServer.With(new Dictionary<string, string>
        {
            ["Authentication__Feide__Enabled"] = "true",
            ["Authentication__Feide__Authority"] = Issuer,
            ["Authentication__Feide__ClientId"] = "feide",
            ["Authentication__Feide__ClientSecret"] = "feide-test-secret",
            ["Authentication__Feide__AllowHttp"] = "true",
            ["Authentication__Feide__IdentifierClaim"] = EduPersonPrincipalName,
            ["Authentication__Feide__Scopes__0"] = "profile",
            ["Authentication__Feide__Scopes__1"] = "userid-feide",
            ["Authentication__IdPorten__Enabled"] = "true",
            ["Authentication__IdPorten__Authority"] = Issuer,
            ["Authentication__IdPorten__ClientId"] = "idporten",
            ["Authentication__IdPorten__ClientSecret"] = "idporten-test-secret",
            ["Authentication__IdPorten__AllowHttp"] = "true",
        }, appPort);
        await App.InitializeAsync();
    }

    /// <summary>
    /// Signs in through the provider's own login page, as a person does: the app's button (<paramref name="button"/> is its
    /// data-testid: sign-in-feide or sign-in-idporten), the provider's form, back through the callback to the app's page.
    /// </summary>
    public async Task SignInAsync(IPage page, string button, string login)
    {
        // The provider's pages import a web font from the internet, which this machine cannot reach: nothing leaves loopback.
        await page.Context.RouteAsync(url => !url.StartsWith("http://127.0.0.1:", StringComparison.Ordinal), route => route.AbortAsync());
        var visited = new List<string>();
        page.FrameNavigated += (_, frame) => { if (frame == page.MainFrame) visited.Add(frame.Url); };
        try
        {
            await page.GotoAsync(App.BaseUrl + "/logg-inn");
            await page.Locator($"[data-testid={button}]").ClickAsync();
            await page.Locator("input[name=login]").FillAsync(login);
            await page.Locator("input[name=password]").FillAsync("whatever");
            await page.Locator("button[type=submit]").ClickAsync();
            await page.WaitForURLAsync(url => url.StartsWith(App.BaseUrl, StringComparison.Ordinal) && !url.Contains("/signin-") && !url.Contains("/logg-inn/fortsett"),
                new PageWaitForURLOptions { WaitUntil = WaitUntilState.DOMContentLoaded });
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"Signing in as {login} stopped at {page.Url} after {string.Join(" → ", visited)}\n--- app ---\n{App.Output()}\n--- provider ---\n{Output()}", e);
        }
    }

    /// <summary>Waits until the browser is at <paramref name="path"/> of the app; on a timeout, says where it is and what the app wrote.</summary>
    public async Task ExpectAtAsync(IPage page, string path)
    {
        try
        {
            // The address is what is checked: DOMContentLoaded, not the load event, which a slow asset on a busy CI machine
            // can hold past the timeout with the browser already at the page (seen once at 390 px).
            await page.WaitForURLAsync(App.BaseUrl + path, new PageWaitForURLOptions { WaitUntil = WaitUntilState.DOMContentLoaded });
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"Expected {path}, but the browser is at {page.Url}\n--- app ---\n{App.Output()}", e);
        }
    }

    /// <summary>The next token the provider issues has its payload changed after signing (see provider.mjs).</summary>
    public async Task TamperWithNextIdTokenAsync()
    {
        using var http = new HttpClient();
        (await http.PostAsync(Issuer + "/test/tamper-next-id-token", null)).EnsureSuccessStatusCode();
    }

    public string Output()
    {
        lock (_output) return _output.ToString();
    }

    public async Task DisposeAsync()
    {
        try
        {
            if (App is not null) await App.DisposeAsync();
        }
        finally
        {
            if (_provider is { HasExited: false })
            {
                _provider.Kill(entireProcessTree: true);
                await _provider.WaitForExitAsync();
            }
            _provider?.Dispose();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class OidcCollection : ICollectionFixture<OidcApp>
{
    public const string Name = "The app with OpenID providers in Chromium";
}
