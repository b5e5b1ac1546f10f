using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Localization;

namespace Aktivitetsplikt.Web.Infrastructure;

/// <summary>
/// UI text from the resource files Resources/*.nb-NO.json (bokmål, the default) and
/// Resources/*.nn-NO.json (nynorsk), one pair per area, embedded in the assembly and merged. A key missing in nynorsk falls
/// back to bokmål; a key missing in both shows the key, and a test fails on any such key.
/// </summary>
public sealed class JsonStringLocalizerFactory : IStringLocalizerFactory
{
    private readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, string>> _cultures = new();

    public IStringLocalizer Create(Type resourceSource) => new JsonStringLocalizer(this);

    public IStringLocalizer Create(string baseName, string location) => new JsonStringLocalizer(this);

    internal IReadOnlyDictionary<string, string> For(string culture) => _cultures.GetOrAdd(culture, Load);

    public static IReadOnlyDictionary<string, string> Load(string culture)
    {
        var assembly = typeof(JsonStringLocalizerFactory).Assembly;
        var merged = new Dictionary<string, string>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith("Aktivitetsplikt.Web.Resources.") && n.EndsWith($".{culture}.json")).Order())
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            foreach (var (key, value) in JsonSerializer.Deserialize<Dictionary<string, string>>(stream) ?? new())
            {
                if (!merged.TryAdd(key, value))
                    throw new InvalidOperationException($"The UI text key '{key}' is defined twice ({name}).");
            }
        }
        return merged;
    }
}

public sealed class JsonStringLocalizer(JsonStringLocalizerFactory factory) : IStringLocalizer
{
    private const string DefaultCulture = "nb-NO";

    public LocalizedString this[string name]
    {
        get
        {
            var value = Find(name);
            return new LocalizedString(name, value ?? name, resourceNotFound: value is null);
        }
    }

    public LocalizedString this[string name, params object[] arguments]
    {
        get
        {
            var value = Find(name);
            return new LocalizedString(name, string.Format(CultureInfo.CurrentCulture, value ?? name, arguments), resourceNotFound: value is null);
        }
    }

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) =>
        factory.For(Culture()).Select(kv => new LocalizedString(kv.Key, kv.Value));

    private string? Find(string name)
    {
        if (factory.For(Culture()).TryGetValue(name, out var value)) return value;
        return factory.For(DefaultCulture).TryGetValue(name, out var fallback) ? fallback : null;
    }

    private static string Culture() => CultureInfo.CurrentUICulture.Name is "nn-NO" ? "nn-NO" : DefaultCulture;
}
