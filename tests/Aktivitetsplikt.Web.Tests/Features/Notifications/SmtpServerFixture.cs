using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using Aktivitetsplikt.Web.Features.Notifications;
using MimeKit;

namespace Aktivitetsplikt.Web.Tests.Features.Notifications;

/// <summary>How a <see cref="SmtpTestServer"/> answers (the modes of smtp_test_server.py).</summary>
public enum SmtpServerMode
{
    Accept,
    RefuseRcpt,
    RefuseData,
    DropData,
}

/// <summary>
/// Starts real SMTP servers on loopback for a test class: Debian's python3-aiosmtpd running
/// smtp_test_server.py, each on a port the system picks and with its own folder under the temp
/// directory, and stops whatever is still running when the class is done. Without python3 and aiosmtpd
/// the tests fail and say how to install them; they are never skipped (CI=true or not).
/// </summary>
public sealed class SmtpServerFixture : IAsyncLifetime
{
    /// <summary>Debian's interpreter first: python3-aiosmtpd installs there, whatever else is on the PATH.</summary>
    private static readonly string[] Interpreters = ["/usr/bin/python3", "python3"];

    private readonly List<SmtpTestServer> _servers = [];
    private string _python = "";
    private string _script = "";

    public async Task InitializeAsync()
    {
        _script = FindScript();
        var tried = new List<string>();
        foreach (var interpreter in Interpreters)
        {
            var (found, answer) = await HasAiosmtpdAsync(interpreter);
            if (found)
            {
                _python = interpreter;
                return;
            }
            tried.Add($"{interpreter}: {answer}");
        }
        var ci = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        throw new InvalidOperationException(
            $"The mail delivery tests need a real SMTP server, Debian's python3-aiosmtpd, and found none{(ci ? " on this CI runner" : "")} " +
            $"(tried {string.Join("; ", tried)}). Install it with `apt-get install -y python3-aiosmtpd`; tests/run.sh does. " +
            "These tests fail rather than skip.");
    }

    public async Task<SmtpTestServer> StartAsync(SmtpServerMode mode)
    {
        var folder = Directory.CreateTempSubdirectory("aktivitetsplikt-smtp-").FullName;
        var start = new ProcessStartInfo(_python)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(_script);
        start.ArgumentList.Add(mode switch
        {
            SmtpServerMode.Accept => "accept",
            SmtpServerMode.RefuseRcpt => "refuse-rcpt",
            SmtpServerMode.RefuseData => "refuse-data",
            SmtpServerMode.DropData => "drop-data",
            _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, null),
        });
        start.ArgumentList.Add(folder);

        var process = Process.Start(start) ?? throw new InvalidOperationException($"{_python} did not start.");
        var errors = new StringBuilder();
        process.ErrorDataReceived += (_, e) =>
        {
            lock (errors) errors.AppendLine(e.Data);
        };
        process.BeginErrorReadLine();
        var server = new SmtpTestServer(process, folder);
        _servers.Add(server);

        string? line;
        try
        {
            line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(20));
        }
        catch (TimeoutException)
        {
            line = null;
        }
        if (line is null || !line.StartsWith("PORT ", StringComparison.Ordinal))
        {
            await server.DisposeAsync();
            string log;
            lock (errors) log = errors.ToString();
            throw new InvalidOperationException($"smtp_test_server.py {mode} did not start listening: {line} {log}");
        }
        server.Port = int.Parse(line["PORT ".Length..], System.Globalization.CultureInfo.InvariantCulture);
        return server;
    }

    public async Task DisposeAsync()
    {
        foreach (var server in _servers) await server.DisposeAsync();
    }

    private static async Task<(bool Found, string Answer)> HasAiosmtpdAsync(string interpreter)
    {
        var check = new ProcessStartInfo(interpreter) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        check.ArgumentList.Add("-c");
        check.ArgumentList.Add("import aiosmtpd");
        try
        {
            using var process = Process.Start(check)!;
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            return (process.ExitCode == 0, (await error).Trim().Split('\n')[^1]);
        }
        catch (Win32Exception)
        {
            return (false, "not found");
        }
    }

    /// <summary>The script beside this file in the source tree, so nothing has to be copied into the build output.</summary>
    private static string FindScript()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var script = Path.Combine(directory.FullName, "tests", "Aktivitetsplikt.Web.Tests", "Features", "Notifications", "smtp_test_server.py");
            if (File.Exists(script)) return script;
        }
        throw new InvalidOperationException($"smtp_test_server.py was not found above {AppContext.BaseDirectory}.");
    }
}

/// <summary>One running smtp_test_server.py. Disposing it stops the process and deletes its folder.</summary>
public sealed class SmtpTestServer(Process process, string folder) : IAsyncDisposable
{
    public const string From = "noreply@example.org";

    private bool _disposed;

    public int Port { get; internal set; }

    /// <summary>The configuration the app would have for this server: plain SMTP on loopback, a short timeout.</summary>
    public SmtpOptions Options => new() { Host = "127.0.0.1", Port = Port, From = From, UseSsl = false, TimeoutSeconds = 5 };

    /// <summary>What an accepting server took, in order, each with the envelope as X-MailFrom and X-RcptTo headers.</summary>
    public IReadOnlyList<MimeMessage> Received() =>
        Directory.GetFiles(folder, "*.eml")
            .OrderBy(path => int.Parse(Path.GetFileNameWithoutExtension(path), System.Globalization.CultureInfo.InvariantCulture))
            .Select(path => MimeMessage.Load(path))
            .ToList();

    /// <summary>The raw text of everything received, headers and encoded bodies included.</summary>
    public string ReceivedRaw() =>
        string.Join("\n", Directory.GetFiles(folder, "*.eml").Select(File.ReadAllText));

    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        if (!process.HasExited)
        {
            // The script serves until its standard input closes.
            process.StandardInput.Close();
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }
        process.Dispose();
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }
}
