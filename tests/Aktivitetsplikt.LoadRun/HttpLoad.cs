using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

/// <summary>
/// HTTP load against a running app at a base URL: one instance, or nginx in front of several
/// (deploy/nginx/two-instances.sh, docs/deployment.md). Each client is a signed-in demo user (principals and the § 9A team,
/// one sign-in per user, its cookies shared by that user's clients: the sign-in rate limit counts per address, and behind
/// nginx every client has the same one) reading the case list and a case page (a logged read) in a loop for the given
/// time. Prints throughput, p50/p95/p99 and errors per client count.
/// <c>dotnet run -c Release --project tests/Aktivitetsplikt.LoadRun -- http http://127.0.0.1:8080 16,64 30</c>
/// </summary>
internal static partial class HttpLoad
{
    private static readonly string[] Readers = ["randi.rektor", "per.rektor", "siri.9a"];

    public static async Task<int> RunAsync(string baseUrl, int[] clientCounts, int seconds)
    {
        var users = new List<(CookieContainer Cookies, List<string> Cases)>();
        foreach (var user in Readers) users.Add(await SignInAsync(baseUrl, user));

        Console.WriteLine($"HTTP load against {baseUrl}, {seconds} s per client count; case list + case page per iteration");
        Console.WriteLine("| clients | requests | requests/s | p50 ms | p95 ms | p99 ms | errors |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        var failed = false;
        foreach (var count in clientCounts)
        {
            var times = new List<double>();
            var errors = 0;
            var stop = DateTime.UtcNow.AddSeconds(seconds);
            var watch = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, count).Select(async n =>
            {
                var (cookies, cases) = users[n % users.Count];
                using var http = Client(baseUrl, cookies);
                var mine = new List<double>();
                var myErrors = 0;
                for (var i = n; DateTime.UtcNow < stop; i++)
                {
                    foreach (var url in new[] { "/saker", cases[i % cases.Count] })
                    {
                        var sw = Stopwatch.StartNew();
                        try
                        {
                            using var response = await http.GetAsync(url);
                            await response.Content.ReadAsByteArrayAsync();
                            if (response.StatusCode != HttpStatusCode.OK) myErrors++;
                        }
                        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                        {
                            myErrors++;
                        }
                        mine.Add(sw.Elapsed.TotalMilliseconds);
                    }
                }
                lock (times)
                {
                    times.AddRange(mine);
                    errors += myErrors;
                }
            }));
            var elapsed = watch.Elapsed.TotalSeconds;
            failed |= errors > 0;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {count} | {times.Count} | {times.Count / elapsed:F0} | {Percentile(times, 0.50):F1} | {Percentile(times, 0.95):F1} | {Percentile(times, 0.99):F1} | {errors} |"));
        }
        return failed ? 1 : 0;
    }

    internal static async Task<(CookieContainer, List<string>)> SignInAsync(string baseUrl, string user)
    {
        var cookies = new CookieContainer();
        using var http = Client(baseUrl, cookies);
        var form = await http.GetStringAsync("/logg-inn");
        using var signIn = await http.PostAsync("/logg-inn", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = Field(form, "_handler"),
            ["__RequestVerificationToken"] = Field(form, "__RequestVerificationToken"),
            ["Form.UserName"] = user,
            ["Form.Password"] = "Demo!2026",
        }));
        if (signIn.StatusCode != HttpStatusCode.Redirect || signIn.Headers.Location?.OriginalString.Contains("logg-inn") != false)
            throw new InvalidOperationException($"{user} could not sign in at {baseUrl} ({(int)signIn.StatusCode}); is it the demo database?");
        var list = await http.GetStringAsync("/saker");
        var cases = CaseLink().Matches(list).Select(m => m.Value).Distinct().ToList();
        if (cases.Count == 0) throw new InvalidOperationException($"{user} sees no case at {baseUrl}.");
        return (cookies, cases);
    }

    internal static HttpClient Client(string baseUrl, CookieContainer cookies) =>
        new(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false })
        {
            BaseAddress = new Uri(baseUrl),
            Timeout = TimeSpan.FromSeconds(30),
        };

    /// <summary>The value of a form field in a page (the antiforgery token, the handler name).</summary>
    internal static string Field(string html, string name) =>
        WebUtility.HtmlDecode(Regex.Match(html, $"name=\"{Regex.Escape(name)}\"[^>]*value=\"([^\"]*)\"").Groups[1].Value);

    /// <summary>The p-quantile (0–1) of the values, nearest rank.</summary>
    internal static double Percentile(List<double> values, double p)
    {
        if (values.Count == 0) return 0;
        var sorted = values.Order().ToList();
        return sorted[(int)Math.Min(sorted.Count - 1, Math.Floor(p * sorted.Count))];
    }

    [GeneratedRegex("/saker/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex CaseLink();
}
