using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Aktivitetsplikt.Web.Features.Documents;

/// <summary>
/// A small .docx writer for the case documents: a title, real Word headings (so the document has an outline
/// and screen readers can navigate it), paragraphs, labelled lines and simple tables, on A4 in the reader's
/// language; a letterhead, a header line on every page (the exemption from public access) and a footer with
/// page numbers, and blocks kept on one page (a signature). Everything the validator checks (element order,
/// required children) is written here once.
/// </summary>
public sealed class DocxWriter
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    private readonly List<OpenXmlElement> _blocks = [];
    private string? _headerText;
    private (string Prefix, string Page, string Of)? _footer;

    /// <summary>A small line at the top of every page, e.g. "Unntatt offentlighet, jf. …".</summary>
    public DocxWriter EveryPageHeader(string text)
    {
        _headerText = text;
        return this;
    }

    /// <summary>"{prefix} · {page} 1 {of} 3" at the foot of every page; the numbers are Word fields.</summary>
    public DocxWriter EveryPageFooter(string prefix, string page, string of)
    {
        _footer = (prefix, page, of);
        return this;
    }

    /// <summary>
    /// The sender on the left (its first line in bold) and the letter's particulars on the right (date, case
    /// number), as the top of a letter from the kommune; no borders.
    /// </summary>
    public DocxWriter Letterhead(IReadOnlyList<string> sender, IReadOnlyList<string> particulars)
    {
        var left = new TableCell(new TableCellProperties(new TableCellWidth { Width = "3000", Type = TableWidthUnitValues.Pct }));
        left.Append(Para(sender.Count > 0 ? sender[0] : "", null, bold: true, small: false));
        if (sender.Count > 1) left.Append(Para(string.Join("\n", sender.Skip(1)), null, bold: false, small: true));
        var right = new TableCell(new TableCellProperties(new TableCellWidth { Width = "2000", Type = TableWidthUnitValues.Pct }));
        foreach (var line in particulars.DefaultIfEmpty("")) right.Append(Para(line, null, bold: false, small: true));
        _blocks.Add(new Table(
            new TableProperties(new TableWidth { Width = "5000", Type = TableWidthUnitValues.Pct }),
            new TableGrid(new GridColumn { Width = "5783" }, new GridColumn { Width = "3855" }),
            new TableRow(left, right)));
        return Add(new Paragraph());
    }

    /// <summary>Everything <paramref name="write"/> adds stays on one page (a signature block with its greeting).</summary>
    public DocxWriter KeepTogether(Action<DocxWriter> write)
    {
        var first = _blocks.Count;
        write(this);
        for (var i = first; i < _blocks.Count; i++)
        {
            if (_blocks[i] is not Paragraph paragraph) continue;
            var properties = paragraph.ParagraphProperties ?? paragraph.PrependChild(new ParagraphProperties());
            properties.KeepLines = new KeepLines();
            if (i < _blocks.Count - 1) properties.KeepNext = new KeepNext();
        }
        return this;
    }

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

    /// <param name="widths">Relative column widths (e.g. 1, 6, 3); equal when left out.</param>
    public DocxWriter Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows, IReadOnlyList<int>? widths = null)
    {
        var relative = widths is { } w && w.Count == headers.Count ? w : headers.Select(_ => 1).ToList();
        var total = relative.Sum();
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
            new TableGrid(relative.Select(r => new GridColumn { Width = (9638 * r / total).ToString(System.Globalization.CultureInfo.InvariantCulture) })));
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
            var section = new SectionProperties();
            if (_headerText is { } headerText)
            {
                var header = main.AddNewPart<HeaderPart>();
                header.Header = new Header(SmallLine(JustificationValues.Right, TextRun(headerText, bold: false, small: true)));
                section.Append(new HeaderReference { Type = HeaderFooterValues.Default, Id = main.GetIdOfPart(header) });
            }
            if (_footer is { } footerText)
            {
                var footer = main.AddNewPart<FooterPart>();
                footer.Footer = new Footer(SmallLine(JustificationValues.Center,
                    TextRun($"{footerText.Prefix} · {footerText.Page} ", bold: false, small: true), PageField("PAGE"),
                    TextRun($" {footerText.Of} ", bold: false, small: true), PageField("NUMPAGES")));
                section.Append(new FooterReference { Type = HeaderFooterValues.Default, Id = main.GetIdOfPart(footer) });
            }
            section.Append(
                new PageSize { Width = 11906U, Height = 16838U },
                new PageMargin { Top = 1134, Right = 1134U, Bottom = 1134, Left = 1134U, Header = 567U, Footer = 567U, Gutter = 0U });
            body.Append(section);
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

    private static Paragraph SmallLine(JustificationValues justification, params OpenXmlElement[] content)
    {
        var paragraph = new Paragraph(new ParagraphProperties(new SpacingBetweenLines { After = "0" }, new Justification { Val = justification }));
        paragraph.Append(content);
        return paragraph;
    }

    /// <summary>A page-number field; the "1" is what shows until the reader's program updates it.</summary>
    private static SimpleField PageField(string instruction) =>
        new(TextRun("1", bold: false, small: true)) { Instruction = $" {instruction} " };

    private static TableRow Row(IReadOnlyList<string> cells, bool header)
    {
        // A row never splits across pages (it would leave an empty-looking row behind); the header row repeats on each page.
        var row = new TableRow(header ? new TableRowProperties(new CantSplit(), new TableHeader()) : new TableRowProperties(new CantSplit()));
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
            HeadingStyle("Title", "Title", null, "32"),
            HeadingStyle("Heading1", "heading 1", 0, "26"),
            HeadingStyle("Heading2", "heading 2", 1, "24"),
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
