using Aktivitetsplikt.Web.Tests.Support;

namespace Aktivitetsplikt.Web.Tests.Features.Statistics;

public class StatisticsTextTests
{
    [Fact]
    public void BokmalAndNynorsk_HaveTheSameKeys_AllNonEmpty()
    {
        var bokmal = ResourceFiles.Read("statistics", "nb-NO");
        var nynorsk = ResourceFiles.Read("statistics", "nn-NO");

        nynorsk.Keys.Should().BeEquivalentTo(bokmal.Keys);
        bokmal.Keys.Should().OnlyContain(k => k.StartsWith("Statistics.") || k.StartsWith("Validation.Period") || k.StartsWith("AuditAction.Export"));
        bokmal.Values.Concat(nynorsk.Values).Should().OnlyContain(v => !string.IsNullOrWhiteSpace(v));
    }
}
