using System.Net;
using System.Security.Cryptography;
using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Features.Evidence;
using Aktivitetsplikt.Web.Features.Family;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Tests.Features.Evidence;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aktivitetsplikt.Web.Tests.Http;

/// <summary>
/// What the school marks for the family on the family's case page, over HTTP with the demo data (Marte Larsen is Jakob's
/// mother): a meeting recorded for the family and a file the principal showed to the family appear, with the file's
/// download for the guardian; a staff-only meeting, a file not shown and a withdrawn one never do, and asking for them is a
/// Norwegian 404 written to the audit chain.
/// </summary>
public sealed class FamilyEvidencePageTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task TheFamilysPage_ShowsTheMeetingAndTheFileMarkedForTheFamily_AndTheGuardianDownloadsTheFile_NeverStaffOnlyOnes()
    {
        var jakob = await app.CaseOfPupilAsync("Jakob");
        var (shown, hidden, withdrawn) = await EvidenceOnJakobsCaseAsync(jakob);
        using var guardian = await app.NewGuardianClientAsync();

        var page = await guardian.GetAsync($"/familie/sak/{jakob}");

        page.Status.Should().Be(HttpStatusCode.OK);
        var meetings = page.Get("[data-testid=family-meetings]").TextContent;
        meetings.Should().Contain("Vi ble enige om en voksen i garderoben.").And.Contain("En voksen i garderoben før gym").And.Contain("Foresatte");
        meetings.Should().NotContain("Internt møte").And.NotContain("Kari (kontaktlærer)", "names as written stay with the school");
        var files = page.Document.QuerySelectorAll("[data-testid=family-attachment]").ToList();
        files.Select(a => a.TextContent).Should().Equal("lapp-fra-skolen.png");
        files[0].GetAttribute("href").Should().Be(GetFamilyAttachment.Path(jakob, shown.Id));
        page.Text.Should().NotContain("intern-rapport").And.NotContain("feil-fil");

        var download = await guardian.GetResponseAsync(GetFamilyAttachment.Path(jakob, shown.Id));
        download.StatusCode.Should().Be(HttpStatusCode.OK);
        Convert.ToHexStringLower(SHA256.HashData(await download.Content.ReadAsByteArrayAsync())).Should().Be(shown.Sha256);
        download.Content.Headers.ContentType!.MediaType.Should().Be("image/png");
        download.Content.Headers.ContentDisposition!.DispositionType.Should().Be("attachment");
        download.Headers.CacheControl!.NoStore.Should().BeTrue();
        (await app.QueryAsync(db => db.AuditEntries.CountAsync(a => a.Action == "ViewAttachment" && a.CaseId == jakob && a.Details.Contains("\"family\":true"))))
            .Should().BeGreaterThan(0);

        foreach (var other in new[] { hidden, withdrawn })
        {
            var refusedBefore = await RefusalsAsync(jakob);
            var refused = await guardian.GetAsync(GetFamilyAttachment.Path(jakob, other.Id));
            refused.Status.Should().Be(HttpStatusCode.NotFound, other.FileName);
            refused.Text.Should().Contain("Vi fant ikke filen").And.NotContain(other.FileName);
            (await RefusalsAsync(jakob)).Should().Be(refusedBefore + 1, "asking for a file not shared with the family is written to the audit chain");
        }
    }

    [Fact]
    public async Task AFamilyFile_IsA404ForAGuardianOfAnotherPupil_AndForStaff_AndTheStaffDownloadIsClosedToGuardians()
    {
        var jakob = await app.CaseOfPupilAsync("Jakob");
        var emma = await app.CaseOfPupilAsync("Emma");
        var (shown, _, _) = await EvidenceOnJakobsCaseAsync(jakob);
        using var guardian = await app.NewGuardianClientAsync();
        using var principal = app.NewClient();
        await principal.SignInOrFailAsync("randi.rektor");

        (await guardian.GetAsync(GetFamilyAttachment.Path(emma, shown.Id))).Status.Should().Be(HttpStatusCode.NotFound, "the file is not on Emma's case");
        (await guardian.GetAsync(AttachmentEndpoints.DownloadUrl(jakob, shown.Id))).LocationPath.Should().Be("/ingen-tilgang",
            "a guardian never reaches the school's download, which serves staff-only files too");
        (await principal.GetAsync(GetFamilyAttachment.Path(jakob, shown.Id))).LocationPath.Should().Be("/ingen-tilgang");
        (await guardian.GetAsync($"/familie/sak/{jakob}/vedlegg/ikke-en-id")).Status.Should().Be(HttpStatusCode.NotFound);
    }

    private async Task<(AttachmentView Shown, AttachmentView Hidden, AttachmentView Withdrawn)> EvidenceOnJakobsCaseAsync(Guid jakob)
    {
        var existing = await app.SendAsAsync("randi.rektor", new ListAttachments.Query(jakob));
        if (existing.FirstOrDefault(a => a.FileName == "lapp-fra-skolen.png") is { } done)
            return (done, existing.Single(a => a.FileName == "intern-rapport.pdf"), existing.Single(a => a.FileName == "feil-fil.png"));

        var heldAt = app.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime.AddHours(-3);
        await app.SendAsAsync("randi.rektor", new RecordMeeting.Command(jakob, null, heldAt, MeetingParticipants.Pupil | MeetingParticipants.Guardians | MeetingParticipants.Staff,
            "Kari (kontaktlærer)", "Vi ble enige om en voksen i garderoben.", "En voksen i garderoben før gym", DateOnly.FromDateTime(heldAt).AddDays(14), ForFamily: true));
        await app.SendAsAsync("randi.rektor", new RecordMeeting.Command(jakob, null, heldAt.AddMinutes(30), MeetingParticipants.Staff, null,
            "Internt møte om bemanningen.", null, null, ForFamily: false));
        foreach (var (name, content) in new[] { ("lapp-fra-skolen.png", TestFiles.Png(44, 44)), ("intern-rapport.pdf", TestFiles.Pdf()), ("feil-fil.png", TestFiles.Png(45, 45)) })
            await app.SendAsAsync("randi.rektor", new AddAttachment.Command(jakob, null, name, null) { Content = content });
        var files = await app.SendAsAsync("randi.rektor", new ListAttachments.Query(jakob));
        var (shown, hidden, withdrawn) = (files.Single(a => a.FileName == "lapp-fra-skolen.png"), files.Single(a => a.FileName == "intern-rapport.pdf"),
            files.Single(a => a.FileName == "feil-fil.png"));
        await app.SendAsAsync("randi.rektor", new SetAttachmentFamilyVisibility.Command(jakob, null, shown.Id, true));
        await app.SendAsAsync("randi.rektor", new SetAttachmentFamilyVisibility.Command(jakob, null, withdrawn.Id, true));
        await app.SendAsAsync("randi.rektor", new WithdrawAttachment.Command(jakob, null, withdrawn.Id, "Feil fil."));
        return (shown, hidden, withdrawn);
    }

    private Task<int> RefusalsAsync(Guid caseId) =>
        app.QueryAsync(db => db.AuditEntries.CountAsync(a => a.Action == "AccessRefused" && a.CaseId == caseId));
}
