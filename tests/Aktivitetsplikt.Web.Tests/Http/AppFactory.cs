using System.Net;
using System.Text.RegularExpressions;
using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Features.Cases;
using Aktivitetsplikt.Web.Features.Demo;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Tests.Support;
using MediatR;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aktivitetsplikt.Web.Tests.Http;

/// <summary>
/// The real app in memory, over its own database (a SQLite file in a temp folder, or a PostgreSQL database in the
/// PostgreSQL pass: <see cref="TestDatabase"/>), in Development so the demo data is seeded through the real commands.
/// One per test class; the folder and the database are deleted afterwards.
/// </summary>
public sealed class AppFactory : WebApplicationFactory<Program>
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "aktivitetsplikt-http-" + Guid.NewGuid().ToString("N"));
    private TestDatabase? _database;
    private bool _cleaned;
    private int _clients;

    public string DatabasePath => Path.Combine(_directory, "aktivitetsplikt.db");

    /// <summary>The folder the app keeps its data in (database, key rings, audit anchors).</summary>
    public string DataFolder => _directory;

    /// <summary>Further configuration for the app, set before the first client is made.</summary>
    public Dictionary<string, string?> Settings { get; } = [];

    /// <summary>Services a test adds to the app's own (set before the first client is made).</summary>
    public Action<IServiceCollection>? TestServices { get; set; }

    /// <summary>Makes this app a second instance on <paramref name="first"/>'s database (SQLite file or PostgreSQL database), keeping its own data folder.</summary>
    public void ShareDatabaseWith(AppFactory first)
    {
        first._database ??= TestDatabase.Create("http", first.DatabasePath);
        foreach (var (key, value) in first._database.HostSettings(_directory)) Settings[key] = value;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        _database ??= TestDatabase.Create("http", DatabasePath);
        foreach (var (key, value) in _database.HostSettings(_directory)) builder.UseSetting(key, value);
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
        if (TestServices is { } add) builder.ConfigureTestServices(add);
    }

    /// <summary>
    /// A client that does not follow redirects, so each 302 can be asserted; cookies are kept. Each client comes
    /// from an address of its own (<paramref name="address"/>, or the next free one), as devices do: the sign-in
    /// throttle and rate limit count per client address.
    /// </summary>
    public AppClient NewClient(string? address = null) => new(FromAddress(CreateClient(new WebApplicationFactoryClientOptions
    {
        AllowAutoRedirect = false,
        HandleCookies = true,
        BaseAddress = new Uri("http://localhost"),
    }), address));

    /// <summary>
    /// The in-memory server has no client address of its own, so the forwarded-headers middleware takes the client's
    /// from X-Forwarded-For, as it does from a trusted proxy in production.
    /// </summary>
    public HttpClient FromAddress(HttpClient client, string? address = null)
    {
        var n = Interlocked.Increment(ref _clients);
        client.DefaultRequestHeaders.Add("X-Forwarded-For", address ?? $"10.{n / 65536 % 256}.{n / 256 % 256}.{n % 256}");
        return client;
    }

    /// <summary>
    /// A plain HttpClient signed in as a demo user (cookies kept, redirects not followed), for tests that
    /// read raw responses such as files; in nynorsk when asked.
    /// </summary>
    public async Task<HttpClient> SignedInAsync(string userName, string culture = "nb-NO")
    {
        var client = FromAddress(CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));
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

    /// <summary>
    /// A client signed in as a guardian. Guardians sign in only with ID-porten (the browser tests drive that against the real
    /// provider); here the app's own session row and cookie are made as <c>ExternalSignInService</c> makes them, so the
    /// per-request session check applies as for any sign-in.
    /// </summary>
    public Task<AppClient> NewGuardianClientAsync(string guardianName = "Marte Larsen") => NewExternalClientAsync(guardianName, Role.Guardian);

    /// <summary>A client signed in as a pupil's own account (as Feide would open it, ADR 021): Jakob, 6A, in the demo data.</summary>
    public Task<AppClient> NewPupilClientAsync(string pupilName = "Jakob Larsen") => NewExternalClientAsync(pupilName, Role.Pupil);

    private async Task<AppClient> NewExternalClientAsync(string displayName, Role role)
    {
        const string scheme = Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationDefaults.AuthenticationScheme;
        var session = await QueryAsync(async db =>
        {
            var user = await db.Users.AsNoTracking().SingleAsync(u => u.DisplayName == displayName && u.Role == role);
            var opened = new Web.Features.Account.UserSession(user.Id, Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
            db.UserSessions.Add(opened);
            await db.SaveChangesAsync();
            return (User: user, Id: opened.Id);
        });
        var options = Services.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>>().Get(scheme);
        var cookie = options.TicketDataFormat.Protect(new Microsoft.AspNetCore.Authentication.AuthenticationTicket(AppClaims.For(session.User, session.Id, scheme), scheme));
        var client = FromAddress(CreateClient(new WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false,
            HandleCookies = true,
            BaseAddress = new Uri("http://localhost"),
        }));
        client.DefaultRequestHeaders.Add("Cookie", $"{options.Cookie.Name}={cookie}");
        return new AppClient(client);
    }

    /// <summary>The value of a named form field in rendered HTML.</summary>
    public static string Field(string html, string name) =>
        WebUtility.HtmlDecode(Regex.Match(html, $"name=\"{Regex.Escape(name)}\"[^>]*value=\"([^\"]*)\"").Groups[1].Value);

    /// <summary>Reads the database the app writes, outside any request (no current user).</summary>
    public async Task<T> QueryAsync<T>(Func<AppDbContext, Task<T>> query)
    {
        // Reads of cases reach the audit chain in batches (ReadAuditQueue): what a test reads includes them.
        await Services.GetRequiredService<Aktivitetsplikt.Web.Pipeline.ReadAuditQueue>().FlushAsync(CancellationToken.None);
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await query(db);
    }

    /// <summary>
    /// Logs a concern as the demo user through the app's real pipeline (authorization, validation, transaction,
    /// audit), as the interactive /meld form does. /meld is an interactive component: a plain form post cannot
    /// reach it, so tests that only need a case to exist make it here; the form itself is tested with bUnit.
    /// </summary>
    public async Task<Guid> LogConcernAsync(string userName, string pupilFirstName, string whatHappened, bool notifyPrincipal,
        ConcernLocation location = ConcernLocation.Classroom)
    {
        var pupil = await PupilAtUsersSchoolAsync(userName, pupilFirstName);
        var now = Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var result = await SendAsAsync(userName, new LogConcern.Command(
            pupil, whatHappened, now.AddMinutes(-30), location, null, notifyPrincipal, false, false, false));
        return result.CaseId;
    }

    /// <summary>Records a necessity intervention (nødrett/nødverge) as the user, through the app's real pipeline.</summary>
    public async Task<Guid> RecordNecessityAsync(string userName, string pupilFirstName, string whatHappenedBefore, string whatWasDone)
    {
        var pupil = await PupilAtUsersSchoolAsync(userName, pupilFirstName);
        var name = await QueryAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.DisplayName).SingleAsync());
        var now = Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        return await SendAsAsync(userName, new Aktivitetsplikt.Web.Features.Necessity.RecordNecessity.Command(
            pupil, now.AddHours(-1), "Gangen", name, whatHappenedBefore, whatWasDone, 3, "Ingen", null, now.AddMinutes(-10),
            name, Domain.Necessity.PupilAccountStatus.Declined, null, "Kontaktlærer spurte eleven etter timen.", "Samtale med foreldrene."));
    }

    /// <summary>
    /// Sends a request through the app's real pipeline (authorization, validation, transaction, audit) as the user, in a scope
    /// of its own, as a page of theirs would.
    /// </summary>
    public async Task<T> SendAsAsync<T>(string userName, IRequest<T> request)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAs(await db.Users.AsNoTracking().SingleAsync(u => u.UserName == userName));
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
    }

    /// <summary>The pupil with this first name at the user's school.</summary>
    private Task<Guid> PupilAtUsersSchoolAsync(string userName, string pupilFirstName) =>
        QueryAsync(async db =>
        {
            var school = await db.Users.Where(u => u.UserName == userName).Select(u => u.SchoolId).SingleAsync();
            return await db.Pupils.Where(p => p.FirstName == pupilFirstName && p.SchoolId == school).Select(p => p.Id).SingleAsync();
        });

    public Task<Guid> UserIdAsync(string userName) =>
        QueryAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync());

    /// <summary>The demo case of the pupil with this first name (each demo pupil has one case).</summary>
    public Task<Guid> CaseOfPupilAsync(string firstName) =>
        QueryAsync(async db =>
        {
            var pupil = await db.Pupils.Where(p => p.FirstName == firstName).Select(p => p.Id).SingleAsync();
            return await db.Cases.Where(c => c.PupilId == pupil).Select(c => c.Id).SingleAsync();
        });

    public Task<(Domain.Cases.CaseState State, int Revision, int Entries)> CaseSnapshotAsync(Guid caseId) =>
        QueryAsync(async db =>
        {
            var c = await db.Cases.AsNoTracking().Where(x => x.Id == caseId).Select(x => new { x.State, x.Revision }).SingleAsync();
            var entries = await db.CaseEntries.CountAsync(e => e.CaseId == caseId);
            return (c.State, c.Revision, entries);
        });

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Clean();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Clean();
    }

    private void Clean()
    {
        if (_cleaned) return;
        _cleaned = true;
        _database?.Dispose();
        SqliteConnection.ClearAllPools();
        try
        {
            if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a disposing host; the temp folder is cleaned by the OS.
        }
    }
}
