using Aktivitetsplikt.Web.Infrastructure;

namespace Aktivitetsplikt.Web.Features.Evidence;

/// <summary>
/// Where attachments' bytes live and how large one may be. <c>Attachments:Folder</c> (default <c>attachments</c> in the
/// data folder, outside the web root) and <c>Attachments:MaxMegabytes</c> (default 20).
/// </summary>
public sealed record AttachmentSettings(string Folder, long MaxBytes)
{
    public const int DefaultMaxMegabytes = 20;
    /// <summary>The most <c>Attachments:MaxMegabytes</c> may say: the upload endpoint's request limit is set above it.</summary>
    public const int MaxMegabytes = 100;

    public static AttachmentSettings FromConfiguration(IConfiguration configuration, string dataFolder)
    {
        var configured = configuration["Attachments:Folder"];
        var folder = string.IsNullOrWhiteSpace(configured) ? Path.Combine(dataFolder, "attachments") : Path.GetFullPath(configured);
        var megabytes = configuration.GetValue<int?>("Attachments:MaxMegabytes") ?? DefaultMaxMegabytes;
        if (megabytes is < 1 or > MaxMegabytes)
            throw new InvalidOperationException($"Attachments:MaxMegabytes must be between 1 and {MaxMegabytes}; it is {megabytes}.");
        return new AttachmentSettings(folder, megabytes * 1024L * 1024L);
    }

    /// <summary>For tests and tools that configure nothing: a folder of the process's own under the temp folder.</summary>
    public static AttachmentSettings ForDataFolder(string dataFolder) =>
        new(Path.Combine(string.IsNullOrWhiteSpace(dataFolder) ? Path.Combine(Path.GetTempPath(), $"aktivitetsplikt-{Environment.ProcessId}") : dataFolder, "attachments"),
            DefaultMaxMegabytes * 1024L * 1024L);
}

/// <summary>
/// The attachments' bytes, one owner-only file per attachment named by its id, never overwritten and never deleted
/// (a withdrawn attachment keeps its file: the history is the documentation). Written before the row commits: a file
/// whose row never committed is an orphan nobody can reach, never a row without its file.
/// </summary>
public sealed class AttachmentStore(AttachmentSettings settings)
{
    public long MaxBytes => settings.MaxBytes;

    public async Task WriteAsync(Guid id, byte[] content, CancellationToken cancellationToken)
    {
        DataFolder.EnsurePrivateDirectory(settings.Folder);
        var path = PathOf(id);
        var temporary = path + ".part";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = DataFolder.PrivateFile;
        await using (var file = new FileStream(temporary, options))
        {
            await file.WriteAsync(content, cancellationToken);
            await file.FlushAsync(cancellationToken);
            file.Flush(flushToDisk: true);
        }
        File.Move(temporary, path, overwrite: false);
    }

    /// <summary>The bytes of an attachment, or null when its file is missing (restored database without the folder).</summary>
    public async Task<byte[]?> ReadAsync(Guid id, CancellationToken cancellationToken)
    {
        var path = PathOf(id);
        return File.Exists(path) ? await File.ReadAllBytesAsync(path, cancellationToken) : null;
    }

    public bool Exists(Guid id) => File.Exists(PathOf(id));

    private string PathOf(Guid id) => Path.Combine(settings.Folder, id.ToString("N"));
}
