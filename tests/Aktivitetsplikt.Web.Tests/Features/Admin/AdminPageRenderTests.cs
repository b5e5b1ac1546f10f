using System.Globalization;
using AngleSharp.Html.Parser;
using Aktivitetsplikt.Domain.Organisation;
using Aktivitetsplikt.Web.Features.Admin;
using Aktivitetsplikt.Web.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Aktivitetsplikt.Web.Tests.Features.Admin;

public sealed class AdminPageRenderTests
{
    [Fact]
    public async Task AdminPage_ShowsTheOwnSchoolsUsersAndDeadlineRoutine_InBokmaal()
    {
        await using var f = await AdminFixture.CreateAsync(services => services.AddScoped<NavigationManager, StaticNavigationManager>());
        await f.SendAs(f.Admin, new DeactivateUser.Command(f.Staff.Id));

        var page = new HtmlParser().ParseDocument(await RenderAsync<AdminPage>(f, f.Admin, "nb-NO"));

        page.QuerySelector("h1")!.TextContent.Should().Be("Administrasjon");
        page.QuerySelector("[data-testid=school-owner]")!.TextContent.Should().Be("Nordvik kommune");
        var schools = page.QuerySelectorAll("[data-testid=schools] tbody tr").Select(r => r.QuerySelector("th")!.TextContent).ToList();
        schools.Should().Equal("Nordvik skole", "Sjøkanten ungdomsskole");
        page.QuerySelector("[data-testid=schools]")!.TextContent.Should().NotContain("Sørvik");

        var users = page.QuerySelectorAll("[data-testid=users] tbody tr").ToDictionary(r => r.GetAttribute("data-user")!);
        users.Keys.Should().BeEquivalentTo("arne.admin", "kari.laerer", "randi.rektor", "siri.9a");
        users["kari.laerer"].TextContent.Should().Contain("Ansatt").And.Contain("Nordvik skole").And.Contain("Deaktivert");
        users["siri.9a"].TextContent.Should().Contain("Skoleeiers § 9A-team").And.Contain("Aktiv");
        users["kari.laerer"].QuerySelector("a")!.GetAttribute("href").Should().Be($"/admin/brukere/{f.Staff.Id}");

        page.QuerySelector("[data-testid=deadlines]")!.TextContent.Should().Contain("3 skoledager").And.Contain("§ 12-5: skoleeier varslet").And.Contain("straks").And.Contain("24 timer");
        page.QuerySelectorAll("a").Select(a => a.GetAttribute("href"))
            .Should().Contain(new[] { "/admin/brukere/ny", "/admin/skoler/ny", "/admin/elever/ny", "/admin/frister" });
        page.Body!.TextContent.Should().NotContain("Admin.", "every text key resolves");
    }

    [Fact]
    public async Task AdminPage_InNynorsk_ResolvesEveryText()
    {
        await using var f = await AdminFixture.CreateAsync(services => services.AddScoped<NavigationManager, StaticNavigationManager>());

        var page = new HtmlParser().ParseDocument(await RenderAsync<AdminPage>(f, f.Admin, "nn-NO"));

        page.QuerySelector("#users-heading")!.TextContent.Should().Be("Brukarar");
        page.Body!.TextContent.Should().NotContain("Admin.");
    }

    [Theory]
    [InlineData("UserPage")]
    [InlineData("NewUserPage")]
    [InlineData("NewPupilPage")]
    [InlineData("DeadlinePolicyPage")]
    [InlineData("SchoolPage")]
    public async Task FormPage_GivesEveryFieldALabel(string pageName)
    {
        await using var f = await AdminFixture.CreateAsync(services => services.AddScoped<NavigationManager, StaticNavigationManager>());
        var type = typeof(AdminPage).Assembly.GetType($"Aktivitetsplikt.Web.Features.Admin.{pageName}")!;
        var parameters = pageName == "UserPage" ? new Dictionary<string, object?> { ["UserId"] = f.Staff.Id } : new Dictionary<string, object?>();

        var page = new HtmlParser().ParseDocument(await RenderAsync(type, f, f.Admin, "nb-NO", parameters));

        var fields = page.QuerySelectorAll("input:not([type=hidden]), select, textarea").ToList();
        fields.Should().NotBeEmpty();
        foreach (var field in fields)
        {
            field.Id.Should().NotBeNullOrEmpty();
            page.QuerySelector($"label[for='{field.Id}']").Should().NotBeNull($"the field {field.Id} needs a label");
        }
        page.Body!.TextContent.Should().NotContain("Admin.");
    }

    [Fact]
    public async Task UserPage_ForAnotherSchoolOwnersUser_ShowsNotFoundAndNoForm()
    {
        await using var f = await AdminFixture.CreateAsync(services => services.AddScoped<NavigationManager, StaticNavigationManager>());

        var page = new HtmlParser().ParseDocument(await RenderAsync(typeof(UserPage), f, f.Admin, "nb-NO",
            new Dictionary<string, object?> { ["UserId"] = f.OtherStaff.Id }));

        page.QuerySelector("h1")!.TextContent.Should().Be("Fant ikke det du så etter");
        page.QuerySelectorAll("form").Should().BeEmpty();
        page.Body!.TextContent.Should().NotContain(f.OtherStaff.UserName);
    }

    private static Task<string> RenderAsync<TComponent>(AdminFixture f, UserAccount user, string culture) where TComponent : IComponent =>
        RenderAsync(typeof(TComponent), f, user, culture, new Dictionary<string, object?>());

    private static async Task<string> RenderAsync(Type component, AdminFixture f, UserAccount user, string culture, Dictionary<string, object?> parameters)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo(culture);
        try
        {
            using var scope = f.Services.CreateScope();
            scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAs(user);
            await using var renderer = new HtmlRenderer(scope.ServiceProvider, scope.ServiceProvider.GetRequiredService<ILoggerFactory>());
            return await renderer.Dispatcher.InvokeAsync(async () =>
                (await renderer.RenderComponentAsync(component, ParameterView.FromDictionary(parameters))).ToHtmlString());
        }
        finally
        {
            CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = previous;
        }
    }

    /// <summary>The pages inject NavigationManager for their redirect after a post; a render needs only its existence.</summary>
    private sealed class StaticNavigationManager : NavigationManager
    {
        public StaticNavigationManager() => Initialize("http://localhost/", "http://localhost/admin");
    }
}
