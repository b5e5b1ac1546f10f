using System.Net;
using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Features.Admin;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Tests.Support;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aktivitetsplikt.Web.Tests.Http;

/// <summary>
/// The per-request session check is answered from a short cache (issue 12), yet a change to a user or a session still
/// takes effect on the next request: the cache is emptied when the change commits, not when its entries expire.
/// </summary>
public sealed class SessionCacheTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task ADeactivatedUser_IsRefusedOnTheNextRequest_ThoughTheirSessionCheckWasCached()
    {
        using var client = await app.SignedInAsync("ola.sfo");
        (await client.GetAsync("/saker")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.GetAsync("/saker")).StatusCode.Should().Be(HttpStatusCode.OK, "the second request is checked from the cache");

        await AsAdminAsync(async (db, mediator) => await mediator.Send(new DeactivateUser.Command(await app.UserIdAsync("ola.sfo"))));

        var refused = await client.GetAsync("/saker");
        refused.StatusCode.Should().Be(HttpStatusCode.Redirect);
        refused.Headers.Location!.OriginalString.Should().Contain("/logg-inn");
    }

    [Fact]
    public async Task AUserWhoseRoleChanged_LosesTheOldAccessOnTheNextRequest()
    {
        using var client = await app.SignedInAsync("nina.laerer");
        (await client.GetAsync("/saker")).StatusCode.Should().Be(HttpStatusCode.OK);

        await AsAdminAsync(async (db, mediator) =>
        {
            var nina = await db.Users.AsNoTracking().SingleAsync(u => u.UserName == "nina.laerer");
            await mediator.Send(new ChangeUserRole.Command(nina.Id, Role.Principal, nina.SchoolId));
        });

        var refused = await client.GetAsync("/saker");
        refused.StatusCode.Should().Be(HttpStatusCode.Redirect);
        refused.Headers.Location!.OriginalString.Should().Contain("/logg-inn");
    }

    private async Task AsAdminAsync(Func<AppDbContext, IMediator, Task> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var admin = await db.Users.AsNoTracking().SingleAsync(u => u.UserName == "arne.admin");
        scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAs(admin);
        await work(db, scope.ServiceProvider.GetRequiredService<IMediator>());
    }
}

/// <summary>The cache itself: what it may answer and for how long (the bound another app instance relies on).</summary>
public sealed class SessionCacheEntryTests
{
    private static readonly SessionState Open = new(Guid.NewGuid(), new DateTime(2026, 11, 18, 8, 0, 0, DateTimeKind.Utc), true, Role.Principal, Guid.NewGuid());

    [Fact]
    public void AnEntryReadBeforeAChange_IsNotKept()
    {
        var cache = new SessionCache(new TestClock(TestApp.Start));
        var session = Guid.NewGuid();
        var readUnder = cache.Generation;

        cache.Invalidate(); // a user or session was saved while the check was reading
        cache.Store(session, Open, readUnder);

        cache.TryGet(session, Open.UserId, out _).Should().BeFalse();
    }

    [Fact]
    public void AnEntry_IsAnsweredForItsLifetimeAtMost_ThenReadAgain()
    {
        var clock = new TestClock(TestApp.Start);
        var cache = new SessionCache(clock);
        var session = Guid.NewGuid();
        cache.Store(session, Open, cache.Generation);

        cache.TryGet(session, Open.UserId, out var cached).Should().BeTrue();
        cached.Should().Be(Open);
        cache.TryGet(session, Guid.NewGuid(), out _).Should().BeFalse("the entry is for its own user only");
        clock.Advance(SessionCache.Lifetime);
        cache.TryGet(session, Open.UserId, out _).Should().BeFalse("an instance that did not see the change reads the database again after the lifetime");
    }
}
