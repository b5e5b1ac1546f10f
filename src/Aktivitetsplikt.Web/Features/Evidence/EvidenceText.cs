using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Features.Cases;
using Aktivitetsplikt.Web.Infrastructure;

namespace Aktivitetsplikt.Web.Features.Evidence;

/// <summary>How attachments and meetings are said in words, the same on the timeline and in the bundle.</summary>
public static class EvidenceText
{
    /// <summary>The system's line for an attachment's entry: added (name and hash), withdrawn, shown to or hidden from the family.</summary>
    public static string? TimelineLine(TimelineEntry entry, UiText t, bool fullHash = false) => entry.Kind switch
    {
        EntryKind.AttachmentAdded => t.Format("Timeline.Attachment", entry.Text, Hash(entry.Detail, fullHash)),
        EntryKind.AttachmentWithdrawn => t.Format("Timeline.AttachmentWithdrawn", entry.Detail ?? ""),
        EntryKind.AttachmentFamilyVisibility => t.Format(entry.Detail == AttachmentVisibility.Visible ? "Timeline.AttachmentVisible" : "Timeline.AttachmentHidden", entry.Text),
        _ => null,
    };

    /// <summary>The participants' groups in words, then the names as written.</summary>
    public static string Participants(MeetingParticipants groups, string? names, UiText t)
    {
        var words = Enum.GetValues<MeetingParticipants>().Where(g => g != MeetingParticipants.None && groups.HasFlag(g)).Select(g => t.Enum(g)).ToList();
        if (!string.IsNullOrWhiteSpace(names)) words.Add(names);
        return string.Join(", ", words);
    }

    private static string Hash(string? detail, bool full)
    {
        var hash = detail is not null && detail.StartsWith("sha256:", StringComparison.Ordinal) ? detail["sha256:".Length..] : detail ?? "";
        return full || hash.Length <= 12 ? hash : hash[..12] + "…";
    }
}
