using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Infrastructure;

namespace Aktivitetsplikt.Web.Features.Documents;

/// <summary>
/// The letter informing the parents of the case, of their and the pupil's rights, and of the route to the
/// county governor (§ 12-6) once the case has been raised with the principal. In bokmål or nynorsk, as the
/// user's UI culture decides. It names no one but the pupil: what others did stays in the case.
/// </summary>
public static class ParentLetterDocument
{
    public static string FileName(string caseNumber) => $"foreldrebrev-{caseNumber}.docx";

    public static byte[] Build(CaseDocumentData data, Actor sender, DateTime generatedAtUtc, UiText t)
    {
        var doc = new DocxWriter()
            .Paragraph($"{data.SchoolName}\n{t.Date(generatedAtUtc)}")
            .Field(t["Documents.CaseNumber"], data.CaseNumber)
            .Title(t.Format("Documents.Letter.Title", data.Pupil.FirstName))
            .Paragraph(t.Format("Documents.Letter.Greeting", data.PupilName, data.PupilGroup))
            .Paragraph(t.Format("Documents.Letter.Opened", data.SchoolName, t.Date(data.CreatedAtUtc), data.Pupil.FirstName));

        doc.Heading1(t["Documents.Letter.DutyHeading"])
            .Paragraph(t["Documents.Letter.Duty"]);

        doc.Heading1(t["Documents.Letter.NowHeading"])
            .Paragraph(t.Format("Documents.Letter.State", t.State(data.State)));
        if (data.Plans.Count > 0 && data.Plans[^1] is { } plan)
            doc.Paragraph(t.Format("Documents.Letter.Plan", plan.Version, t.Date(plan.AdoptedAtUtc), t.Date(plan.EvaluationDate)));
        else
            doc.Paragraph(t["Documents.Letter.NoPlan"]);

        doc.Heading1(t["Documents.Letter.RightsHeading"])
            .Paragraph(t.Format("Documents.Letter.RightHeard", data.Pupil.FirstName))
            .Paragraph(t["Documents.Letter.RightInformed"])
            .Paragraph(t["Documents.Letter.RightAccess"]);

        doc.Heading1(t["Documents.Letter.GovernorHeading"])
            .Paragraph(t.Format("Documents.Letter.Governor", data.SchoolName))
            .Paragraph(t["Documents.Letter.GovernorHow"]);

        doc.Heading1(t["Documents.Letter.ContactHeading"])
            .Paragraph(t.Format("Documents.Letter.Contact", data.SchoolName))
            .Paragraph(t["Documents.Letter.Regards"])
            .Paragraph($"{sender.Name}\n{t.Role(sender.Role)}, {(sender.Role == Role.SchoolOwnerTeam ? data.SchoolOwnerName : data.SchoolName)}");

        return doc.ToBytes(t.Format("Documents.Letter.FileTitle", data.CaseNumber), PlanDocument.Language());
    }
}
