using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Domain.Necessity;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Features.Evidence;
using Aktivitetsplikt.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Aktivitetsplikt.Web.Features.Privacy;

/// <summary>
/// The evidence attached to the pupil's cases: each file listed with who added it, when, its SHA-256 and whether it was
/// withdrawn, and the files themselves in the zip's <c>vedlegg/</c> folder, named by their hash (a withdrawn file too: the
/// school still holds it).
/// </summary>
public sealed class AttachedFilesSection(AppDbContext db, AttachmentStore store) : IPupilDataSection
{
    public const string Folder = "vedlegg";

    public sealed record Data(Guid Id, string CaseNumber, string FileName, AttachmentKind Kind, long SizeBytes, string Sha256,
        string AddedBy, DateTime AddedAtUtc, bool VisibleToFamily, DateTime? WithdrawnAtUtc, string? WithdrawalReason, string? FileInExport);

    public int Order => 40;

    public async Task<PupilDataPart> CollectAsync(PupilDataScope scope, CancellationToken cancellationToken)
    {
        var attachments = await ListAttachments.ForCasesAsync(db, scope.CaseIds, cancellationToken);
        var files = new List<PupilDataFile>();
        var data = new List<Data>();
        foreach (var a in attachments)
        {
            var content = await store.ReadAsync(a.Id, cancellationToken);
            var name = content is null ? null : $"{Folder}/{a.Sha256}{Path.GetExtension(a.FileName).ToLowerInvariant()}";
            if (content is not null && files.All(f => f.Name != name)) files.Add(new PupilDataFile(name!, content));
            data.Add(new Data(a.Id, scope.CaseNumbers[a.CaseId], a.FileName, a.Kind, a.SizeBytes, a.Sha256, a.AddedByName, a.AddedAtUtc,
                a.VisibleToFamily, a.WithdrawnAtUtc, a.WithdrawalReason, name));
        }
        return new PupilDataPart("attachments", data, (doc, t) =>
        {
            doc.Heading1(t["Privacy.Export.AttachmentsHeading"]);
            if (data.Count == 0) { doc.Paragraph(t["Privacy.Export.None"]); return; }
            doc.Paragraph(t["Privacy.Export.AttachmentsIntro"]);
            doc.Table([t["Privacy.Export.Case"], t["Privacy.Export.File"], t["Privacy.Export.When"], t["Privacy.Export.Who"], "SHA-256"],
                data.Select(d => (IReadOnlyList<string>)[d.CaseNumber,
                    d.WithdrawnAtUtc is { } withdrawn ? $"{d.FileName} ({t.Format("Privacy.Export.Withdrawn", t.Time(withdrawn), d.WithdrawalReason ?? "")})" : d.FileName,
                    t.Time(d.AddedAtUtc), d.AddedBy, d.Sha256]), [2, 4, 3, 3, 6]);
        }, files);
    }
}

/// <summary>The meetings recorded on the pupil's cases: when, who took part, what was said and agreed, the next meeting.</summary>
public sealed class MeetingsSection(AppDbContext db) : IPupilDataSection
{
    public int Order => 50;

    public async Task<PupilDataPart> CollectAsync(PupilDataScope scope, CancellationToken cancellationToken)
    {
        var meetings = await ListMeetings.ForCasesAsync(db, scope.CaseIds, cancellationToken);
        return new PupilDataPart("meetings", meetings, (doc, t) =>
        {
            doc.Heading1(t["Privacy.Export.MeetingsHeading"]);
            if (meetings.Count == 0) { doc.Paragraph(t["Privacy.Export.None"]); return; }
            foreach (var m in meetings)
            {
                doc.Heading2(t.Format("Privacy.Export.MeetingTitle", t.Time(m.HeldAtUtc), scope.CaseNumbers[m.CaseId]))
                    .Field(t["Action.RecordMeeting.Participants"], EvidenceText.Participants(m.Participants, m.ParticipantNames, t))
                    .Field(t["Action.RecordMeeting.Discussed"], m.WhatWasSaid);
                if (m.AgreedPoints.Count > 0) doc.Field(t["Action.RecordMeeting.AgreedPoints"], string.Join("; ", m.AgreedPoints));
                if (m.NextMeetingOn is { } next) doc.Field(t["Action.RecordMeeting.NextMeetingOn"], t.Date(next));
                doc.Field(t["Privacy.Export.Who"], $"{m.RecordedByName}, {t.Time(m.RecordedAtUtc)}");
            }
        });
    }
}

/// <summary>
/// Records of physical intervention under necessity or self-defence about the pupil, whether linked to a case or not:
/// every field as written, the pupil's own account included.
/// </summary>
public sealed class NecessityRecordsSection(AppDbContext db) : IPupilDataSection
{
    public sealed record Data(Guid Id, DateTime OccurredAtUtc, string Place, string IntervenedBy, string WhatHappenedBefore, string WhatWasDone,
        int DurationMinutes, string Injuries, DateTime? PrincipalInformedAtUtc, DateTime? ParentsInformedAtUtc, string? ParentsInformedBy,
        PupilAccountStatus PupilAccount, string? PupilAccountText, string PupilAccountHow, string FollowUp, string? CaseNumber,
        string RecordedBy, DateTime RecordedAtUtc);

    public int Order => 60;

    public async Task<PupilDataPart> CollectAsync(PupilDataScope scope, CancellationToken cancellationToken)
    {
        var records = await db.NecessityRecords.AsNoTracking().Where(r => r.PupilId == scope.PupilId)
            .OrderBy(r => r.OccurredAtUtc).ToListAsync(cancellationToken);
        var data = records.Select(r => new Data(r.Id, r.OccurredAtUtc, r.Place, r.IntervenedBy, r.WhatHappenedBefore, r.WhatWasDone,
            r.DurationMinutes, r.Injuries, r.PrincipalInformedAtUtc, r.ParentsInformedAtUtc, r.ParentsInformedBy, r.PupilAccount,
            r.PupilAccountText, r.PupilAccountHow, r.FollowUp, r.CaseId is { } c && scope.CaseNumbers.TryGetValue(c, out var number) ? number : null,
            r.RecordedByName, r.RecordedAtUtc)).ToList();
        return new PupilDataPart("necessityRecords", data, (doc, t) =>
        {
            doc.Heading1(t["Necessity.Title"]);
            if (data.Count == 0) { doc.Paragraph(t["Privacy.Export.None"]); return; }
            foreach (var r in data)
            {
                doc.Heading2(t.Format("Privacy.Export.NecessityTitle", t.Time(r.OccurredAtUtc)))
                    .Field(t["Necessity.Place"], r.Place)
                    .Field(t["Necessity.IntervenedBy"], r.IntervenedBy)
                    .Field(t["Necessity.Before"], r.WhatHappenedBefore)
                    .Field(t["Necessity.Done"], r.WhatWasDone)
                    .Field(t["Necessity.Duration"], t.Format("Necessity.Minutes", r.DurationMinutes))
                    .Field(t["Necessity.Injuries"], r.Injuries)
                    .Field(t["Necessity.Section.Account"], r.PupilAccount == PupilAccountStatus.Given
                        ? r.PupilAccountText ?? "" : t["Necessity.Account.DeclinedLong"])
                    .Field(t["Necessity.AccountHow"], r.PupilAccountHow)
                    .Field(t["Necessity.ParentsInformedAt"], r.ParentsInformedAtUtc is { } told
                        ? $"{t.Time(told)}, {r.ParentsInformedBy}" : t["Necessity.ParentsNotRecorded"])
                    .Field(t["Necessity.FollowUp"], r.FollowUp)
                    .Field(t["Necessity.RecordedBy"], $"{r.RecordedBy}, {t.Time(r.RecordedAtUtc)}");
                if (r.CaseNumber is { } caseNumber) doc.Field(t["Privacy.Export.Case"], caseNumber);
            }
        });
    }
}
