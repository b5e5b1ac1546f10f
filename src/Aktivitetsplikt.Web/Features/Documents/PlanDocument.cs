using System.Globalization;
using Aktivitetsplikt.Web.Features.Cases;
using Aktivitetsplikt.Web.Infrastructure;

namespace Aktivitetsplikt.Web.Features.Documents;

/// <summary>One plan version as the family and the archive get it. The printable page shows the same content.</summary>
public sealed record PlanDocumentModel(Guid CaseId, string CaseNumber, string SchoolName, string PupilName, string PupilGroup, PlanView Plan, bool Masked);

/// <summary>The activity plan as a .docx: school, pupil, case, version, who adopted it, the five legal parts, the pupil's and the parents' views.</summary>
public static class PlanDocument
{
    public static string FileName(string caseNumber, int version, bool masked) =>
        $"aktivitetsplan-{caseNumber}-v{version}{(masked ? "-skjermet" : "")}.docx";

    public static byte[] Build(PlanDocumentModel model, UiText t, DateTime generatedAtUtc)
    {
        var doc = new DocxWriter()
            .Title(t["Documents.Plan.Title"])
            .Paragraph(t["Documents.Plan.Law"]);
        doc.Field(t["Documents.School"], model.SchoolName)
            .Field(t["Documents.Pupil"], $"{model.PupilName}, {model.PupilGroup}")
            .Field(t["Documents.CaseNumber"], model.CaseNumber);
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

    /// <summary>The five parts § 12-4 requires, each under its own heading with the law reference, then the pupil's and the parents' views.</summary>
    public static void WriteParts(DocxWriter doc, PlanView plan, UiText t, bool nested)
    {
        DocxWriter Heading(string text) => nested ? doc.Heading3(text) : doc.Heading1(text);
        string Part(string key) => t.Format("Documents.PartHeading", t[key], t["Documents.LegalRef"]);

        Heading(Part("PlanPart.Problem")).Paragraph(plan.Problem);
        Heading(Part("PlanPart.Measures"));
        doc.Table([t["Documents.Number"], t["Plan.Measure"], t["Plan.Status"]],
            plan.Measures.Select(m => (IReadOnlyList<string>)new[] { m.Order.ToString(CultureInfo.InvariantCulture), m.Description, Status(m, t) }));
        Heading(Part("PlanPart.When"));
        doc.Table([t["Documents.Number"], t["Plan.Measure"], t["Plan.When"]],
            plan.Measures.Select(m => (IReadOnlyList<string>)new[] { m.Order.ToString(CultureInfo.InvariantCulture), m.Description, m.When }));
        Heading(Part("PlanPart.Responsible"));
        doc.Table([t["Documents.Number"], t["Plan.Measure"], t["Plan.Responsible"]],
            plan.Measures.Select(m => (IReadOnlyList<string>)new[] { m.Order.ToString(CultureInfo.InvariantCulture), m.Description, m.ResponsibleName }));
        Heading(Part("PlanPart.EvaluationDate")).Paragraph(t.Date(plan.EvaluationDate));
        foreach (var measure in plan.Measures.Where(m => m.EvaluateOn is { } on && on != plan.EvaluationDate))
            doc.Paragraph(t.Format("Documents.Plan.MeasureEvaluatedOn", measure.Order, t.Date(measure.EvaluateOn)));

        Heading(t["Plan.PupilViewHeading"]).Paragraph(plan.PupilView ?? t["Plan.NotRecorded"]);
        if (!string.IsNullOrWhiteSpace(plan.PupilHeardHow)) doc.Field(t["Plan.PupilHeardHow"], plan.PupilHeardHow);
        Heading(t["Plan.ParentsViewHeading"]).Paragraph(plan.ParentsView ?? t["Plan.NotRecorded"]);
        if (!string.IsNullOrWhiteSpace(plan.ParentsInformedHow)) doc.Field(t["Plan.ParentsInformedHow"], plan.ParentsInformedHow);
    }

    public static string Status(MeasureView measure, UiText t) =>
        string.IsNullOrWhiteSpace(measure.StatusNote) ? t.Enum(measure.Status) : $"{t.Enum(measure.Status)}: {measure.StatusNote}";

    public static string Language() => CultureInfo.CurrentUICulture.Name == "nn-NO" ? "nn-NO" : "nb-NO";
}
