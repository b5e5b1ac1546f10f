using System.Net;
using System.Threading.RateLimiting;
using Aktivitetsplikt.Web.Features.Account;
using Aktivitetsplikt.Web.Infrastructure;
using Microsoft.AspNetCore.RateLimiting;

namespace Aktivitetsplikt.Web.Features.SiFra;

/// <summary>
/// Rate limits of the public "si fra" pages per client address (ASP.NET Core token buckets, like the sign-in limiter):
/// messages sent, and every request to a status page (GET and POST), so codes cannot be tried in bulk. A whole class
/// may write from one school network at once, hence a bucket rather than a strict per-minute limit. Configuration:
/// <c>SiFra:RateLimits</c>. Over the limit: 429 with a Norwegian page.
/// </summary>
public sealed class SiFraLimits
{
    public const string Section = "SiFra:RateLimits";
    public const string SendPolicy = "si-fra";
    public const string StatusPolicy = "si-fra-status";

    /// <summary>Messages one address may send at once; the bucket then refills to this many an hour.</summary>
    public int MessagesPerHourPerAddress { get; set; } = 30;
    /// <summary>Status page requests (looking up or adding to a receipt) one address may make at once; refilled to this many an hour.</summary>
    public int StatusRequestsPerHourPerAddress { get; set; } = 60;

    public void AddRateLimiting(RateLimiterOptions limiter)
    {
        limiter.AddPolicy(SendPolicy, http => HttpMethods.IsPost(http.Request.Method)
            ? Bucket(http, "send", MessagesPerHourPerAddress)
            : RateLimitPartition.GetNoLimiter(""));
        limiter.AddPolicy(StatusPolicy, http => Bucket(http, "status", StatusRequestsPerHourPerAddress));

        var previous = limiter.OnRejected;
        limiter.OnRejected = async (context, cancellationToken) =>
        {
            var http = context.HttpContext;
            if (!http.Request.Path.StartsWithSegments("/si-fra"))
            {
                if (previous is not null) await previous(context, cancellationToken);
                return;
            }
            http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            http.Response.Headers.RetryAfter = "600";
            http.Response.ContentType = "text/html; charset=utf-8";
            var text = http.RequestServices.GetRequiredService<UiText>();
            var lang = System.Globalization.CultureInfo.CurrentUICulture.Name == "nn-NO" ? "nn" : "nb";
            string H(string key) => WebUtility.HtmlEncode(text[key]);
            await http.Response.WriteAsync(
                $"<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1.0\">"
                + $"<title>{H("SiFra.TooMany.Title")}</title></head><body><main><h1>{H("SiFra.TooMany.Title")}</h1><p>{H("SiFra.TooMany.Text")}</p>"
                + $"<p>{H("SiFra.TooMany.Urgent")}</p><p><a href=\"/si-fra\">{H("SiFra.TooMany.Back")}</a></p></main></body></html>", cancellationToken);
        };
    }

    private static RateLimitPartition<string> Bucket(HttpContext http, string what, int perHour) =>
        RateLimitPartition.GetTokenBucketLimiter($"{what}:{SignInThrottle.ClientAddress(http)}", _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = perHour,
            TokensPerPeriod = 1,
            ReplenishmentPeriod = TimeSpan.FromHours(1) / perHour,
            QueueLimit = 0,
        });
}
