using System.Data.Common;
using System.Net;
using Aktivitetsplikt.Web.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Aktivitetsplikt.Web.Tests.Http;

/// <summary>
/// When the database cannot answer in time (SQLite's lock held past its timeout; PostgreSQL's pool exhausted or starved, as
/// the two-instance load run saw at 64 clients), a page answers 503 with Retry-After and a Norwegian page saying nothing was
/// saved, never a 500 or a stack trace; the next request after the outage is served as usual.
/// </summary>
public sealed class StorageBusyTests
{
    [Theory]
    [InlineData("nb-NO", "Tjenesten har mye å gjøre akkurat nå", "ingenting av det du sendte ble lagret")]
    [InlineData("nn-NO", "Tenesta har mykje å gjere akkurat no", "ingenting av det du sende, vart lagra")]
    public async Task WhileTheDatabaseIsBusy_APageAnswers503WithRetryAfter_InTheUsersLanguage_AndAfterwardsAsUsual(string culture, string title, string saved)
    {
        var outage = new SimulatedOutage();
        await using var app = new AppFactory { TestServices = services => services.AddSingleton<IInterceptor>(outage) };
        using var client = await app.SignedInAsync("randi.rektor", culture);

        outage.Busy = true;
        using (var busy = await client.GetAsync("/saker"))
        {
            var body = await busy.Content.ReadAsStringAsync();
            busy.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
            busy.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(10));
            busy.Headers.CacheControl!.NoStore.Should().BeTrue();
            body.Should().Contain(title).And.Contain(saved);
            body.Should().NotContain("Exception").And.NotContain(" at Aktivitetsplikt", "no stack trace reaches the user");
        }

        outage.Busy = false;
        using var after = await client.GetAsync("/saker");
        after.StatusCode.Should().Be(HttpStatusCode.OK, "the outage is over and nothing was left broken");
    }

    /// <summary>Throws what each provider throws when the database does not answer in time, while <see cref="Busy"/>.</summary>
    private sealed class SimulatedOutage : DbCommandInterceptor
    {
        public volatile bool Busy;

        private void ThrowIfBusy()
        {
            if (!Busy) return;
            throw TestDatabase.OnPostgreSql
                ? new NpgsqlException("The operation has timed out", new TimeoutException())
                : new SqliteException("SQLite Error 5: 'database is locked'.", 5);
        }

        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            ThrowIfBusy();
            return result;
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            ThrowIfBusy();
            return ValueTask.FromResult(result);
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            ThrowIfBusy();
            return ValueTask.FromResult(result);
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            ThrowIfBusy();
            return ValueTask.FromResult(result);
        }
    }
}
