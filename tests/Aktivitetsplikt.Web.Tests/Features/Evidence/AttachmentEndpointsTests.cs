using System.Net;
using System.Security.Cryptography;
using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Tests.Features.Documents;
using Aktivitetsplikt.Web.Tests.Http;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aktivitetsplikt.Web.Tests.Features.Evidence;

/// <summary>
/// Attachments over HTTP with real files of each kind: uploaded through the case page's form, recognised by content,
/// stored outside the web root by id with their SHA-256 on the timeline, served only through the case's access check
/// with attachment disposition, no-store and nosniff; impostors refused in Norwegian.
/// </summary>
public sealed class AttachmentEndpointsTests(AppFactory app) : IClassFixture<AppFactory>
{
    public static TheoryData<string, string, string> RealFiles => new()
    {
        { "png", "skjermbilde-chat.png", "image/png" },
        { "jpeg", "lapp.jpg", "image/jpeg" },
        { "pdf", "brev-fra-ppt.pdf", "application/pdf" },
        { "docx", "referat.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document" },
    };

    private static byte[] FileOf(string kind) => kind switch
    {
        "png" => TestFiles.Png(),
        "jpeg" => TestFiles.Jpeg(),
        "pdf" => TestFiles.Pdf(),
        "docx" => TestFiles.Docx(),
        "exe-as-pdf" => TestFiles.WindowsExecutable(),
        "elf-as-png" => TestFiles.LinuxExecutable(),
        "zip-as-docx" => TestFiles.PlainZip(),
        "text-as-jpg" => "Dette er ikke et bilde"u8.ToArray(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    [Theory]
    [MemberData(nameof(RealFiles))]
    public async Task ARealFileOfEachKind_IsAttached_StoredOutsideTheWebRootByIdWithItsSha256_AndServedAsADownload(string kind, string fileName, string contentType)
    {
        var jakob = await app.CaseOfPupilAsync("Jakob");
        var client = await app.SignedInAsync("randi.rektor");
        var content = FileOf(kind);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(content));

        var upload = await UploadAsync(client, jakob, fileName, content);

        upload.StatusCode.Should().Be(HttpStatusCode.Redirect, await upload.Content.ReadAsStringAsync());
        upload.Headers.Location!.OriginalString.Should().StartWith($"/saker/{jakob}");
        var stored = await app.QueryAsync(db => db.CaseAttachments.AsNoTracking().SingleAsync(a => a.CaseId == jakob && a.Sha256 == sha256));
        stored.FileName.Should().Be(fileName);
        stored.SizeBytes.Should().Be(content.Length);
        var onDisk = Path.Combine(app.DataFolder, "attachments", stored.Id.ToString("N"));
        File.ReadAllBytes(onDisk).Should().Equal(content, "the file is kept, named by its id, in the data folder");
        var webRoot = app.Services.GetRequiredService<IWebHostEnvironment>().WebRootPath;
        Path.GetFullPath(onDisk).Should().NotStartWith(Path.GetFullPath(webRoot), "nothing is stored in the web root");
        var entry = await app.QueryAsync(db => db.CaseEntries.AsNoTracking().SingleAsync(e => e.AttachmentId == stored.Id));
        entry.Kind.Should().Be(EntryKind.AttachmentAdded);
        entry.Detail.Should().Be("sha256:" + sha256);
        (await app.QueryAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "AddAttachment" && a.CaseId == jakob))).Should().BeTrue();

        var page = new HtmlParser().ParseDocument(await client.GetStringAsync($"/saker/{jakob}"));
        page.QuerySelector("[data-testid=timeline]")!.TextContent.Should().Contain($"Vedlegg: {fileName} (SHA-256 {sha256[..12]}…)");

        using var download = await client.GetAsync($"/saker/{jakob}/vedlegg/{stored.Id}");
        download.StatusCode.Should().Be(HttpStatusCode.OK);
        download.Content.Headers.ContentType!.MediaType.Should().Be(contentType);
        download.Content.Headers.ContentDisposition!.DispositionType.Should().Be("attachment");
        (download.Content.Headers.ContentDisposition.FileNameStar ?? download.Content.Headers.ContentDisposition.FileName).Should().Be(fileName);
        download.Headers.CacheControl!.NoStore.Should().BeTrue();
        download.Headers.GetValues("X-Content-Type-Options").Should().Equal("nosniff");
        (await download.Content.ReadAsByteArrayAsync()).Should().Equal(content);
    }

    [Theory]
    [InlineData("exe-as-pdf", "rapport.pdf")]
    [InlineData("elf-as-png", "bilde.png")]
    [InlineData("zip-as-docx", "referat.docx")]
    [InlineData("text-as-jpg", "foto.jpg")]
    public async Task AFileThatOnlyPretendsToBeOfAnAllowedKind_IsRefusedInNorwegian_AndNothingIsStored(string kind, string fileName)
    {
        var jakob = await app.CaseOfPupilAsync("Jakob");
        var client = await app.SignedInAsync("randi.rektor");
        var before = await app.CaseSnapshotAsync(jakob);
        var attachments = await app.QueryAsync(db => db.CaseAttachments.CountAsync());

        var upload = await UploadAsync(client, jakob, fileName, FileOf(kind));

        upload.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await upload.Content.ReadAsStringAsync()).Should().Contain("Filen kan ikke legges ved. Bare bilder (PNG, JPEG), PDF og Word-dokumenter (DOCX) godtas");
        (await app.CaseSnapshotAsync(jakob)).Should().Be(before);
        (await app.QueryAsync(db => db.CaseAttachments.CountAsync())).Should().Be(attachments);
    }

    [Fact]
    public async Task AFileOverTheLimit_IsRefusedWithTheLimitInNorwegian()
    {
        var jakob = await app.CaseOfPupilAsync("Jakob");
        var client = await app.SignedInAsync("randi.rektor");
        var tooLarge = new byte[20 * 1024 * 1024 + 1];
        TestFiles.Pdf().CopyTo(tooLarge, 0);

        var upload = await UploadAsync(client, jakob, "stor.pdf", tooLarge);

        upload.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        (await upload.Content.ReadAsStringAsync()).Should().Contain("Filen er for stor. Et vedlegg kan være høyst 20 MB.");
    }

    [Fact]
    public async Task AnUploadWithoutTheFormsToken_IsRefused()
    {
        var jakob = await app.CaseOfPupilAsync("Jakob");
        var client = await app.SignedInAsync("randi.rektor");

        var upload = await UploadAsync(client, jakob, "skjermbilde.png", TestFiles.Png(), withToken: false);

        upload.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await upload.Content.ReadAsStringAsync()).Should().Contain("Skjemaet var utløpt eller ugyldig");
    }

    [Fact]
    public async Task AnImage_IsShownInlineOnTheCasePage_ThroughTheCheckedEndpoint_ButAPdfIsNeverServedInline()
    {
        var jakob = await app.CaseOfPupilAsync("Jakob");
        var client = await app.SignedInAsync("randi.rektor");
        var image = await AttachAsync(client, jakob, "tavle.png", TestFiles.Png());
        var pdf = await AttachAsync(client, jakob, "notat.pdf", TestFiles.Pdf());

        var page = new HtmlParser().ParseDocument(await client.GetStringAsync($"/saker/{jakob}"));
        var img = page.QuerySelector($"[data-testid=attachments] img[src='/saker/{jakob}/vedlegg/{image}/bilde']");
        img.Should().NotBeNull("the image is shown scaled on the case page");
        img!.GetAttribute("alt").Should().Be("Bilde: tavle.png");
        page.QuerySelector($"[data-testid=attachments] img[src*='{pdf}']").Should().BeNull();
        using var inline = await client.GetAsync($"/saker/{jakob}/vedlegg/{image}/bilde");
        inline.StatusCode.Should().Be(HttpStatusCode.OK);
        inline.Content.Headers.ContentType!.MediaType.Should().Be("image/png");
        inline.Content.Headers.ContentDisposition!.DispositionType.Should().Be("inline");
        inline.Headers.GetValues("X-Content-Type-Options").Should().Equal("nosniff");
        inline.Headers.CacheControl!.NoStore.Should().BeTrue();
        using var pdfInline = await client.GetAsync($"/saker/{jakob}/vedlegg/{pdf}/bilde");
        pdfInline.StatusCode.Should().Be(HttpStatusCode.NotFound);
        var form = page.QuerySelector($"form[action='/saker/{jakob}/vedlegg']")!;
        form.GetAttribute("enctype").Should().Be("multipart/form-data");
        form.QuerySelector("input[type=file][name=file]").Should().NotBeNull();
        form.QuerySelector("input[name=__RequestVerificationToken]").Should().NotBeNull();
    }

    [Theory]
    [InlineData("per.rektor")]
    [InlineData("nina.laerer")]
    [InlineData("ola.sfo")]
    [InlineData("arne.admin")]
    public async Task SomeoneOutsideTheCasesScope_GetsNotFound_ForItsAttachment_AndCannotAttach_AndTheAttemptIsAudited(string user)
    {
        var jakob = await app.CaseOfPupilAsync("Jakob");
        var principal = await app.SignedInAsync("randi.rektor");
        var id = await AttachAsync(principal, jakob, "bevis.png", TestFiles.Png());
        var outsider = await app.SignedInAsync(user);
        var refusals = await RefusalsAsync(jakob);

        using var download = await outsider.GetAsync($"/saker/{jakob}/vedlegg/{id}");
        using var image = await outsider.GetAsync($"/saker/{jakob}/vedlegg/{id}/bilde");
        var token = await TokenAsync(outsider, "/varsler");
        var upload = await UploadAsync(outsider, jakob, "mitt.png", TestFiles.Png(), token: token);

        download.StatusCode.Should().BeOneOf(HttpStatusCode.NotFound, HttpStatusCode.Forbidden);
        image.StatusCode.Should().BeOneOf(HttpStatusCode.NotFound, HttpStatusCode.Forbidden);
        upload.StatusCode.Should().BeOneOf(HttpStatusCode.NotFound, HttpStatusCode.Forbidden);
        (await download.Content.ReadAsStringAsync()).Should().NotContain("bevis.png").And.NotContain("Jakob");
        (await RefusalsAsync(jakob)).Should().BeGreaterThan(refusals, "browsing outside one's scope is written to the audit chain");
        (await app.QueryAsync(db => db.CaseAttachments.CountAsync(a => a.CaseId == jakob && a.FileName == "mitt.png"))).Should().Be(0);
    }

    [Fact]
    public async Task TheCountyGovernorsBundle_IsAZipOfTheDocumentAndEveryAttachmentNotWithdrawn_WithTheSha256TheIndexStates_AndTheFilesGoingOutAreAudited()
    {
        var jakob = await app.CaseOfPupilAsync("Jakob");
        var client = await app.SignedInAsync("randi.rektor");
        var word = TestFiles.Docx("Notat fra helsesykepleier");
        var photo = TestFiles.Png(30, 30);
        await AttachAsync(client, jakob, "helsesykepleier.docx", word);
        await AttachAsync(client, jakob, "lapp.png", photo);
        var withdrawn = await AttachAsync(client, jakob, "feil-elev.png", TestFiles.Png(31, 31));
        await WithdrawAsync("randi.rektor", jakob, withdrawn, "Feil elev på bildet.");
        var attached = await app.QueryAsync(db => db.CaseAttachments.AsNoTracking().Where(a => a.CaseId == jakob && a.WithdrawnAtUtc == null).ToListAsync());
        var viewsBefore = await ViewsAsync(jakob);

        var response = await DocumentForms.PostDocumentAsync(client, jakob, "dokumentasjon");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/zip");
        response.Content.Headers.ContentDisposition!.FileNameStar.Should().MatchRegex(@"^dokumentasjon-.+\.zip$");
        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        var bundle = Docx.Open(Read(zip.Entries.Single(e => e.FullName.EndsWith(".docx") && !e.FullName.StartsWith("vedlegg/"))));
        bundle.ValidationErrors.Should().BeEmpty();
        bundle.AllText.Should().Contain("Vedlagte filer").And.Contain("helsesykepleier.docx (Word-dokument,").And.Contain("Randi");
        Read(zip.GetEntry("vedlegg/helsesykepleier.docx")!).Should().Equal(word);
        Read(zip.GetEntry("vedlegg/lapp.png")!).Should().Equal(photo);
        zip.Entries.Should().NotContain(e => e.FullName.Contains("feil-elev"), "a withdrawn attachment is listed as withdrawn, not handed over");
        var checksums = System.Text.Encoding.UTF8.GetString(Read(zip.GetEntry("vedlegg/sha256.txt")!)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        checksums.Should().HaveCount(attached.Count);
        foreach (var line in checksums)
        {
            var (hash, name) = (line[..64], line[66..]);
            Convert.ToHexStringLower(SHA256.HashData(Read(zip.GetEntry($"vedlegg/{name}")!))).Should().Be(hash, name);
            bundle.AllText.Should().Contain(hash, "the bundle's index states the same SHA-256");
        }
        (await ViewsAsync(jakob)).Should().Be(viewsBefore + attached.Count, "each file handed out with the bundle is written to the audit chain");
    }

    [Fact]
    public async Task TheBundleWithItsFiles_IsRefused_OutsideTheCasesScope_AndToStaff()
    {
        var jakob = await app.CaseOfPupilAsync("Jakob");
        await AttachAsync(await app.SignedInAsync("randi.rektor"), jakob, "bevis-til-bunt.png", TestFiles.Png(33, 33));

        var teacher = await DocumentForms.PostDocumentAsync(await app.SignedInAsync("kari.laerer"), jakob, "dokumentasjon");

        teacher.StatusCode.Should().BeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.NotFound);
        teacher.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        (await teacher.Content.ReadAsStringAsync()).Should().NotContain("bevis-til-bunt");
    }

    /// <summary>Withdrawing is a step of the interactive case page (no form post): sent through the app's pipeline as the user.</summary>
    private async Task WithdrawAsync(string userName, Guid caseId, Guid attachmentId, string reason)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<Web.Data.AppDbContext>().Users.AsNoTracking().SingleAsync(u => u.UserName == userName);
        scope.ServiceProvider.GetRequiredService<Web.Infrastructure.CurrentUser>().ActAs(user);
        await scope.ServiceProvider.GetRequiredService<MediatR.IMediator>().Send(new Web.Features.Evidence.WithdrawAttachment.Command(caseId, null, attachmentId, reason));
    }

    private static byte[] Read(System.IO.Compression.ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private Task<int> ViewsAsync(Guid caseId) =>
        app.QueryAsync(db => db.AuditEntries.CountAsync(a => a.Action == "ViewAttachment" && a.CaseId == caseId && a.Details.Contains("withBundle")));

    private Task<int> RefusalsAsync(Guid caseId) =>
        app.QueryAsync(db => db.AuditEntries.CountAsync(a => a.Action == "AccessRefused" && a.CaseId == caseId));

    private static async Task<string> TokenAsync(HttpClient client, string page) =>
        AppFactory.Field(await client.GetStringAsync(page), "__RequestVerificationToken");

    internal static async Task<HttpResponseMessage> UploadAsync(HttpClient client, Guid caseId, string fileName, byte[] content, bool withToken = true, string? token = null)
    {
        using var form = new MultipartFormDataContent();
        if (withToken) form.Add(new StringContent(token ?? await TokenAsync(client, $"/saker/{caseId}")), "__RequestVerificationToken");
        form.Add(new ByteArrayContent(content), "file", fileName);
        return await client.PostAsync($"/saker/{caseId}/vedlegg", form);
    }

    private async Task<Guid> AttachAsync(HttpClient client, Guid caseId, string fileName, byte[] content)
    {
        var response = await UploadAsync(client, caseId, fileName, content);
        response.StatusCode.Should().Be(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(content));
        return await app.QueryAsync(db => db.CaseAttachments.Where(a => a.CaseId == caseId && a.Sha256 == sha256 && a.FileName == fileName)
            .OrderByDescending(a => a.AddedAtUtc).Select(a => a.Id).FirstAsync());
    }
}
