using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Aktivitetsplikt.Web.Features.Account;

/// <summary>What the sign-in form accepts at most, checked before anything is looked up or stored.</summary>
public static class SignInLimits
{
    public const int MaxUserNameLength = 100;
    public const int MaxPasswordLength = 200;
}

/// <summary>Configuration section <c>SignIn:Throttling</c> (docs/security.md, "Sign-in").</summary>
public sealed class SignInThrottleOptions
{
    public const string Section = "SignIn:Throttling";

    /// <summary>Sign-in posts one client address may make a minute (any outcome), ASP.NET Core's token bucket; more get 429.</summary>
    public int PostsPerMinutePerAddress { get; set; } = 60;

    /// <summary>Failures with one user name from one address: the per-account throttle. Another address is not affected.</summary>
    public ThrottleTier AccountAtAddress { get; set; } = new() { FreeFailures = 5, FirstDelaySeconds = 2, MaxDelaySeconds = 900 };

    /// <summary>Failures with any user name from one address (guessing many accounts). Set high: a school's staff may share one address.</summary>
    public ThrottleTier Address { get; set; } = new() { FreeFailures = 50, FirstDelaySeconds = 1, MaxDelaySeconds = 300 };

    /// <summary>Failures are forgotten this long after the last one.</summary>
    public int ForgetAfterMinutes { get; set; } = 15;
}

/// <summary>After <see cref="FreeFailures"/> failures, each further failure doubles the wait before the next try, up to the maximum.</summary>
public sealed class ThrottleTier
{
    public int FreeFailures { get; set; }
    public double FirstDelaySeconds { get; set; }
    public double MaxDelaySeconds { get; set; }

    public TimeSpan DelayAfter(int failures) =>
        failures < FreeFailures
            ? TimeSpan.Zero
            : TimeSpan.FromSeconds(Math.Min(MaxDelaySeconds, FirstDelaySeconds * Math.Pow(2, Math.Min(failures - FreeFailures, 30))));
}

/// <summary>
/// Growing delays after failed sign-ins, per typed user name at an address and per address, instead of locking
/// an account: a stranger who guesses slows down only their own address, and the user signs in from theirs.
/// Keyed on the name as typed, so a real and an unknown user name are throttled alike (nothing to learn from it).
/// Kept in memory: the app runs as one process on its SQLite file, and a restart forgets at most a quarter of an hour.
/// </summary>
public sealed class SignInThrottle(IOptions<SignInThrottleOptions> options, TimeProvider time)
{
    public const string RateLimitPolicy = "sign-in";
    private const int PruneAbove = 10_000;

    private readonly SignInThrottleOptions _options = options.Value;
    private readonly ConcurrentDictionary<string, Failures> _failures = new();

    private sealed class Failures
    {
        public int Count;
        public DateTime LastUtc;
    }

    /// <summary>How long this user name at this address must still wait before a password is checked; zero when it may try now.</summary>
    public TimeSpan WaitBeforeTrying(string userName, string address)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return Max(Wait(AccountKey(userName, address), _options.AccountAtAddress, now), Wait(AddressKey(address), _options.Address, now));
    }

    public void RecordFailure(string userName, string address)
    {
        var now = time.GetUtcNow().UtcDateTime;
        Count(AccountKey(userName, address), now);
        Count(AddressKey(address), now);
        if (_failures.Count > PruneAbove) Prune(now);
    }

    /// <summary>The right password from this address: its failures with this name are forgotten (the address's are not).</summary>
    public void RecordSuccess(string userName, string address) => _failures.TryRemove(AccountKey(userName, address), out _);

    private TimeSpan Wait(string key, ThrottleTier tier, DateTime now)
    {
        if (!_failures.TryGetValue(key, out var failures)) return TimeSpan.Zero;
        lock (failures)
        {
            if (IsForgotten(failures, now)) return TimeSpan.Zero;
            var until = failures.LastUtc + tier.DelayAfter(failures.Count);
            return until > now ? until - now : TimeSpan.Zero;
        }
    }

    private void Count(string key, DateTime now)
    {
        var failures = _failures.GetOrAdd(key, _ => new Failures());
        lock (failures)
        {
            if (IsForgotten(failures, now)) failures.Count = 0;
            failures.Count++;
            failures.LastUtc = now;
        }
    }

    private bool IsForgotten(Failures failures, DateTime now) =>
        now - failures.LastUtc > TimeSpan.FromMinutes(_options.ForgetAfterMinutes);

    private void Prune(DateTime now)
    {
        foreach (var (key, failures) in _failures)
            if (IsForgotten(failures, now)) _failures.TryRemove(key, out _);
    }

    private static string AccountKey(string userName, string address) => $"{address}\n{userName}";
    private static string AddressKey(string address) => address;
    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    /// <summary>
    /// ASP.NET Core's rate limiter on the sign-in form's posts (<c>[EnableRateLimiting]</c> on the page): a token bucket
    /// per client address, so a flood costs neither password hashing nor writes. Reading the form is not limited.
    /// </summary>
    public static void AddRateLimiting(RateLimiterOptions limiter, SignInThrottleOptions options)
    {
        limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        limiter.AddPolicy(RateLimitPolicy, http => HttpMethods.IsPost(http.Request.Method)
            ? RateLimitPartition.GetTokenBucketLimiter(ClientAddress(http), _ => new TokenBucketRateLimiterOptions
            {
                // A minute's worth at once, refilled one post at a time (not a whole minute's worth at a tick).
                TokenLimit = options.PostsPerMinutePerAddress,
                TokensPerPeriod = 1,
                ReplenishmentPeriod = TimeSpan.FromMinutes(1) / options.PostsPerMinutePerAddress,
                QueueLimit = 0,
            })
            : RateLimitPartition.GetNoLimiter(""));
        limiter.OnRejected = async (context, cancellationToken) =>
        {
            var http = context.HttpContext;
            http.Response.Headers.RetryAfter = "60";
            http.Response.ContentType = "text/plain; charset=utf-8";
            var text = http.RequestServices.GetRequiredService<Infrastructure.UiText>();
            await http.Response.WriteAsync(text["Login.TooManyPosts"], cancellationToken);
        };
    }

    /// <summary>The client's address as the forwarded-headers middleware left it (the proxy's client, when the proxy is trusted).</summary>
    public static string ClientAddress(HttpContext http)
    {
        var address = http.Connection.RemoteIpAddress;
        if (address is null) return "unknown";
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        var text = address.ToString();
        return text.Length > Data.SignInModel.MaxAddressLength ? text[..Data.SignInModel.MaxAddressLength] : text;
    }
}
