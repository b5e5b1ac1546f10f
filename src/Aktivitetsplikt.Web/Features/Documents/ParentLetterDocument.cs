using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Infrastructure;

namespace Aktivitetsplikt.Web.Features.Documents;

/// <summary>
/// The letter informing the parents of the case, of the measures and the next evaluation, of their and the pupil's
/// rights, and of the route to the county governor (§ 12-6): which one, where, and on what conditions. On a closed
/// case it says the case is closed and promises nothing more. In bokmål or nynorsk, as the user's UI culture decides.
/// It names no other pupil: names of the school's other pupils found in the plan, and of every pupil heard on the
/// case, are masked. It says when the case was raised with the principal and from when the county governor can take
/// it; a case that ended because the pupil left the school says so, and where the pupil goes now.
/// </summary>
public static class ParentLetterDocument
{
    public static string FileName(string caseNumber) => $"foreldrebrev-{caseNumber}.docx";

    public static byte[] Build(CaseDocumentData data, Actor sender, DateTime generatedAtUtc, UiText t)
    {
        var first = data.Pupil.FirstName;
        var doc = DocumentFrame.Start(data.Sender, data.CaseNumber, generatedAtUtc, t)
            .Paragraph(t.Format("Documents.Letter.Greeting", data.PupilName, data.PupilGroup))
            .Title(t.Format("Documents.Letter.Title", first))
            .Paragraph(t.Format("Documents.Letter.Opened", data.SchoolName, t.Date(data.CreatedAtUtc), first));

        doc.Heading1(t["Documents.Letter.DutyHeading"])
            .Paragraph(t["Documents.Letter.Duty"]);

        doc.Heading1(t["Documents.Letter.NowHeading"]);
        WhereTheCaseStands(doc, data, generatedAtUtc, t);

        doc.Heading1(t["Documents.Letter.RightsHeading"])
            .Paragraph(t.Format("Documents.Letter.RightHeard", first))
            .Paragraph(t["Documents.Letter.RightInformed"])
            .Paragraph(t["Documents.Letter.RightAccess"]);

        doc.Heading1(t["Documents.Letter.GovernorHeading"])
            .Paragraph(t.Format("Documents.Letter.Governor", first, data.Departure?.NewSchool ?? data.SchoolName))
            .Paragraph(data.RaisedWithPrincipalOn is { } raised
                ? t.Format("Documents.Letter.RaisedWithPrincipal", t.Date(raised), t.Date(data.CountyGovernorMayTakeFrom ?? raised.AddDays(7)))
                : t["Documents.Letter.NotRaisedWithPrincipal"])
            .Paragraph(t["Documents.Letter.GovernorHow"]);
        var governor = data.CountyGovernor;
        doc.Paragraph(governor.Name is { } name
            ? string.Join("\n", new[] { name, governor.Address?.Replace("\r\n", "\n"), governor.Website }.Where(s => !string.IsNullOrWhiteSpace(s)))
            : t["Documents.Letter.GovernorUnknown"], bold: governor.Name is not null);

        doc.Heading1(t["Documents.Letter.ContactHeading"])
            .Paragraph(t.Format("Documents.Letter.Contact", data.SchoolName));
        if (data.Sender.Phone is not null || data.Sender.Email is not null)
            doc.Paragraph(string.Join("\n", new[]
            {
                data.Sender.Phone is { } phone ? t.Format("Documents.Letterhead.Phone", phone) : null,
                data.Sender.Email is { } email ? t.Format("Documents.Letterhead.Email", email) : null,
            }.Where(s => s is not null)));

        var signedFor = sender.Role == Role.SchoolOwnerTeam ? data.SchoolOwnerName : data.SchoolName;
        doc.KeepTogether(d => d
            .Paragraph(t["Documents.Letter.Regards"])
            .Paragraph("\n")
            .Paragraph($"{sender.Name}\n{t.Role(sender.Role)}, {signedFor}"));

        return doc.ToBytes(t.Format("Documents.Letter.FileTitle", data.CaseNumber), PlanDocument.Language());
    }

    /// <summary>Closed: the date and nothing promised. Otherwise: the state, the plan's measures and the next evaluation.</summary>
    private static void WhereTheCaseStands(DocxWriter doc, CaseDocumentData data, DateTime nowUtc, UiText t)
    {
        var first = data.Pupil.FirstName;
        if (data.State == CaseState.Closed && data.Departure is { } departure)
        {
            var ended = data.Timeline.LastOrDefault(e => e.Kind == EntryKind.PupilLeftSchool)?.RecordedAtUtc ?? departure.RecordedAtUtc;
            doc.Paragraph(t.Format("Documents.Letter.ClosedLeftSchool", t.Date(ended), first, t.Date(departure.LeftOn), departure.NewSchool, data.SchoolName))
                .Paragraph(t.Format(departure.SameSchoolOwner ? "Documents.Letter.HandedOver" : "Documents.Letter.NewSchoolContact", first));
            return;
        }
        if (data.State == CaseState.Closed)
        {
            var closedAt = data.Timeline.LastOrDefault(e => e.Kind == EntryKind.Closed)?.RecordedAtUtc ?? nowUtc;
            doc.Paragraph(t.Format("Documents.Letter.Closed", t.Date(closedAt), first));
            return;
        }
        doc.Paragraph(t.Format("Documents.Letter.State", t.State(data.State)));
        if (data.Plans.Count == 0 || data.Plans[^1] is not { } plan)
        {
            doc.Paragraph(t["Documents.Letter.NoPlan"]);
            return;
        }
        var others = data.NamesToMaskForTheFamily();
        doc.Paragraph(t.Format("Documents.Letter.Plan", plan.Version, t.Date(plan.AdoptedAtUtc)));
        doc.Table([t["Documents.Plan.Col.What"], t["Documents.Plan.Col.When"], t["Documents.Plan.Col.Evaluated"], t["Plan.Status"]],
            plan.Measures.Select(m => (IReadOnlyList<string>)
            [
                NameMasking.MaskText(m.Description, others, t["Documents.MaskedName"]), NameMasking.MaskText(m.When, others, t["Documents.MaskedName"]),
                t.Date(m.EvaluateOn ?? plan.EvaluationDate), t.Enum(m.Status),
            ]),
            [7, 4, 3, 3]);
        var today = DateOnly.FromDateTime(UiText.ToOslo(nowUtc));
        var next = plan.Measures.Select(m => m.EvaluateOn ?? plan.EvaluationDate).Append(plan.EvaluationDate)
            .Where(d => d >= today).DefaultIfEmpty(plan.EvaluationDate).Min();
        doc.Paragraph(data.State == CaseState.Evaluating
            ? t.Format("Documents.Letter.Evaluating", first)
            : t.Format("Documents.Letter.NextEvaluation", t.Date(next)));
    }
}
