using System.IO.Compression;
using System.Text;
using Aktivitetsplikt.Web.Features.Evidence;

namespace Aktivitetsplikt.Web.Features.Documents;

/// <summary>
/// The county governor's bundle with the attached files themselves (ADR 018): a zip holding the bundle's .docx and, under
/// <c>vedlegg/</c>, each attachment that is not withdrawn, as it was given, under the name the index gives (with the
/// extension its content has; a second file of the same name gets " (2)"), and <c>vedlegg/sha256.txt</c> with every file's
/// SHA-256 in <c>sha256sum -c</c> form, the same hashes the bundle's table "Vedlagte filer" states.
/// </summary>
public static class BundlePackage
{
    public const string ContentType = "application/zip";
    public const string Folder = "vedlegg";
    public const string ChecksumFile = "sha256.txt";

    public static string FileName(string caseNumber) => $"dokumentasjon-{caseNumber}.zip";

    public static byte[] Zip(string bundleFileName, byte[] bundle, IReadOnlyList<(AttachmentView Attachment, byte[] Content)> files)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            Add(zip, bundleFileName, bundle);
            var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var checksums = new StringBuilder();
            foreach (var (attachment, content) in files)
            {
                var name = Unique(attachment.DownloadName, used);
                Add(zip, $"{Folder}/{name}", content);
                checksums.Append(attachment.Sha256).Append("  ").Append(name).Append('\n');
            }
            Add(zip, $"{Folder}/{ChecksumFile}", new UTF8Encoding(false).GetBytes(checksums.ToString()));
        }
        return stream.ToArray();
    }

    private static string Unique(string name, HashSet<string> used)
    {
        var candidate = name;
        for (var n = 2; !used.Add(candidate); n++) candidate = $"{Path.GetFileNameWithoutExtension(name)} ({n}){Path.GetExtension(name)}";
        return candidate;
    }

    private static void Add(ZipArchive zip, string name, byte[] content)
    {
        using var entry = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
        entry.Write(content);
    }
}
