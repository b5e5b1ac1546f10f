using Aktivitetsplikt.Domain.Audit;
using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Features.Cases;
using Aktivitetsplikt.Web.Infrastructure;

namespace Aktivitetsplikt.Web.Features.Documents;

/// <summary>
/// The case documentation for the county governor (§ 12-6) — the school's documentation under § 12-4 fourth
/// paragraph: a table of contents saying which paragraph each part documents, an index of attachments (plan
/// versions and documents handed out), then every timeline entry in order, every plan version, the evaluations,
/// notifications, flags and deadlines, and the result of verifying the audit chain. The case part says when the case
/// was raised with the principal (and from when the county governor can take it), why measures are required, who acted
/// for the principal, and how the case ended if the pupil left the school. The bundle is the school's own copy: it names
/// the other pupils heard, which the family's copies mask.
/// </summary>
public static class CaseBundleDocument
{
    public static string FileName(string caseNumber) => $"dokumentasjon-{caseNumber}.docx";

    public static byte[] Build(CaseDocumentData data, ChainVerification verification, Actor generatedBy, DateTime generatedAtUtc, UiText t)
    {
        var doc = DocumentFrame.Start(data.Sender, data.CaseNumber, generatedAtUtc, t)
            .Title(t["Documents.Bundle.Title"])
            .Paragraph(t["Documents.Bundle.Intro"]);

        // Meetings get a part of their own when the case has any (a case without keeps the bundle it always had).
        string[] parts = ["Case", "Law", "Flags", "Notifications", "Plans", "Evaluations", .. data.Meetings.Count > 0 ? ["Meetings"] : Array.Empty<string>(), "Deadlines", "Timeline", "Audit"];
        doc.Heading1(t["Documents.Bundle.ContentsHeading"])
            .Table([t["Documents.Number"], t["Documents.Bundle.Part"], t["Documents.Bundle.Documents"]],
                parts.Select((part, i) => (IReadOnlyList<string>)[$"{i + 1}.", t[$"Documents.Bundle.{part}Heading"], t[$"Documents.Bundle.Documents.{part}"]]),
                [1, 4, 9]);
        doc.Heading1(t["Documents.Bundle.AttachmentsHeading"]).Paragraph(t["Documents.Bundle.AttachmentsIntro"]);
        var attachments = data.Plans.Select(p => (IReadOnlyList<string>)[t.Format("Documents.Bundle.PlanVersion", p.Version), t.Date(p.AdoptedAtUtc), t["Documents.Bundle.PlansHeading"]])
            .Concat(data.Timeline.Where(e => e.Kind == EntryKind.DocumentGenerated)
                .Select(e => (IReadOnlyList<string>)[DocumentLine(e.Text, e.Detail, t, full: false), t.Date(e.RecordedAtUtc), t["Documents.Bundle.TimelineHeading"]]))
            .Concat(data.Attachments.Select(a => (IReadOnlyList<string>)[Evidence.BundleEvidence.IndexLine(a, t), t.Date(a.AddedAtUtc), t["Documents.Bundle.FilesHeading"]]))
            .Select((row, i) => (IReadOnlyList<string>)[$"{i + 1}.", .. row]).ToList();
        if (attachments.Count == 0) doc.Paragraph(t["Documents.None"]);
        else doc.Table([t["Documents.Number"], t["Documents.Bundle.Attachment"], t["Documents.Bundle.AttachmentDate"], t["Documents.Bundle.AttachmentWhere"]], attachments, [1, 8, 3, 4]);
        Evidence.BundleEvidence.WriteFiles(doc, data.Attachments, t);

        Part(doc, "Case", t)
            .Field(t["Documents.SchoolOwner"], data.SchoolOwnerName)
            .Field(t["Documents.School"], data.SchoolName)
            .Field(t["Documents.Pupil"], $"{data.PupilName}, {data.PupilGroup}")
            .Field(t["Documents.CaseNumber"], data.CaseNumber)
            .Field(t["Documents.Bundle.Opened"], t.Time(data.CreatedAtUtc))
            .Field(t["Documents.Bundle.State"], t.State(data.State))
            .Field(t["Documents.Bundle.GeneratedBy"], $"{generatedBy.Name} ({t.Role(generatedBy.Role)}), {t.Time(generatedAtUtc)}")
            .Field(t["Documents.Bundle.RaisedWithPrincipal"], data.RaisedWithPrincipalOn is { } raised
                ? t.Format("Documents.Bundle.RaisedWithPrincipalOn", t.Date(raised), t.Date(data.CountyGovernorMayTakeFrom ?? raised.AddDays(7)))
                : t["CasePage.NotRaisedWithPrincipal"]);
        if (data.MeasuresRequiredBecause.Count > 0)
            doc.Field(t["Documents.Bundle.MeasuresRequiredBecause"], string.Join(" ", data.MeasuresRequiredBecause.Select(g => t.Enum(g))));
        if (data.Delegations.Count > 0)
        {
            doc.Heading2(t["CasePage.Delegations"]);
            foreach (var delegation in data.Delegations)
                doc.Paragraph(string.Join(" ", new[]
                {
                    t.Format(delegation.Grade is not null ? "CasePage.DelegatedGrade" : "CasePage.DelegatedCase", delegation.DelegateName, delegation.PrincipalName,
                        t.Time(delegation.GrantedAtUtc), delegation.Grade ?? ""),
                    delegation.Reason,
                    delegation.WithdrawnAtUtc is { } withdrawn ? t.Format("CasePage.DelegationWithdrawn", delegation.WithdrawnByName ?? "", t.Time(withdrawn)) : null,
                }.Where(s => !string.IsNullOrWhiteSpace(s))));
            doc.Paragraph(t["CasePage.PrincipalStaysResponsible"], small: true);
        }
        if (data.Departure is { } departure)
        {
            doc.Heading2(t["Documents.Bundle.HowItEnded"]).Paragraph(t["CasePage.Departure"], bold: true)
                .Field(t["Action.CloseAsPupilLeftSchool.LeftOn"], t.Date(departure.LeftOn))
                .Field(t["Action.CloseAsPupilLeftSchool.NewSchool"], departure.SameSchoolOwner ? $"{departure.NewSchool} ({t["CasePage.Departure.SameSchoolOwner"]})" : departure.NewSchool);
            if (departure.Handover is { } handover) doc.Field(t["Action.CloseAsPupilLeftSchool.Handover"], handover);
            doc.Field(t["Action.CloseAsPupilLeftSchool.DecidedBy"], departure.DecidedBy)
                .Field(t["Action.CloseAsPupilLeftSchool.Reason"], departure.Reason)
                .Field(t["CasePage.Departure.RecordedBy"], $"{departure.RecordedByName}, {t.Time(departure.RecordedAtUtc)}");
        }

        Part(doc, "Law", t);
        foreach (var key in new[] { "Documents.Law.12-2", "Documents.Law.12-4", "Documents.Law.Plan", "Documents.Law.12-5", "Documents.Law.12-6", "Documents.Law.Documentation" })
            doc.Paragraph(t[key]);

        Part(doc, "Flags", t);
        if (data.Flags.Count == 0) doc.Paragraph(t["Documents.None"]);
        foreach (var flag in data.Flags)
            doc.Field(t.Enum(flag.Kind), $"{t.Time(flag.SetAtUtc)}, {flag.SetByName} ({t.Role(flag.SetByRole)}): {flag.Reason}");

        Part(doc, "Notifications", t);
        var notifications = data.Timeline.Where(e => e.Kind is EntryKind.PrincipalNotified or EntryKind.SchoolOwnerNotified
            or EntryKind.Escalated or EntryKind.CountyGovernorCase or EntryKind.CountyGovernorDecision).ToList();
        if (notifications.Count == 0) doc.Paragraph(t["Documents.None"]);
        foreach (var entry in notifications)
            doc.Field(t.Format("Documents.Bundle.EntryRef", entry.Sequence, t.Enum(entry.Kind)),
                string.Join(" ", new[] { Meta(entry, t), SystemLine(entry, t), entry.Text }.Where(s => !string.IsNullOrWhiteSpace(s))));

        Part(doc, "Plans", t);
        if (data.Plans.Count == 0) doc.Paragraph(t["Plan.None"]);
        foreach (var plan in data.Plans)
        {
            doc.Heading2(t.Format("Documents.Bundle.PlanVersion", plan.Version));
            PlanDocument.WriteVersionFields(doc, plan, t);
            PlanDocument.WriteParts(doc, plan, t, nested: true);
        }

        Part(doc, "Evaluations", t);
        var evaluations = data.Timeline.Where(e => e.Kind == EntryKind.Evaluation).ToList();
        if (evaluations.Count == 0) doc.Paragraph(t["Documents.None"]);
        foreach (var entry in evaluations)
        {
            doc.Heading3(t.Format("Documents.Bundle.EntryRef", entry.Sequence, t.Enum(entry.Kind)))
                .Paragraph(Meta(entry, t), small: true);
            if (entry.PlanVersion is { } version) doc.Paragraph(t.Format("Timeline.PlanVersion", version));
            if (entry.PupilView is { } view) doc.Field(t["Documents.Bundle.PupilView"], string.IsNullOrWhiteSpace(entry.Detail) ? t.Enum(view) : $"{t.Enum(view)}: {entry.Detail}");
            doc.Field(t["Documents.Bundle.Assessment"], entry.Text);
            if (entry.ParentsView is { } parents) doc.Field(t["Documents.Bundle.ParentsView"], parents);
            var perMeasure = data.Timeline.Where(e => e.Kind == EntryKind.MeasureEvaluated && e.RecordedAtUtc == entry.RecordedAtUtc && e.Sequence > entry.Sequence).ToList();
            if (perMeasure.Count > 0)
                doc.Paragraph(t["Documents.Bundle.MeasureAssessments"], bold: true)
                    .Table([t["Documents.Bundle.Col.Measure"], t["Plan.Status"], t["Documents.Bundle.Assessment"]],
                        perMeasure.Select(m => (IReadOnlyList<string>)[m.Detail ?? "", m.MeasureStatus is { } s ? t.Enum(s) : "", m.Text]),
                        [6, 3, 7]);
        }

        if (data.Meetings.Count > 0) Evidence.BundleEvidence.WriteMeetings(Part(doc, "Meetings", t), data.Meetings, t);

        Part(doc, "Deadlines", t);
        if (data.Deadlines.Count == 0) doc.Paragraph(t["Documents.None"]);
        else
            doc.Table([t["Documents.Bundle.Deadline"], t["Documents.Bundle.Due"], t["Documents.Bundle.DeadlineOutcome"]],
                data.Deadlines.Select(d => (IReadOnlyList<string>)new[]
                {
                    t.Enum(d.Kind) + (d.PlanVersion is { } v ? " " + t.Format("Documents.Bundle.ForVersion", v) : "")
                        + (d.ShiftedByHolidays ? ", " + t["CasePage.Deadline.ShiftedByHolidays"] : ""),
                    t.Time(d.DueUtc),
                    d.MetAtUtc is { } met ? t.Format("Documents.Bundle.Met", t.Time(met))
                        : d.SupersededAtUtc is { } superseded ? t.Format("Documents.Bundle.Superseded", t.Time(superseded))
                        : t["Documents.Bundle.Open"],
                }));

        Part(doc, "Timeline", t).Paragraph(t["Documents.Bundle.TimelineIntro"]);
        foreach (var entry in data.Timeline)
        {
            doc.Heading3(t.Format("Documents.Bundle.EntryRef", entry.Sequence, t.Enum(entry.Kind)))
                .Paragraph(Meta(entry, t), small: true);
            WriteEntryFields(doc, entry, data.Timeline, t);
        }

        Part(doc, "Audit", t);
        doc.Paragraph(verification.IsIntact
            ? t.Format("Documents.Bundle.AuditIntact", verification.EntriesChecked)
            : t.Format("Documents.Bundle.AuditBroken", verification.EntriesChecked, verification.FirstBrokenSequence?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?", Cases.ChainProblemText.Describe(verification, t)));
        doc.Paragraph(t.Format("Documents.Bundle.AuditHead", verification.EntriesChecked, verification.HeadHash));
        doc.Paragraph(t["Documents.Bundle.AuditExplained"], small: true);

        return doc.ToBytes(t.Format("Documents.Bundle.FileTitle", data.CaseNumber), PlanDocument.Language());
    }

    /// <summary>
    /// Everything an entry says below its heading, in words (never a stored code): the entry it corrects, the system's line,
    /// the pupil's view and the voice's source, the conclusion, the measure's status, when it was raised with the principal,
    /// the other pupil heard, the new school, what was written, the details, the parents' view. The one writer of an entry
    /// for every document that lists entries (this bundle, the GDPR export), so they cannot drift apart.
    /// </summary>
    public static void WriteEntryFields(DocxWriter doc, TimelineEntry entry, IReadOnlyList<TimelineEntry> timeline, UiText t)
    {
        if (entry.CorrectsEntryId is { } corrected && timeline.FirstOrDefault(e => e.Id == corrected) is { } original)
            doc.Paragraph(t.Format("Timeline.Corrects", original.Sequence));
        if (SystemLine(entry, t) is { } line) doc.Paragraph(line);
        if (entry.PupilView is { } view) doc.Paragraph(t.Enum(view));
        if (entry.Kind == EntryKind.PupilVoice && entry.Detail is not null)
            doc.Paragraph(t.Format("Documents.Bundle.VoiceSource", t.Enum(VoiceSources.Of(entry.Kind, entry.Detail))));
        if (entry.Conclusion is { } conclusion) doc.Paragraph(t.Format("Documents.Bundle.Conclusion", t.Enum(conclusion)));
        if (entry.MeasureStatus is { } status) doc.Paragraph(t.Enum(status));
        if (entry.RaisedWithPrincipalOn is { } raisedOn) doc.Paragraph(t.Format("Timeline.RaisedWithPrincipal", t.Date(raisedOn)));
        if (entry.Kind == EntryKind.OtherPupilHeard && entry.Detail is { } other) doc.Paragraph(t.Format("Timeline.OtherPupil", other));
        if (entry.Kind == EntryKind.PupilLeftSchool && entry.Detail is { } newSchool) doc.Paragraph(t.Format("Timeline.NewSchool", newSchool));
        // A document's entry is said by its system line (name and hash); every other entry's text is shown as written.
        if (!string.IsNullOrWhiteSpace(entry.Text) && entry.Kind != EntryKind.DocumentGenerated) doc.Paragraph(entry.Text);
        if (!string.IsNullOrWhiteSpace(entry.Detail) && entry.Kind is EntryKind.Evaluation or EntryKind.MeasureProgress or EntryKind.MeasureEvaluated)
            doc.Paragraph(entry.Detail, small: true);
        if (entry.ParentsView is { } parentsView) doc.Paragraph(t.Format("Timeline.ParentsView", parentsView));
    }

    /// <summary>A part's heading and the paragraph of the law it documents, as the table of contents lists it.</summary>
    private static DocxWriter Part(DocxWriter doc, string part, UiText t) =>
        doc.Heading1(t[$"Documents.Bundle.{part}Heading"]).Paragraph(t.Format("Documents.Bundle.DocumentsLine", t[$"Documents.Bundle.Documents.{part}"]), small: true);

    /// <summary>Who, in which role, when; when it happened if that was earlier; where; the state change.</summary>
    public static string Meta(TimelineEntry entry, UiText t)
    {
        var parts = new List<string> { t.Format("Timeline.Meta", entry.ActorName, t.Role(entry.ActorRole), t.Time(entry.RecordedAtUtc)) };
        if (Math.Abs((entry.OccurredAtUtc - entry.RecordedAtUtc).TotalMinutes) > 1) parts.Add(t.Format("Timeline.Occurred", t.Time(entry.OccurredAtUtc)));
        if (entry.Location is { } location) parts.Add(t.Enum(location));
        parts.Add(entry.StateBefore != entry.StateAfter
            ? $"{t.State(entry.StateBefore)} → {t.State(entry.StateAfter)}"
            : t.Format("Documents.Bundle.StateUnchanged", t.State(entry.StateAfter)));
        return string.Join(" · ", parts);
    }

    /// <summary>What the system says about an entry it wrote itself, as the timeline on the case page says it.</summary>
    public static string? SystemLine(TimelineEntry entry, UiText t) => entry.Kind switch
    {
        EntryKind.PlanAdopted or EntryKind.PlanRevised or EntryKind.EvaluationStarted when entry.PlanVersion is { } version
            => t.Format("Timeline.PlanVersion", version),
        EntryKind.PrincipalNotified or EntryKind.SchoolOwnerNotified when entry.Detail is { } reason
            => t[$"Timeline.Notified.{reason}"],
        EntryKind.DocumentGenerated => DocumentLine(entry.Text, entry.Detail, t, full: true),
        EntryKind.AttachmentAdded or EntryKind.AttachmentWithdrawn or EntryKind.AttachmentFamilyVisibility => Evidence.EvidenceText.TimelineLine(entry, t, fullHash: true),
        _ => null,
    };

    /// <summary>"Dokument laget: fil.docx (SHA-256 1a2b3c…)"; the bundle gives the whole hash.</summary>
    public static string DocumentLine(string fileName, string? detail, UiText t, bool full)
    {
        var hash = detail is not null && detail.StartsWith("sha256:", StringComparison.Ordinal) ? detail["sha256:".Length..] : detail ?? "";
        return t.Format("Documents.TimelineLine", fileName, full || hash.Length <= 12 ? hash : hash[..12] + "…");
    }
}
