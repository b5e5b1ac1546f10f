using System.Globalization;
using Aktivitetsplikt.Web.Features.Cases;
using Aktivitetsplikt.Web.Infrastructure;

namespace Aktivitetsplikt.Web.Features.Documents;

/// <summary>One plan version as the family and the archive get it. The printable page shows the same content.</summary>
public sealed record PlanDocumentModel(Guid CaseId, string CaseNumber, string SchoolName, string PupilName, string PupilGroup, PlanView Plan, bool Masked,
    DocumentSender? Sender = null);

/// <summary>
/// The activity plan as a .docx on the school's letterhead: pupil, version, who fixed it, the legal reference once,
/// the problem, one table of the measures (what, when, who, evaluated when, status), the plan's evaluation date,
/// the pupil's and the parents' views.
/// </summary>
public static class PlanDocument
{
    public static string FileName(string caseNumber, int version, bool masked) =>
        $"aktivitetsplan-{caseNumber}-v{version}{(masked ? "-skjermet" : "")}.docx";

    public static byte[] Build(PlanDocumentModel model, UiText t, DateTime generatedAtUtc)
    {
        var doc = DocumentFrame.Start(model.Sender ?? DocumentSender.NameOnly(model.SchoolName), model.CaseNumber, generatedAtUtc, t)
            .Title(t["Documents.Plan.Title"])
            .Paragraph(t["Documents.Plan.Law"]);
        doc.Field(t["Documents.School"], model.SchoolName)
            .Field(t["Documents.Pupil"], $"{model.PupilName}, {model.PupilGroup}");
        WriteVersionFields(doc, model.Plan, t);
        if (model.Masked) doc.Paragraph(t["Documents.Plan.MaskedNote"], bold: true);
        WriteParts(doc, model.Plan, t, nested: false);
        doc.Paragraph(t.Format("Documents.GeneratedAt", t.Time(generatedAtUtc)), small: true);
        return doc.ToBytes(t.Format("Documents.Plan.FileTitle", model.CaseNumber, model.Plan.Version), Language());
    }

    public static void WriteVersionFields(DocxWriter doc, PlanView plan, UiText t)
    {
        doc.Field(t["Documents.Plan.Version"], plan.Version.ToString(CultureInfo.InvariantCulture))
            .Field(t["Documents.Plan.AdoptedAt"], t.Date(plan.AdoptedAtUtc))
            .Field(t["Documents.Plan.AdoptedBy"], $"{plan.AdoptedByName} ({t.Role(plan.AdoptedByRole)})");
        if (!string.IsNullOrWhiteSpace(plan.ChangeSummary)) doc.Field(t["Plan.ChangeSummary"], plan.ChangeSummary);
    }

    /// <summary>
    /// The five parts § 12-4 third paragraph requires: a) under its own heading; b)–e) as one table whose columns
    /// are the law's parts, each measure with its own evaluation date; then e) the plan's evaluation date and the views.
    /// The legal reference stands once, at the top of the document or of the plan's section in the bundle.
    /// </summary>
    public static void WriteParts(DocxWriter doc, PlanView plan, UiText t, bool nested)
    {
        DocxWriter Heading(string text) => nested ? doc.Heading3(text) : doc.Heading1(text);

        Heading(t["PlanPart.Problem"]).Paragraph(plan.Problem);
        Heading(t["Documents.Plan.MeasuresHeading"]);
        doc.Table(
            [t["Documents.Number"], t["Documents.Plan.Col.What"], t["Documents.Plan.Col.When"], t["Documents.Plan.Col.Who"], t["Documents.Plan.Col.Evaluated"], t["Plan.Status"]],
            plan.Measures.Select(m => (IReadOnlyList<string>)
            [
                m.Order.ToString(CultureInfo.InvariantCulture), m.Description, m.When, m.ResponsibleName,
                t.Date(m.EvaluateOn ?? plan.EvaluationDate), Status(m, t),
            ]),
            [3, 12, 7, 8, 7, 6]);
        Heading(t["PlanPart.EvaluationDate"]).Paragraph(t.Format("Documents.Plan.EvaluationDate", t.Date(plan.EvaluationDate)));

        Heading(t["Plan.PupilViewHeading"]).Paragraph(plan.PupilView ?? t["Plan.NotRecorded"]);
        if (!string.IsNullOrWhiteSpace(plan.PupilHeardHow)) doc.Field(t["Plan.PupilHeardHow"], plan.PupilHeardHow);
        Heading(t["Plan.ParentsViewHeading"]).Paragraph(plan.ParentsView ?? t["Plan.NotRecorded"]);
        if (!string.IsNullOrWhiteSpace(plan.ParentsInformedHow)) doc.Field(t["Plan.ParentsInformedHow"], plan.ParentsInformedHow);
    }

    public static string Status(MeasureView measure, UiText t) =>
        string.IsNullOrWhiteSpace(measure.StatusNote) ? t.Enum(measure.Status) : $"{t.Enum(measure.Status)}: {measure.StatusNote}";

    public static string Language() => CultureInfo.CurrentUICulture.Name == "nn-NO" ? "nn-NO" : "nb-NO";
}
