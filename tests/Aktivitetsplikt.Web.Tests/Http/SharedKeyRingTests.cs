using System.Net;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Features.Demo;
using Aktivitetsplikt.Web.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aktivitetsplikt.Web.Tests.Http;

/// <summary>
/// The data-protection key ring lives in the database (ADR 014): two app hosts on one database read each other's sign-in
/// cookies and antiforgery tokens, as two instances behind a load balancer must; keys from an earlier version's key folder
/// are carried over once.
/// </summary>
public sealed class SharedKeyRingTests
{
    [Fact]
    public async Task ACookieAndAFormTokenFromOneInstance_AreAcceptedByASecondInstanceOnTheSameDatabase()
    {
        await using var first = new AppFactory();
        using var warmUp = first.CreateClient();
        await using var second = new AppFactory();
        second.ShareDatabaseWith(first);
        var jar = new CookieContainer();
        using var one = Client(first, jar);
        using var two = Client(second, jar);

        // The sign-in form (antiforgery cookie and token) from the first, posted to the second.
        var form = await one.GetStringAsync("/logg-inn");
        using var signIn = await two.PostAsync("/logg-inn", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = AppFactory.Field(form, "_handler"),
            ["__RequestVerificationToken"] = AppFactory.Field(form, "__RequestVerificationToken"),
            ["Form.UserName"] = "randi.rektor",
            ["Form.Password"] = DemoData.Password,
        }));
        signIn.StatusCode.Should().Be(HttpStatusCode.Redirect, "the second instance accepts the first one's antiforgery token");
        signIn.Headers.Location!.OriginalString.Should().NotContain("logg-inn");

        // The sign-in cookie the second issued, read by the first.
        foreach (var client in new[] { one, two })
        {
            using var cases = await client.GetAsync("/saker");
            cases.StatusCode.Should().Be(HttpStatusCode.OK, "either instance reads the cookie");
            (await cases.Content.ReadAsStringAsync()).Should().Contain("Randi");
        }

        Directory.Exists(Path.Combine(first.DataFolder, "keys")).Should().BeFalse("no instance keeps a key ring of its own");
        (await first.QueryAsync(db => db.DataProtectionKeys.CountAsync())).Should().Be(1, "the second instance used the key the first made");
    }

    [Fact]
    public async Task KeysFromAnEarlierVersionsKeyFolder_AreCopiedIntoTheDatabaseOnce_AndStillReadWhatTheyProtected()
    {
        await using var app = new AppFactory();
        var folder = Path.Combine(app.DataFolder, "keys");
        Directory.CreateDirectory(folder);
        // What the earlier version did: its key ring in files, under the same application name.
        var earlier = DataProtectionProvider.Create(new DirectoryInfo(folder), b => b.SetApplicationName("Aktivitetsplikt"));
        var protectedEarlier = earlier.CreateProtector("test").Protect("issued before the upgrade");
        var files = Directory.GetFiles(folder, "key-*.xml");
        files.Should().ContainSingle();

        using (app.CreateClient()) { }

        var keys = await app.QueryAsync(db => db.DataProtectionKeys.AsNoTracking().ToListAsync());
        keys.Should().ContainSingle(k => k.FriendlyName == Path.GetFileNameWithoutExtension(files[0]), "the file's key is in the database");
        app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(protectedEarlier)
            .Should().Be("issued before the upgrade");
        using (var scope = app.Services.CreateScope())
            (await KeyRingProtection.ImportFileKeysAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), folder, CancellationToken.None))
                .Should().Be(0, "a restart copies nothing twice");
    }

    private static HttpClient Client(AppFactory app, CookieContainer jar) =>
        app.FromAddress(app.CreateDefaultClient(new Uri("http://localhost"), new CookieContainerHandler(jar)), "10.9.9.9");
}
