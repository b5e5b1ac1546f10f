using System.IO.Compression;
using System.Net;
using Aktivitetsplikt.Web.Features.Archive;
using Microsoft.EntityFrameworkCore;

namespace Aktivitetsplikt.Web.Tests.Http;

/// <summary>The pupil export (/personvern) and the archive export (/arkiv) over HTTP with the demo data, as the browser gets them.</summary>
public sealed class ExportsHttpTests(AppFactory app) : IClassFixture<AppFactory>
{
    private async Task<Guid> PupilAsync(string firstName) => await app.QueryAsync(db => db.Pupils.Where(p => p.FirstName == firstName).Select(p => p.Id).SingleAsync());

    [Fact]
    public async Task ThePrivacyPage_FindsThePupil_AndItsLinkDownloadsAZipWithTheDocumentAndTheJson_NotCached()
    {
        using var client = app.NewClient();
        await client.SignInOrFailAsync("siri.9a");
        var page = await client.GetAsync("/personvern?sok=jakob");
        page.Status.Should().Be(HttpStatusCode.OK);
        var link = page.Get("[data-testid=export-pupil]").GetAttribute("href")!;

        var http = await app.SignedInAsync("siri.9a");
        var response = await http.GetAsync(link);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/zip");
        response.Content.Headers.ContentDisposition!.DispositionType.Should().Be("attachment");
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
        using var zip = new ZipArchive(await response.Content.ReadAsStreamAsync());
        zip.Entries.Select(e => e.FullName).Should().BeEquivalentTo(["innsyn.docx", "innsyn.json"]);
        var jakob = await PupilAsync("Jakob");
        (await app.QueryAsync(db => db.AuditEntries.CountAsync(a => a.Action == "ExportPupilData" && a.Details.Contains(jakob.ToString())))).Should().BeGreaterThan(0);
    }

    [Theory]
    [InlineData("kari.laerer")]
    [InlineData("randi.rektor")]
    [InlineData("arne.admin")]
    public async Task ThePupilExport_ForAnyoneButTheTeam_Is403_WithANorwegianSentence(string user)
    {
        var http = await app.SignedInAsync(user);

        var response = await http.GetAsync($"/personvern/elever/{await PupilAsync("Jakob")}/innsyn.zip");

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await response.Content.ReadAsStringAsync()).Should().Be("Bare skoleeierens § 9A-team kan hente ut alt om en elev.");
    }

    [Fact]
    public async Task ThePupilExport_Anonymously_GoesToSignIn()
    {
        using var client = app.NewClient();

        var response = await client.GetAsync($"/personvern/elever/{Guid.NewGuid()}/innsyn.zip");

        response.Status.Should().Be(HttpStatusCode.Redirect);
        response.LocationPath.Should().Be("/logg-inn");
    }

    [Fact]
    public async Task TheArchivePage_RunsTheExportFromItsForm_AndOffersTheZip_WhichOnlyTheTeamMayDownload()
    {
        using var client = app.NewClient();
        await client.SignInOrFailAsync("siri.9a");
        var page = await client.GetAsync("/arkiv");

        var posted = await client.SubmitAsync(page, "archive-export");
        var done = posted.Status == HttpStatusCode.Redirect ? await client.FollowAsync(posted) : posted;

        done.Status.Should().Be(HttpStatusCode.OK);
        done.Get(".ds-alert[data-color=success]").TextContent.Should().Contain("Arkivuttrekket er laget");
        var link = done.Get(".ds-alert[data-color=success] a").GetAttribute("href")!;
        var http = await app.SignedInAsync("siri.9a");
        var response = await http.GetAsync(link);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/zip");
        using (var zip = new ZipArchive(await response.Content.ReadAsStreamAsync()))
            zip.Entries.Select(e => e.FullName).Should().Contain([Noark5Package.StructureFile, Noark5Package.AddmlFile, Noark5Package.ManifestFile]);
        (await app.QueryAsync(db => db.AuditEntries.CountAsync(a => a.Action == "DownloadArchiveExport"))).Should().BeGreaterThan(0);

        var principal = await app.SignedInAsync("randi.rektor");
        (await principal.GetAsync(link)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await http.GetAsync($"/arkiv/uttrekk/{Guid.NewGuid():N}.zip")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
