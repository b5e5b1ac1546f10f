using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Aktivitetsplikt.Web.Tests.Features.Documents;

/// <summary>A generated .docx opened again: its validation errors, and its paragraphs in order with their styles.</summary>
public sealed record Docx(IReadOnlyList<string> ValidationErrors, IReadOnlyList<(string? Style, string Text)> Paragraphs, string? Title)
{
    /// <summary>The text at the top of every page.</summary>
    public string HeaderText { get; private init; } = "";

    /// <summary>The footer's text (field results included) and the instructions of its fields, e.g. PAGE.</summary>
    public string FooterText { get; private init; } = "";
    public IReadOnlyList<string> FooterFields { get; private init; } = [];

    public static Docx Open(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        using var document = WordprocessingDocument.Open(stream, false);
        var errors = new OpenXmlValidator().Validate(document).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
        var body = document.MainDocumentPart!.Document.Body!;
        var paragraphs = body.Descendants<Paragraph>()
            .Select(p => (p.ParagraphProperties?.ParagraphStyleId?.Val?.Value,
                string.Concat(p.Descendants().Select(e => e switch { Text t => t.Text, Break => "\n", _ => "" }))))
            .ToList();
        var header = document.MainDocumentPart.HeaderParts.FirstOrDefault()?.Header;
        var footer = document.MainDocumentPart.FooterParts.FirstOrDefault()?.Footer;
        return new Docx(errors, paragraphs, document.PackageProperties.Title)
        {
            HeaderText = header?.InnerText ?? "",
            FooterText = footer?.InnerText ?? "",
            FooterFields = footer?.Descendants<SimpleField>().Select(f => f.Instruction?.Value?.Trim() ?? "").ToList() ?? [],
        };
    }

    public string AllText => string.Join("\n", Paragraphs.Select(p => p.Text));

    public IReadOnlyList<string> Headings(string style) => Paragraphs.Where(p => p.Style == style).Select(p => p.Text).ToList();
}
