using Aktivitetsplikt.Web.Features.Notifications;
using Aktivitetsplikt.Web.Infrastructure;

namespace Aktivitetsplikt.Web.Tests.Features.Notifications;

public sealed class NotificationTextTests
{
    [Theory]
    [InlineData("nb-NO")]
    [InlineData("nn-NO")]
    public void EveryNotificationKind_HasAText(string culture)
    {
        var texts = JsonStringLocalizerFactory.Load(culture);

        Enum.GetNames<NotificationKind>().Select(kind => $"NotificationKind.{kind}")
            .Where(key => !texts.TryGetValue(key, out var text) || string.IsNullOrWhiteSpace(text))
            .Should().BeEmpty();
    }
}
