using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Domain.Deadlines;
using Aktivitetsplikt.Web.Infrastructure;

namespace Aktivitetsplikt.Web.Tests.Features.Cases;

/// <summary>Every enum value the case pages name has a text in bokmål and in nynorsk, and the two files have the same keys.</summary>
public sealed class UiTextResourcesTests
{
    private static readonly Type[] NamedEnums =
    {
        typeof(CaseState), typeof(CaseTrigger), typeof(Role), typeof(RefusalCode), typeof(PlanPart), typeof(EntryKind),
        typeof(FlagKind), typeof(ConcernLocation), typeof(PupilView), typeof(MeasureStatus), typeof(DeadlineKind),
    };

    public static TheoryData<string> Cultures => new() { "nb-NO", "nn-NO" };

    [Theory]
    [MemberData(nameof(Cultures))]
    public void EveryValueOfEveryNamedEnum_HasAText(string culture)
    {
        var texts = JsonStringLocalizerFactory.Load(culture);

        var missing = NamedEnums
            .SelectMany(e => Enum.GetNames(e).Select(value => $"{e.Name}.{value}"))
            .Where(key => !texts.TryGetValue(key, out var text) || string.IsNullOrWhiteSpace(text))
            .ToList();

        missing.Should().BeEmpty($"every enum value needs a {culture} text");
    }

    [Fact]
    public void BokmalAndNynorsk_HaveTheSameKeys()
    {
        var bokmal = JsonStringLocalizerFactory.Load("nb-NO").Keys.ToHashSet();
        var nynorsk = JsonStringLocalizerFactory.Load("nn-NO").Keys.ToHashSet();

        bokmal.Should().NotBeEmpty();
        bokmal.Except(nynorsk).Should().BeEmpty("every bokmål key needs a nynorsk text");
        nynorsk.Except(bokmal).Should().BeEmpty("every nynorsk key needs a bokmål text");
    }

    [Theory]
    [MemberData(nameof(Cultures))]
    public void MergedFromEveryAreasFile_NoKeyIsDefinedTwice(string culture)
    {
        var load = () => JsonStringLocalizerFactory.Load(culture);

        load.Should().NotThrow("a key defined in two areas' files would make one of them silently lose");
    }
}
