using System.Text.Json;
using Aktivitetsplikt.Web.Infrastructure;

namespace Aktivitetsplikt.Web.Tests.Support;

/// <summary>One area's UI text file as embedded in the web assembly (e.g. "oversight", "nb-NO"), before merging.</summary>
public static class ResourceFiles
{
    public static Dictionary<string, string> Read(string area, string culture)
    {
        using var stream = typeof(JsonStringLocalizerFactory).Assembly.GetManifestResourceStream($"Aktivitetsplikt.Web.Resources.{area}.{culture}.json")
            ?? throw new InvalidOperationException($"{area}.{culture}.json is not embedded.");
        return JsonSerializer.Deserialize<Dictionary<string, string>>(stream)!;
    }
}
