using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Aktivitetsplikt.Web.Infrastructure;

/// <summary>
/// The database could not answer in time (SQLite's write lock held past its timeout, PostgreSQL's connections exhausted or
/// starved): the request is answered 503 with <c>Retry-After</c> and a short Norwegian page instead of a 500. Nothing of the
/// request was saved (its transaction never committed), and what was saved before is untouched; the user is told both.
/// A load balancer or a person can retry. Any other exception goes on to the error page as before.
/// </summary>
public static class StorageBusy
{
    /// <summary>Seconds a client is asked to wait before trying again.</summary>
    public const int RetryAfterSeconds = 10;

    /// <summary>Whether the exception, or one it wraps, says the database was busy or out of reach for now.</summary>
    public static bool Is(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case TimeoutException:
                case SqliteException { SqliteErrorCode: 5 or 6 }: // SQLITE_BUSY, SQLITE_LOCKED
                case NpgsqlException { IsTransient: true }:
                    return true;
                case AggregateException aggregate when aggregate.InnerExceptions.Any(Is):
                    return true;
                case DbException { IsTransient: true }:
                    return true;
            }
        }
        return false;
    }

    /// <summary>After request localisation (the page is in the user's language), before the endpoints.</summary>
    public static WebApplication UseStorageBusyAnswer(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            catch (Exception exception) when (Is(exception) && !context.Response.HasStarted)
            {
                context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(StorageBusy).FullName!)
                    .LogWarning(exception, "The database was busy; {Method} {Path} answered 503", context.Request.Method, context.Request.Path);
                var text = context.RequestServices.GetRequiredService<UiText>();
                context.Response.Clear();
                context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                context.Response.Headers.CacheControl = "no-store";
                await PlainPage.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, text["Error.BusyTitle"], text["Error.BusyTitle"],
                    text.Format("Error.Busy", RetryAfterSeconds), context.Request.PathBase + context.Request.Path, text["Error.TryAgain"]);
            }
        });
        return app;
    }
}
