using System.IO.Compression;
using Aktivitetsplikt.Domain.Cases;

namespace Aktivitetsplikt.Web.Features.Evidence;

/// <summary>
/// What a file is, read from its content (the first bytes, and for a .docx the zip's directory), never from its name
/// or the browser's claim: PNG, JPEG, PDF and DOCX are taken; anything else, an executable named .pdf included, is not.
/// </summary>
public static class AttachmentFiles
{
    public const int MaxFileNameLength = 200;

    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] Pdf = "%PDF-"u8.ToArray();
    private static readonly byte[] Zip = [0x50, 0x4B, 0x03, 0x04];

    /// <summary>The kind the content shows, or null when it is none of the four.</summary>
    public static AttachmentKind? Detect(byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var head = content.AsSpan();
        if (head.StartsWith(Png)) return AttachmentKind.Png;
        if (head.StartsWith(Jpeg)) return AttachmentKind.Jpeg;
        if (head.StartsWith(Pdf)) return AttachmentKind.Pdf;
        if (head.StartsWith(Zip) && IsWordDocument(content)) return AttachmentKind.Docx;
        return null;
    }

    /// <summary>
    /// A .docx is a zip holding [Content_Types].xml and a word/ folder. Only the zip's directory is read, nothing is
    /// unpacked, so a zip bomb costs nothing; a damaged zip is simply not a document.
    /// </summary>
    private static bool IsWordDocument(byte[] content)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
            return zip.Entries.Any(e => e.FullName == "[Content_Types].xml")
                && zip.Entries.Any(e => e.FullName.StartsWith("word/", StringComparison.Ordinal));
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }

    public static string ContentType(AttachmentKind kind) => kind switch
    {
        AttachmentKind.Png => "image/png",
        AttachmentKind.Jpeg => "image/jpeg",
        AttachmentKind.Pdf => "application/pdf",
        AttachmentKind.Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static string Extension(AttachmentKind kind) => kind switch
    {
        AttachmentKind.Png => ".png",
        AttachmentKind.Jpeg => ".jpg",
        AttachmentKind.Pdf => ".pdf",
        AttachmentKind.Docx => ".docx",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>The name as typed on the user's machine, without its folders (browsers on Windows may send them).</summary>
    public static string BaseName(string? name)
    {
        var value = (name ?? "").Replace('\\', '/');
        var slash = value.LastIndexOf('/');
        return (slash >= 0 ? value[(slash + 1)..] : value).Trim();
    }

    /// <summary>The name a download gets: the uploaded name with the extension the content has (a PNG named .pdf is served as .png).</summary>
    public static string DownloadName(string fileName, AttachmentKind kind)
    {
        var extension = Extension(kind);
        var stem = Path.GetFileNameWithoutExtension(fileName);
        if (kind == AttachmentKind.Jpeg && Path.GetExtension(fileName).Equals(".jpeg", StringComparison.OrdinalIgnoreCase)) extension = ".jpeg";
        return (string.IsNullOrWhiteSpace(stem) ? "vedlegg" : stem) + extension;
    }

    /// <summary>"1,2 MB", "340 kB": a size as a person reads it.</summary>
    public static string Size(long bytes, IFormatProvider culture) => bytes switch
    {
        < 1024 => string.Format(culture, "{0} B", bytes),
        < 1024 * 1024 => string.Format(culture, "{0:0} kB", bytes / 1024.0),
        _ => string.Format(culture, "{0:0.0} MB", bytes / (1024.0 * 1024.0)),
    };
}
