namespace Aktivitetsplikt.Web.Infrastructure;

/// <summary>
/// The data folder holds records about children: the database, its write-ahead log, the key rings. Folders the app
/// creates are 0700 and files 0600 (owner only), on every Unix; Windows keeps its inherited ACLs.
/// </summary>
public static class DataFolder
{
    public const UnixFileMode PrivateDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    public const UnixFileMode PrivateFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Creates the folder owner-only; a folder the app made earlier (its own) is tightened to owner-only too.</summary>
    public static void EnsurePrivateDirectory(string path, bool tightenExisting = true)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }
        if (!Directory.Exists(path))
        {
            Directory.CreateDirectory(path, PrivateDirectory);
            return;
        }
        if (tightenExisting && File.GetUnixFileMode(path) != PrivateDirectory) File.SetUnixFileMode(path, PrivateDirectory);
    }

    /// <summary>Makes an existing file owner-only (read and write).</summary>
    public static void MakePrivate(string file)
    {
        if (OperatingSystem.IsWindows() || !File.Exists(file)) return;
        if (File.GetUnixFileMode(file) != PrivateFile) File.SetUnixFileMode(file, PrivateFile);
    }

    /// <summary>Writes a new file that is owner-only from its first byte (never readable by others, even briefly).</summary>
    public static void WritePrivateFile(string file, string content)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = PrivateFile;
        using var writer = new StreamWriter(file, System.Text.Encoding.UTF8, options);
        writer.Write(content);
    }

    /// <summary>
    /// The database file and SQLite's companions (-wal, -shm, -journal) owner-only. A missing database is created empty
    /// and owner-only first: SQLite gives its write-ahead log and shared-memory files the database file's permissions.
    /// </summary>
    public static void SecureDatabaseFiles(string databasePath)
    {
        if (OperatingSystem.IsWindows()) return;
        if (!File.Exists(databasePath))
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = PrivateFile };
            try { using var _ = new FileStream(databasePath, options); }
            catch (IOException) when (File.Exists(databasePath)) { }
        }
        foreach (var suffix in (string[])["", "-wal", "-shm", "-journal"]) MakePrivate(databasePath + suffix);
    }
}
