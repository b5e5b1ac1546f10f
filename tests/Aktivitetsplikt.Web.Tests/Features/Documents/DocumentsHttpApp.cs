using System.Net;
using System.Text.RegularExpressions;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Features.Demo;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aktivitetsplikt.Web.Tests.Features.Documents;

/// <summary>The app over HTTP with the demo data, as the browser uses the Documents section.</summary>
public sealed class DocumentsHttpApp : WebApplicationFactory<Program>
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"aktivitetsplikt-documents-http-{Guid.NewGuid():N}.db");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Storage:DatabasePath", _path);
        builder.UseSetting("Demo:Enabled", "true");
    }

    public async Task<Guid> CaseOfAsync(string pupilFirstName)
    {
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await (from c in db.Cases join p in db.Pupils on c.PupilId equals p.Id where p.FirstName == pupilFirstName select c.Id).SingleAsync();
    }

    public async Task<HttpClient> SignedInAsync(string userName, string culture = "nb-NO")
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var form = await client.GetStringAsync("/logg-inn");
        var response = await client.PostAsync("/logg-inn", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = Field(form, "_handler"),
            ["__RequestVerificationToken"] = Field(form, "__RequestVerificationToken"),
            ["Form.UserName"] = userName,
            ["Form.Password"] = DemoData.Password,
        }));
        response.StatusCode.Should().Be(HttpStatusCode.Redirect, $"{userName} signs in");
        if (culture != "nb-NO")
        {
            var page = await client.GetStringAsync("/saker");
            (await client.PostAsync("/sprak", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = Field(page, "__RequestVerificationToken"),
                ["culture"] = culture,
                ["returnUrl"] = "/saker",
            }))).StatusCode.Should().Be(HttpStatusCode.Redirect);
        }
        return client;
    }

    /// <summary>Posts a Documents form as the case page renders it: with the page's antiforgery token.</summary>
    public static async Task<HttpResponseMessage> PostDocumentAsync(HttpClient client, Guid caseId, string kind, Dictionary<string, string>? fields = null, bool withToken = true)
    {
        var page = await client.GetStringAsync($"/saker/{caseId}");
        var form = new Dictionary<string, string>(fields ?? new());
        if (withToken) form["__RequestVerificationToken"] = Field(page, "__RequestVerificationToken");
        return await client.PostAsync($"/saker/{caseId}/dokumenter/{kind}", new FormUrlEncodedContent(form));
    }

    public static string Field(string html, string name) =>
        WebUtility.HtmlDecode(Regex.Match(html, $"name=\"{Regex.Escape(name)}\"[^>]*value=\"([^\"]*)\"").Groups[1].Value);

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" })
            if (File.Exists(file)) File.Delete(file);
    }
}
