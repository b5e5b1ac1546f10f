using Aktivitetsplikt.Web.Features.Cases;
using AutoMapper;
using AutoMapper.Internal;

namespace Aktivitetsplikt.Web.Tests.Features.Cases;

public sealed class ReadModelsTests
{
    [Fact]
    public void CaseReadModelProfile_ConfigurationIsValid()
    {
        CaseReadModelProfile.CreateConfiguration().AssertConfigurationIsValid();
    }

    /// <summary>
    /// AutoMapper below 15.1.1 can recurse without bound over self-referential graphs (GHSA-rvv3-g6hj-g44x;
    /// ADR 005). No read model may reach its own type through its members, or its map needs MaxDepth.
    /// </summary>
    [Fact]
    public void NoMappedReadModel_RefersToItself_SoNoMapCanRecurse()
    {
        var maps = ((IConfigurationProvider)CaseReadModelProfile.CreateConfiguration()).Internal().GetAllTypeMaps();

        maps.Should().NotBeEmpty();
        foreach (var map in maps.Where(m => m.MaxDepth == 0))
            Reaches(map.DestinationType, map.DestinationType, []).Should().BeFalse(
                $"{map.DestinationType.Name} refers to itself: set MaxDepth on its map (ADR 005)");
    }

    private static bool Reaches(Type from, Type target, HashSet<Type> seen)
    {
        foreach (var member in from.GetProperties())
        {
            var type = member.PropertyType;
            var element = type.IsGenericType ? type.GetGenericArguments()[0] : type.IsArray ? type.GetElementType()! : type;
            if (element == target) return true;
            if (element.Namespace?.StartsWith("Aktivitetsplikt", StringComparison.Ordinal) == true && !element.IsEnum && seen.Add(element)
                && Reaches(element, target, seen))
                return true;
        }
        return false;
    }
}
