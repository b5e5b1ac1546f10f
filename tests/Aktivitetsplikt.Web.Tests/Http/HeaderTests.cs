using System.Net;
using System.Text.RegularExpressions;
using Aktivitetsplikt.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Aktivitetsplikt.Web.Tests.Http;

/// <summary>
/// The header every signed-in page renders is kept per user (ADR 027), yet the next page shows a change made in this
/// instance: a new notification raises the badge, opening its case lowers it again.
/// </summary>
public sealed partial class HeaderTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task TheRenderedBadge_RisesWithANewNotification_AndDropsOnTheNextPageOnceTheCaseIsOpened()
    {
        using var principal = await app.SignedInAsync("randi.rektor");
        var before = Badge(await PageAsync(principal, "/saker"));
        Badge(await PageAsync(principal, "/saker")).Should().Be(before, "the kept facts");

        var caseId = await app.LogConcernAsync("kari.laerer", "Sofie", "Sofie ble ertet i gangen.", notifyPrincipal: true);
        Badge(await PageAsync(principal, "/saker")).Should().Be(before + 1, "the concern told the principal");

        (await principal.GetAsync($"/saker/{caseId}")).StatusCode.Should().Be(HttpStatusCode.OK);
        Badge(await PageAsync(principal, "/saker")).Should().Be(before, "opening the case read its notification");
    }

    [Fact]
    public async Task TheHeader_NamesTheUsersOwnSchool_AndBadgesOnlyTheirOwnNotifications()
    {
        using var principal = await app.SignedInAsync("randi.rektor");
        using var teacher = await app.SignedInAsync("kari.laerer");
        var principalBefore = Badge(await PageAsync(principal, "/saker"));
        var teacherBefore = Badge(await PageAsync(teacher, "/saker"));

        await app.LogConcernAsync("kari.laerer", "Sofie", "Sofie satt alene i friminuttet.", notifyPrincipal: true);

        Badge(await PageAsync(teacher, "/saker")).Should().Be(teacherBefore, "the principal was told, not the teacher");
        Badge(await PageAsync(principal, "/saker")).Should().Be(principalBefore + 1);
        var school = await app.QueryAsync(db => (from u in db.Users where u.UserName == "randi.rektor"
                                                  join s in db.Schools on u.SchoolId equals s.Id
                                                  select s.Name).SingleAsync());
        (await PageAsync(principal, "/saker")).Should().Contain($" · {school}");
    }

    private static async Task<string> PageAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return await response.Content.ReadAsStringAsync();
    }

    private static int Badge(string html) => BadgeCount().Match(html) is { Success: true } match ? int.Parse(match.Groups[1].Value) : 0;

    [GeneratedRegex("""class="app-nav__count">(\d+)<""")]
    private static partial Regex BadgeCount();
}
