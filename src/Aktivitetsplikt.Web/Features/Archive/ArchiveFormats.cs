using System.Text;
using System.Text.RegularExpressions;
using Aktivitetsplikt.Domain.Cases;

namespace Aktivitetsplikt.Web.Features.Archive;

/// <summary>
/// What the archive package says of a file kept as it was given (an attachment): its PRONOM format and whether it is an
/// archive format as the National Archives' regulation lists them for documents and images (PDF/A; TIFF, JPEG, PNG for
/// photographs and images). A PDF that is not PDF/A-2 as <see cref="PdfAConverter.Validate"/> checks it, and a Word
/// document, are kept in their production format (variantformat "Produksjonsformat"); the Word document also gets a
/// PDF/A variant (ADR 020).
/// </summary>
public static partial class ArchiveFormats
{
    public static KeptFile Identify(byte[] bytes, AttachmentKind kind) => kind switch
    {
        AttachmentKind.Png => new KeptFile(bytes, ".png", "fmt/13", "PNG (ISO/IEC 15948)", true),
        AttachmentKind.Jpeg => Jpeg(bytes),
        AttachmentKind.Pdf => Pdf(bytes),
        AttachmentKind.Docx => new KeptFile(bytes, ".docx", Noark5Package.DocxFormat, "Office Open XML (Word)", false),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>JFIF 1.00/1.01/1.02 by the APP0 segment's version (fmt/42–44); any other JPEG (a camera's Exif) as a JPEG stream.</summary>
    private static KeptFile Jpeg(byte[] bytes)
    {
        var jfif = bytes.Length > 13 && bytes[3] == 0xE0 && bytes.AsSpan(6, 5).SequenceEqual("JFIF\0"u8);
        var format = !jfif ? "fmt/41" : (bytes[11], bytes[12]) switch
        {
            (1, 0) => "fmt/42",
            (1, 1) => "fmt/43",
            (1, 2) => "fmt/44",
            _ => "fmt/41",
        };
        return new KeptFile(bytes, ".jpg", format, jfif ? $"JPEG (ISO/IEC 10918-1), JFIF {bytes[11]}.{bytes[12]:D2}" : "JPEG (ISO/IEC 10918-1)", true);
    }

    private static KeptFile Pdf(byte[] bytes)
    {
        if (PdfAConverter.Validate(bytes).Count == 0)
        {
            var conformance = PdfAConverter.DeclaredConformance(bytes);
            var format = conformance switch { 'A' => "fmt/476", 'U' => "fmt/478", _ => Noark5Package.PdfA2bFormat };
            return new KeptFile(bytes, ".pdf", format, $"PDF/A-2{char.ToLowerInvariant(conformance ?? 'B')}", true);
        }
        var version = PdfVersion().Match(Encoding.ASCII.GetString(bytes, 0, Math.Min(bytes.Length, 16)));
        var number = version.Success ? version.Groups[1].Value : "";
        var puid = number switch
        {
            "1.0" => "fmt/14", "1.1" => "fmt/15", "1.2" => "fmt/16", "1.3" => "fmt/17", "1.4" => "fmt/18", "1.5" => "fmt/19", "1.6" => "fmt/20",
            "1.7" => "fmt/276", "2.0" => "fmt/1129", _ => "fmt/18",
        };
        return new KeptFile(bytes, ".pdf", puid, number.Length > 0 ? $"PDF {number}, ikke PDF/A" : "PDF, ikke PDF/A", false);
    }

    /// <summary>A file name part the package can carry on every file system: letters, digits and hyphens, at most 60.</summary>
    public static string SafeStem(string name)
    {
        var folded = name.ToLowerInvariant().Replace("æ", "ae").Replace("ø", "o").Replace("å", "a");
        var stem = NotSafe().Replace(folded, "-").Trim('-');
        return stem.Length == 0 ? "fil" : stem[..Math.Min(stem.Length, 60)].TrimEnd('-');
    }

    [GeneratedRegex(@"^%PDF-(\d\.\d)")]
    private static partial Regex PdfVersion();

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NotSafe();
}
