using System.Text.Json;
using Aktivitetsplikt.Web.Infrastructure;

namespace Aktivitetsplikt.Web.Tests.Features.Statistics;

public class StatisticsTextTests
{
    private static Dictionary<string, string> Resource(string culture)
    {
        using var stream = typeof(JsonStringLocalizerFactory).Assembly.GetManifestResourceStream($"Aktivitetsplikt.Web.Resources.statistics.{culture}.json")
            ?? throw new InvalidOperationException($"statistics.{culture}.json is not embedded.");
        return JsonSerializer.Deserialize<Dictionary<string, string>>(stream)!;
    }

    [Fact]
    public void BokmalAndNynorsk_HaveTheSameKeys_AllNonEmpty()
    {
        var bokmal = Resource("nb-NO");
        var nynorsk = Resource("nn-NO");

        nynorsk.Keys.Should().BeEquivalentTo(bokmal.Keys);
        bokmal.Keys.Should().OnlyContain(k => k.StartsWith("Statistics.") || k.StartsWith("Validation.Period") || k.StartsWith("AuditAction.Export"));
        bokmal.Values.Concat(nynorsk.Values).Should().OnlyContain(v => !string.IsNullOrWhiteSpace(v));
    }

    [Theory]
    [InlineData("nb-NO")]
    [InlineData("nn-NO")]
    public void MergedWithTheOtherResourceFiles_NoKeyIsDefinedTwice(string culture)
    {
        var load = () => JsonStringLocalizerFactory.Load(culture);

        load.Should().NotThrow();
    }
}
