using System.Net;
using Microsoft.EntityFrameworkCore;

namespace Aktivitetsplikt.Web.Tests.Http;

/// <summary>
/// Every page × every role, over HTTP. The two demo cases: Emma's at Nordvik (reported by
/// kari.laerer) and Ingrid's at Sjøkanten (reported by nina.laerer). Staff see only the cases they
/// reported or hold a measure in; a principal sees their own school; the § 9A team all schools of
/// their school owner; the administrator no cases.
/// </summary>
public sealed class AccessMatrixTests : IClassFixture<AppFactory>
{
    /// <summary>What the server answers: the page, the sign-in page, the no-access page, or "not found or no access" (404).</summary>
    public enum Expect { Page, SignIn, NoAccess, NotFound }

    private const string Anonymous = "(anonym)";
    internal static readonly string[] Pages = { "/", "/meld", "/saker", "nordvik-sak", "sjokanten-sak", "nordvik-logg", "sjokanten-logg", "/oversikt", "/admin" };

    private static readonly Dictionary<string, Expect[]> Matrix = new()
    {
        //                         /            /meld            /saker           nordvik-sak      sjøkanten-sak    nordvik-logg     sjøkanten-logg   /oversikt        /admin
        [Anonymous] = new[] { Expect.SignIn, Expect.SignIn, Expect.SignIn, Expect.SignIn, Expect.SignIn, Expect.SignIn, Expect.SignIn, Expect.SignIn, Expect.SignIn },
        ["kari.laerer"] = new[] { Expect.Page, Expect.Page, Expect.Page, Expect.Page, Expect.NotFound, Expect.NotFound, Expect.NotFound, Expect.NoAccess, Expect.NoAccess },
        ["ola.sfo"] = new[] { Expect.Page, Expect.Page, Expect.Page, Expect.NotFound, Expect.NotFound, Expect.NotFound, Expect.NotFound, Expect.NoAccess, Expect.NoAccess },
        ["nina.laerer"] = new[] { Expect.Page, Expect.Page, Expect.Page, Expect.NotFound, Expect.Page, Expect.NotFound, Expect.NotFound, Expect.NoAccess, Expect.NoAccess },
        ["randi.rektor"] = new[] { Expect.Page, Expect.Page, Expect.Page, Expect.Page, Expect.NotFound, Expect.Page, Expect.NotFound, Expect.NoAccess, Expect.NoAccess },
        ["per.rektor"] = new[] { Expect.Page, Expect.Page, Expect.Page, Expect.NotFound, Expect.Page, Expect.NotFound, Expect.Page, Expect.NoAccess, Expect.NoAccess },
        ["siri.9a"] = new[] { Expect.Page, Expect.NoAccess, Expect.Page, Expect.Page, Expect.Page, Expect.Page, Expect.Page, Expect.Page, Expect.NoAccess },
        ["arne.admin"] = new[] { Expect.Page, Expect.NoAccess, Expect.NoAccess, Expect.NoAccess, Expect.NoAccess, Expect.NoAccess, Expect.NoAccess, Expect.NoAccess, Expect.Page },
    };

    /// <summary>The privacy (GDPR art. 15) and archive pages: only the school owner's § 9A team.</summary>
    internal static readonly string[] TeamOnlyPages = { "/personvern", "/arkiv" };

    private readonly AppFactory _app;

    public AccessMatrixTests(AppFactory app) => _app = app;

    public static TheoryData<string, string, Expect> Rows()
    {
        var data = new TheoryData<string, string, Expect>();
        foreach (var (user, expectations) in Matrix)
            for (var i = 0; i < Pages.Length; i++) data.Add(user, Pages[i], expectations[i]);
        foreach (var user in Matrix.Keys)
            foreach (var page in TeamOnlyPages)
                data.Add(user, page, user == Anonymous ? Expect.SignIn : user == "siri.9a" ? Expect.Page : Expect.NoAccess);
        return data;
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task Page_AnswersEachRoleAsExpected(string user, string page, Expect expected)
    {
        using var client = _app.NewClient();
        if (user != Anonymous) await client.SignInOrFailAsync(user);
        var url = await UrlAsync(page);

        var response = await client.GetAsync(url);

        switch (expected)
        {
            case Expect.Page:
                response.Status.Should().Be(HttpStatusCode.OK, $"{user} may open {url}");
                response.Find("h1").Should().NotBeNull();
                response.Text.Should().NotContain("Fant ikke siden, eller du har ikke tilgang");
                break;
            case Expect.SignIn:
                response.Status.Should().Be(HttpStatusCode.Redirect, $"{user} must sign in before {url}");
                response.LocationPath.Should().Be("/logg-inn");
                response.Location.Should().Contain("ReturnUrl=" + Uri.EscapeDataString(url));
                break;
            case Expect.NoAccess:
                response.Status.Should().Be(HttpStatusCode.Redirect, $"the role of {user} may not open {url}");
                response.LocationPath.Should().Be("/ingen-tilgang");
                var noAccess = await client.FollowAsync(response);
                noAccess.Get("h1").TextContent.Should().Be("Fant ikke siden, eller du har ikke tilgang");
                break;
            case Expect.NotFound:
                response.Status.Should().Be(HttpStatusCode.NotFound, $"{url} is outside what {user} needs to know");
                response.Get("h1").TextContent.Should().Be("Fant ikke siden, eller du har ikke tilgang");
                response.Text.Should().NotContain("Ingrid").And.NotContain("Emma", "nothing of the case is shown");
                break;
        }
    }

    /// <summary>
    /// The pupil register and the necessity records (issue 14): the pupil pages and the import are the administrator's; the
    /// necessity records are read by staff, principals and the § 9A team, and written by staff and principals.
    /// </summary>
    public static TheoryData<string, string, Expect> PupilAndNecessityRows()
    {
        string[] pages = ["/admin/elever", "/admin/elever/import", "/nodrett", "/nodrett/ny"];
        var matrix = new Dictionary<string, Expect[]>
        {
            [Anonymous] = [Expect.SignIn, Expect.SignIn, Expect.SignIn, Expect.SignIn],
            ["kari.laerer"] = [Expect.NoAccess, Expect.NoAccess, Expect.Page, Expect.Page],
            ["randi.rektor"] = [Expect.NoAccess, Expect.NoAccess, Expect.Page, Expect.Page],
            ["siri.9a"] = [Expect.NoAccess, Expect.NoAccess, Expect.Page, Expect.NoAccess],
            ["arne.admin"] = [Expect.Page, Expect.Page, Expect.NoAccess, Expect.NoAccess],
        };
        var data = new TheoryData<string, string, Expect>();
        foreach (var (user, expectations) in matrix)
            for (var i = 0; i < pages.Length; i++) data.Add(user, pages[i], expectations[i]);
        return data;
    }

    [Theory]
    [MemberData(nameof(PupilAndNecessityRows))]
    public Task PupilAndNecessityPage_AnswersEachRoleAsExpected(string user, string page, Expect expected) =>
        Page_AnswersEachRoleAsExpected(user, page, expected);

    /// <summary>
    /// The pupil signed in with Feide (ADR 021; Jakob, 6A, whose school lets grade 6 and up in): every staff page is closed,
    /// the family's list and their own case open, another pupil's case the same 404 as any case outside scope.
    /// </summary>
    public static TheoryData<string, Expect> PupilRows()
    {
        var data = new TheoryData<string, Expect>();
        foreach (var page in Pages.Concat(TeamOnlyPages).Concat(["/admin/elever", "/nodrett", "/varsler", "/statistikk"]))
            data.Add(page, Expect.NoAccess);
        data.Add("/familie", Expect.Page);
        data.Add("jakob-familiesak", Expect.Page);
        data.Add("emma-familiesak", Expect.NotFound);
        data.Add("ingrid-familiesak", Expect.NotFound);
        return data;
    }

    [Theory]
    [MemberData(nameof(PupilRows))]
    public async Task Page_AnswersThePupilAsExpected(string page, Expect expected)
    {
        using var client = await _app.NewPupilClientAsync();
        var url = page switch
        {
            "jakob-familiesak" => $"/familie/sak/{await _app.CaseOfPupilAsync("Jakob")}",
            "emma-familiesak" => $"/familie/sak/{await _app.CaseOfPupilAsync("Emma")}",
            "ingrid-familiesak" => $"/familie/sak/{await _app.CaseOfPupilAsync("Ingrid")}",
            _ => await UrlAsync(page),
        };

        var response = await client.GetAsync(url);

        switch (expected)
        {
            case Expect.Page:
                response.Status.Should().Be(HttpStatusCode.OK, $"the pupil may open {url}");
                response.Text.Should().NotContain("Fant ikke siden, eller du har ikke tilgang");
                break;
            case Expect.NoAccess:
                response.Status.Should().Be(HttpStatusCode.Redirect, $"a pupil may not open {url}");
                response.LocationPath.Should().Be("/ingen-tilgang");
                break;
            case Expect.NotFound:
                response.Status.Should().Be(HttpStatusCode.NotFound, $"{url} is not the pupil's own case");
                response.Text.Should().NotContain("Ingrid").And.NotContain("Emma", "nothing of the case is shown");
                break;
        }
    }

    [Fact]
    public async Task CaseOutsideScope_Is404_AndTheAttemptIsAuditedAsAccessRefused()
    {
        var ingrid = await _app.CaseOfPupilAsync("Ingrid");
        var kari = await _app.UserIdAsync("kari.laerer");
        using var client = _app.NewClient();
        await client.SignInOrFailAsync("kari.laerer");
        var before = await RefusalsAsync(kari, ingrid);

        var response = await client.GetAsync($"/saker/{ingrid}");

        response.Status.Should().Be(HttpStatusCode.NotFound);
        response.Text.Should().Contain("Forsøket er logget.");
        var after = await RefusalsAsync(kari, ingrid);
        after.Should().HaveCount(before.Count + 1);
        after.Last().Should().Contain("\"exists\":true").And.Contain("GetCaseDetail");
    }

    [Fact]
    public async Task AuditLogOfACaseTheStaffMemberReported_Is404_AndTheAttemptIsAuditedAsAccessRefused()
    {
        var emma = await _app.CaseOfPupilAsync("Emma");
        var kari = await _app.UserIdAsync("kari.laerer");
        using var client = _app.NewClient();
        await client.SignInOrFailAsync("kari.laerer");
        var before = await RefusalsAsync(kari, emma);

        var response = await client.GetAsync($"/saker/{emma}/logg");

        response.Status.Should().Be(HttpStatusCode.NotFound, "staff may not read the audit log, and the answer says no more than that");
        response.Text.Should().Contain("Forsøket er logget.");
        var after = await RefusalsAsync(kari, emma);
        after.Should().HaveCount(before.Count + 1);
        after.Last().Should().Contain("GetAuditTrail");
    }

    [Fact]
    public async Task CaseThatDoesNotExist_LooksTheSameAsOneOutsideScope_AndIsAudited()
    {
        var randi = await _app.UserIdAsync("randi.rektor");
        var missing = Guid.NewGuid();
        using var client = _app.NewClient();
        await client.SignInOrFailAsync("randi.rektor");

        var response = await client.GetAsync($"/saker/{missing}");

        response.Status.Should().Be(HttpStatusCode.NotFound);
        response.Get("h1").TextContent.Should().Be("Fant ikke siden, eller du har ikke tilgang");
        var logged = await _app.QueryAsync(db => db.AuditEntries.Where(a => a.Action == "AccessRefused" && a.UserId == randi && a.Details.Contains(missing.ToString()))
            .Select(a => a.Details).ToListAsync());
        logged.Should().ContainSingle().Which.Should().Contain("\"exists\":false");
    }

    [Fact]
    public async Task CaseWhereLeadershipIsSuspected_IsHiddenFromThePrincipal_ButNotFromTheSchoolOwnerTeam()
    {
        var oskar = await _app.CaseOfPupilAsync("Oskar");
        using var principal = _app.NewClient();
        await principal.SignInOrFailAsync("per.rektor");
        using var team = _app.NewClient();
        await team.SignInOrFailAsync("siri.9a");

        (await principal.GetAsync($"/saker/{oskar}")).Status.Should().Be(HttpStatusCode.NotFound);
        (await team.GetAsync($"/saker/{oskar}")).Status.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task UnknownPage_Is404_WithTheNorwegianPage()
    {
        using var client = _app.NewClient();
        await client.SignInOrFailAsync("randi.rektor");

        var response = await client.GetAsync("/finnes-ikke");

        response.Status.Should().Be(HttpStatusCode.NotFound);
        response.Get("h1").TextContent.Should().Be("Fant ikke siden, eller du har ikke tilgang");
    }

    /// <summary>An attachment of a case answers each role as the case page does: the file where the case is visible, 404 elsewhere.</summary>
    [Theory]
    [MemberData(nameof(AttachmentRows))]
    public async Task AttachmentOfACase_AnswersEachRoleAsItsCasePageDoes(string user, string page, Expect expected)
    {
        var caseId = await _app.CaseOfPupilAsync(page == "nordvik-sak" ? "Emma" : "Ingrid");
        var attachmentId = await AttachmentOfAsync(caseId);
        using var client = _app.NewClient();
        if (user != Anonymous) await client.SignInOrFailAsync(user);

        var response = await client.GetAsync($"/saker/{caseId}/vedlegg/{attachmentId}");

        var status = expected switch
        {
            Expect.Page => HttpStatusCode.OK,
            Expect.SignIn => HttpStatusCode.Redirect,
            _ => HttpStatusCode.NotFound,
        };
        response.Status.Should().Be(status, $"{user} and the attachment of {page}");
        if (expected is Expect.NotFound or Expect.NoAccess) response.Text.Should().NotContain("bevis.png");
    }

    public static TheoryData<string, string, Expect> AttachmentRows()
    {
        var data = new TheoryData<string, string, Expect>();
        foreach (var (user, expectations) in Matrix)
            foreach (var page in new[] { "nordvik-sak", "sjokanten-sak" })
                data.Add(user, page, expectations[Array.IndexOf(Pages, page)]);
        return data;
    }

    private async Task<Guid> AttachmentOfAsync(Guid caseId)
    {
        var existing = await _app.QueryAsync(db => db.CaseAttachments.Where(a => a.CaseId == caseId).Select(a => (Guid?)a.Id).FirstOrDefaultAsync());
        if (existing is { } id) return id;
        var principal = await _app.SignedInAsync(await _app.QueryAsync(db => db.Cases.Where(c => c.Id == caseId)
            .Join(db.Users.Where(u => u.Role == Domain.Cases.Role.Principal), c => c.SchoolId, u => u.SchoolId, (_, u) => u.UserName).FirstAsync()));
        var upload = await Features.Evidence.AttachmentEndpointsTests.UploadAsync(principal, caseId, "bevis.png", Features.Evidence.TestFiles.Png());
        upload.StatusCode.Should().Be(HttpStatusCode.Redirect);
        return await _app.QueryAsync(db => db.CaseAttachments.Where(a => a.CaseId == caseId).Select(a => a.Id).FirstAsync());
    }

    private Task<List<string>> RefusalsAsync(Guid userId, Guid caseId) =>
        _app.QueryAsync(db => db.AuditEntries.Where(a => a.Action == "AccessRefused" && a.UserId == userId && a.CaseId == caseId)
            .OrderBy(a => a.Sequence).Select(a => a.Details).ToListAsync());

    private Task<string> UrlAsync(string page) => UrlAsync(_app, page);

    /// <summary>The URL of one of <see cref="Pages"/> in this app's demo data.</summary>
    internal static async Task<string> UrlAsync(AppFactory app, string page) => page switch
    {
        "nordvik-sak" => $"/saker/{await app.CaseOfPupilAsync("Emma")}",
        "sjokanten-sak" => $"/saker/{await app.CaseOfPupilAsync("Ingrid")}",
        "nordvik-logg" => $"/saker/{await app.CaseOfPupilAsync("Emma")}/logg",
        "sjokanten-logg" => $"/saker/{await app.CaseOfPupilAsync("Ingrid")}/logg",
        _ => page,
    };
}
