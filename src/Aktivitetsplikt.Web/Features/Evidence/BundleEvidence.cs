using Aktivitetsplikt.Web.Features.Documents;
using Aktivitetsplikt.Web.Infrastructure;

namespace Aktivitetsplikt.Web.Features.Evidence;

/// <summary>
/// Attachments and meetings in the county governor's bundle. The bundle is one .docx: the files are not inside it but
/// listed, each with its name, kind, size, SHA-256, who added it and when, and whether it was withdrawn or shown to the
/// family, so that a copy handed over beside the bundle can be matched to the case (ADR 018).
/// </summary>
public static class BundleEvidence
{
    /// <summary>"Vedlegg: chat.png (Bilde (PNG), 12 kB)": the line in the bundle's attachment index.</summary>
    public static string IndexLine(AttachmentView attachment, UiText t) =>
        t.Format("Documents.Bundle.FileLine", attachment.FileName, t.Enum(attachment.Kind), AttachmentFiles.Size(attachment.SizeBytes, System.Globalization.CultureInfo.CurrentCulture))
        + (attachment.IsWithdrawn ? " – " + t["Attachments.Withdrawn"] : "");

    public static void WriteFiles(DocxWriter doc, IReadOnlyList<AttachmentView> attachments, UiText t)
    {
        if (attachments.Count == 0) return;
        doc.Heading2(t["Documents.Bundle.FilesHeading"]).Paragraph(t["Documents.Bundle.FilesIntro"], small: true)
            .Table([t["Documents.Number"], t["Documents.Bundle.FileName"], t["Documents.Bundle.FileSha256"], t["Documents.Bundle.FileAdded"], t["Documents.Bundle.FileStatus"]],
                attachments.Select((a, i) => (IReadOnlyList<string>)
                [
                    $"{i + 1}.",
                    $"{a.FileName} ({t.Enum(a.Kind)}, {AttachmentFiles.Size(a.SizeBytes, System.Globalization.CultureInfo.CurrentCulture)})",
                    a.Sha256,
                    $"{a.AddedByName} ({t.Role(a.AddedByRole)}), {t.Time(a.AddedAtUtc)}",
                    a.IsWithdrawn ? t.Format("Attachments.WithdrawnBy", a.WithdrawnByName ?? "", t.Time(a.WithdrawnAtUtc), a.WithdrawalReason ?? "")
                        : a.VisibleToFamily ? t["Attachments.ForFamily"] : t["Documents.Bundle.FileInCase"],
                ]),
                [1, 5, 5, 4, 4]);
    }

    public static void WriteMeetings(DocxWriter doc, IReadOnlyList<MeetingView> meetings, UiText t)
    {
        foreach (var meeting in meetings)
        {
            doc.Heading2(t.Format("Documents.Bundle.Meeting", t.Time(meeting.HeldAtUtc)))
                .Paragraph(t.Format("Timeline.Meta", meeting.RecordedByName, t.Role(meeting.RecordedByRole), t.Time(meeting.RecordedAtUtc)), small: true)
                .Field(t["Action.RecordMeeting.Participants"], EvidenceText.Participants(meeting.Participants, meeting.ParticipantNames, t))
                .Field(t["Action.RecordMeeting.Discussed"], meeting.WhatWasSaid);
            if (meeting.AgreedPoints.Count > 0)
            {
                doc.Paragraph(t["Meetings.Agreed"], bold: true);
                foreach (var point in meeting.AgreedPoints) doc.Paragraph("• " + point);
            }
            if (meeting.NextMeetingOn is { } next) doc.Field(t["Action.RecordMeeting.NextMeetingOn"], t.Date(next));
            if (meeting.ForFamily) doc.Paragraph(t["Meetings.ForFamily"], small: true);
        }
    }
}
