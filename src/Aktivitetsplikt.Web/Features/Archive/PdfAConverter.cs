using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Aktivitetsplikt.Web.Features.Archive;

/// <summary>A document that could not be made into a valid PDF/A: the export stops rather than archive something else.</summary>
public sealed class PdfAConversionException(string message) : Exception(message);

/// <summary>
/// Turns the generated .docx files into PDF/A-2b with LibreOffice in headless mode (ADR 020): one soffice process for all
/// files of a run, in a profile folder of its own (so it never meets a desktop LibreOffice or another run), with a time
/// limit; then checks every result (<see cref="Validate"/>) before it goes into the package.
/// </summary>
public sealed partial class PdfAConverter(ArchiveOptions options, ILogger<PdfAConverter> logger)
{
    /// <summary>LibreOffice's PDF export filter asked for PDF/A-2 (SelectPdfVersion 2: PDF/A-2b), in the JSON filter options LibreOffice 7.4 reads.</summary>
    public const string Filter = "pdf:writer_pdf_Export:{\"SelectPdfVersion\":{\"type\":\"long\",\"value\":\"2\"}}";

    /// <summary>The converter as the archive package names it (konverteringsverktoey), read once from soffice --version.</summary>
    public string ToolName => _toolName ??= ReadVersion();

    private string? _toolName;

    /// <summary>Converts each (name, .docx) to (name, PDF/A bytes), in the same order; throws when soffice fails or a result is not PDF/A.</summary>
    public async Task<IReadOnlyList<byte[]>> ConvertAsync(IReadOnlyList<(string Name, byte[] Docx)> documents, CancellationToken cancellationToken)
    {
        if (documents.Count == 0) return [];
        var work = Path.Combine(Path.GetTempPath(), "aktivitetsplikt-pdfa-" + Guid.NewGuid().ToString("N"));
        var input = Path.Combine(work, "in");
        var output = Path.Combine(work, "out");
        Directory.CreateDirectory(input);
        Directory.CreateDirectory(output);
        try
        {
            var files = documents.Select((d, i) => Path.Combine(input, $"{i:D4}.docx")).ToList();
            for (var i = 0; i < files.Count; i++) await File.WriteAllBytesAsync(files[i], documents[i].Docx, cancellationToken);

            var start = new ProcessStartInfo(options.SofficePath) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in (string[])[$"-env:UserInstallation=file://{Path.Combine(work, "profile")}", "--headless", "--norestore",
                         "--nolockcheck", "--convert-to", Filter, "--outdir", output])
                start.ArgumentList.Add(argument);
            foreach (var file in files) start.ArgumentList.Add(file);

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(options.ConversionTimeoutSeconds + 5 * documents.Count));
            using var process = Start(start);
            var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
            var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                process.Kill(entireProcessTree: true);
                throw new PdfAConversionException($"LibreOffice did not finish converting {documents.Count} documents in time.");
            }
            logger.LogInformation("LibreOffice converted {Count} documents to PDF/A: {Output}", documents.Count, (await stdout).Trim());

            var results = new List<byte[]>();
            for (var i = 0; i < files.Count; i++)
            {
                var pdf = Path.Combine(output, $"{i:D4}.pdf");
                if (!File.Exists(pdf))
                    throw new PdfAConversionException($"LibreOffice made no PDF of {documents[i].Name} (exit code {process.ExitCode}): {(await stderr).Trim()}");
                var bytes = await File.ReadAllBytesAsync(pdf, cancellationToken);
                var problems = Validate(bytes, pdf);
                if (problems.Count > 0) throw new PdfAConversionException($"{documents[i].Name} is not valid PDF/A: {string.Join("; ", problems)}");
                results.Add(bytes);
            }
            return results;
        }
        finally
        {
            try { Directory.Delete(work, recursive: true); }
            catch (IOException ex) { logger.LogWarning(ex, "Could not remove the conversion folder {Folder}", work); }
        }
    }

    private Process Start(ProcessStartInfo start)
    {
        try
        {
            return Process.Start(start) ?? throw new PdfAConversionException($"{options.SofficePath} could not be started.");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new PdfAConversionException($"LibreOffice could not be started from {options.SofficePath} (Archive:SofficePath): {ex.Message}");
        }
    }

    [GeneratedRegex(@"pdfaid:part(?:>|=[""'])\s*(\d)")]
    private static partial Regex PdfAPart();

    [GeneratedRegex(@"/Type\s*/FontDescriptor")]
    private static partial Regex FontDescriptor();

    [GeneratedRegex(@"pdfaid:conformance(?:>|=[""'])\s*([ABUabu])")]
    private static partial Regex PdfAConformance();

    /// <summary>
    /// What is checked of a PDF/A here (not a full veraPDF validation, ADR 020): the %PDF- header and %%EOF trailer, XMP
    /// metadata declaring PDF/A part 2 (pdfaid:part and pdfaid:conformance), no encryption, an output intent, and every
    /// font embedded — read with poppler's pdffonts when <paramref name="path"/> is given and pdffonts is installed,
    /// otherwise every font descriptor must carry a FontFile stream.
    /// </summary>
    public static IReadOnlyList<string> Validate(byte[] pdf, string? path = null)
    {
        var problems = new List<string>();
        var text = Encoding.Latin1.GetString(pdf);
        if (!text.StartsWith("%PDF-", StringComparison.Ordinal)) problems.Add("no %PDF- header");
        if (!text.TrimEnd().EndsWith("%%EOF", StringComparison.Ordinal)) problems.Add("no %%EOF at the end");
        var part = PdfAPart().Match(text);
        if (!part.Success) problems.Add("no pdfaid:part in the XMP metadata");
        else if (part.Groups[1].Value != "2") problems.Add($"pdfaid:part is {part.Groups[1].Value}, not 2");
        if (!PdfAConformance().IsMatch(text)) problems.Add("no pdfaid:conformance in the XMP metadata");
        if (text.Contains("/Encrypt", StringComparison.Ordinal)) problems.Add("encrypted");
        if (!text.Contains("/OutputIntents", StringComparison.Ordinal)) problems.Add("no output intent");
        var fonts = path is not null ? PdfFonts(path) : null;
        if (fonts is not null) problems.AddRange(fonts);
        else if (FontDescriptor().Matches(text).Count > CountOf(text, "/FontFile"))
            problems.Add("a font without an embedded font file");
        return problems;
    }

    /// <summary>The conformance level (A, B or U) a PDF's XMP metadata declares, or null.</summary>
    public static char? DeclaredConformance(byte[] pdf) =>
        PdfAConformance().Match(Encoding.Latin1.GetString(pdf)) is { Success: true } match ? char.ToUpperInvariant(match.Groups[1].Value[0]) : null;

    private static int CountOf(string text, string token)
    {
        var count = 0;
        for (var i = text.IndexOf(token, StringComparison.Ordinal); i >= 0; i = text.IndexOf(token, i + token.Length, StringComparison.Ordinal)) count++;
        return count;
    }

    /// <summary>The fonts pdffonts lists as not embedded; null when pdffonts is not there to ask.</summary>
    public static IReadOnlyList<string>? PdfFonts(string path)
    {
        const string tool = "/usr/bin/pdffonts";
        if (!File.Exists(tool)) return null;
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(path);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit(30_000);
        if (process.ExitCode != 0) return [$"pdffonts could not read the file: {process.StandardError.ReadToEnd().Trim()}"];
        // name, type…, encoding, then the columns emb sub uni object ID: "emb" is the fourth from the end.
        return output.Split('\n').Skip(2).Where(l => l.Trim().Length > 0)
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(c => c.Length >= 6 && c[^5] != "yes")
            .Select(c => $"font {c[0]} is not embedded").ToList();
    }

    private string ReadVersion()
    {
        try
        {
            var start = new ProcessStartInfo(options.SofficePath, "--version") { RedirectStandardOutput = true, UseShellExecute = false };
            using var process = Process.Start(start)!;
            var line = process.StandardOutput.ReadLine()?.Trim();
            process.WaitForExit(30_000);
            return string.IsNullOrEmpty(line) ? "LibreOffice" : string.Join(' ', line.Split(' ').Take(2));
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "LibreOffice";
        }
    }
}
