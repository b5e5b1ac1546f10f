namespace Aktivitetsplikt.Domain.Tests;

/// <summary>
/// Committed files generated from the code (the workflow diagram). A test fails when one is stale; only with
/// AKTIVITETSPLIKT_REGENERATE_SAMPLES=1 does it write the fresh text, so a normal run changes no tracked file.
/// </summary>
internal static class GeneratedFiles
{
    public const string RefreshCommand = "AKTIVITETSPLIKT_REGENERATE_SAMPLES=1 dotnet test tests/Aktivitetsplikt.Domain.Tests";

    public static bool Regenerating => Environment.GetEnvironmentVariable("AKTIVITETSPLIKT_REGENERATE_SAMPLES") == "1";

    public static string PathInRepository(string relativePath)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Aktivitetsplikt.sln")))
                return Path.Combine(directory.FullName, relativePath);
        }
        throw new InvalidOperationException($"Aktivitetsplikt.sln not found above {AppContext.BaseDirectory}.");
    }

    /// <summary>The committed text; first replaced by <paramref name="fresh"/> when regenerating was asked for.</summary>
    public static string? Committed(string path, string fresh)
    {
        if (Regenerating && (!File.Exists(path) || File.ReadAllText(path) != fresh))
            File.WriteAllText(path, fresh);
        return File.Exists(path) ? File.ReadAllText(path) : null;
    }
}
