using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Aktivitetsplikt.Web.Features.Documents;

/// <summary>
/// A small .docx writer for the case documents: a title, real Word headings (so the document has an outline
/// and screen readers can navigate it), paragraphs, labelled lines and simple tables, on A4 in the reader's
/// language. Everything the validator checks (element order, required children) is written here once.
/// </summary>
public sealed class DocxWriter
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    private readonly List<OpenXmlElement> _blocks = [];

    public DocxWriter Title(string text) => Add(Para(text, "Title"));

    public DocxWriter Heading1(string text) => Add(Para(text, "Heading1"));

    public DocxWriter Heading2(string text) => Add(Para(text, "Heading2"));

    public DocxWriter Heading3(string text) => Add(Para(text, "Heading3"));

    /// <summary>A paragraph; line breaks in the text are kept.</summary>
    public DocxWriter Paragraph(string text, bool bold = false, bool small = false) => Add(Para(text, null, bold, small));

    /// <summary>"Label: value" with the label in bold.</summary>
    public DocxWriter Field(string label, string value)
    {
        var paragraph = new Paragraph(new ParagraphProperties(new SpacingBetweenLines { After = "40" }));
        paragraph.Append(TextRun(label + ": ", bold: true, small: false));
        foreach (var run in TextRuns(value, bold: false, small: false)) paragraph.Append(run);
        return Add(paragraph);
    }

    public DocxWriter Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        var table = new Table(
            new TableProperties(
                new TableWidth { Width = "5000", Type = TableWidthUnitValues.Pct },
                new TableBorders(
                    new TopBorder { Val = BorderValues.Single, Size = 4 },
                    new LeftBorder { Val = BorderValues.Single, Size = 4 },
                    new BottomBorder { Val = BorderValues.Single, Size = 4 },
                    new RightBorder { Val = BorderValues.Single, Size = 4 },
                    new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 },
                    new InsideVerticalBorder { Val = BorderValues.Single, Size = 4 })),
            new TableGrid(headers.Select(_ => new GridColumn { Width = (9638 / headers.Count).ToString(System.Globalization.CultureInfo.InvariantCulture) })));
        table.Append(Row(headers, header: true));
        foreach (var row in rows) table.Append(Row(row, header: false));
        _blocks.Add(table);
        // Word needs a paragraph between a table and what follows it.
        return Add(new Paragraph());
    }

    /// <summary>The finished document's bytes.</summary>
    public byte[] ToBytes(string title, string language)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            document.PackageProperties.Title = title;
            document.PackageProperties.Creator = "Aktivitetsplikt";
            var main = document.AddMainDocumentPart();
            var styles = main.AddNewPart<StyleDefinitionsPart>();
            styles.Styles = Styles(language);
            var body = new Body();
            foreach (var block in _blocks) body.Append(block.CloneNode(true));
            body.Append(new SectionProperties(
                new PageSize { Width = 11906U, Height = 16838U },
                new PageMargin { Top = 1134, Right = 1134U, Bottom = 1134, Left = 1134U, Header = 708U, Footer = 708U, Gutter = 0U }));
            main.Document = new Document(body);
        }
        return stream.ToArray();
    }

    private DocxWriter Add(OpenXmlElement element)
    {
        _blocks.Add(element);
        return this;
    }

    private static Paragraph Para(string text, string? style, bool bold = false, bool small = false)
    {
        var paragraph = new Paragraph();
        if (style is not null) paragraph.Append(new ParagraphProperties(new ParagraphStyleId { Val = style }));
        foreach (var run in TextRuns(text, bold, small)) paragraph.Append(run);
        return paragraph;
    }

    private static IEnumerable<Run> TextRuns(string text, bool bold, bool small)
    {
        var lines = XmlSafeText.Clean(text).Replace("\r\n", "\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var run = TextRun(lines[i], bold, small);
            if (i > 0) run.InsertAt(new Break(), run.RunProperties is null ? 0 : 1);
            yield return run;
        }
    }

    private static Run TextRun(string text, bool bold, bool small)
    {
        var run = new Run();
        if (bold || small)
        {
            var properties = new RunProperties();
            if (bold) properties.Append(new Bold());
            if (small) properties.Append(new FontSize { Val = "18" });
            run.Append(properties);
        }
        run.Append(new Text(text) { Space = SpaceProcessingModeValues.Preserve });
        return run;
    }

    private static TableRow Row(IReadOnlyList<string> cells, bool header)
    {
        var row = new TableRow();
        if (header) row.Append(new TableRowProperties(new TableHeader()));
        foreach (var cell in cells)
            row.Append(new TableCell(Para(cell, null, bold: header, small: false)));
        return row;
    }

    private static Styles Styles(string language) =>
        new(
            new DocDefaults(
                new RunPropertiesDefault(new RunPropertiesBaseStyle(
                    new RunFonts { Ascii = "Calibri", HighAnsi = "Calibri", ComplexScript = "Calibri" },
                    new FontSize { Val = "22" },
                    new FontSizeComplexScript { Val = "22" },
                    new Languages { Val = language })),
                new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(new SpacingBetweenLines { After = "120", Line = "264", LineRule = LineSpacingRuleValues.Auto }))),
            new Style(new StyleName { Val = "Normal" }, new PrimaryStyle()) { Type = StyleValues.Paragraph, StyleId = "Normal", Default = true },
            HeadingStyle("Title", "Title", null, "40"),
            HeadingStyle("Heading1", "heading 1", 0, "32"),
            HeadingStyle("Heading2", "heading 2", 1, "26"),
            HeadingStyle("Heading3", "heading 3", 2, "22"));

    private static Style HeadingStyle(string id, string name, int? outlineLevel, string size)
    {
        var paragraph = new StyleParagraphProperties(new KeepNext(), new SpacingBetweenLines { Before = "240", After = "80" });
        if (outlineLevel is { } level) paragraph.Append(new OutlineLevel { Val = level });
        return new Style(
            new StyleName { Val = name },
            new BasedOn { Val = "Normal" },
            new NextParagraphStyle { Val = "Normal" },
            new PrimaryStyle(),
            paragraph,
            new StyleRunProperties(new Bold(), new FontSize { Val = size }, new FontSizeComplexScript { Val = size }))
        { Type = StyleValues.Paragraph, StyleId = id };
    }
}
