using Aktivitetsplikt.Web.Features.Cases;

namespace Aktivitetsplikt.Web.Tests.Features.Cases;

public sealed class ReadModelsTests
{
    [Fact]
    public void CaseReadModelProfile_ConfigurationIsValid()
    {
        CaseReadModelProfile.CreateConfiguration().AssertConfigurationIsValid();
    }
}
