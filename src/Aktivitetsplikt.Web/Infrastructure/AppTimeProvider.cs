namespace Aktivitetsplikt.Web.Infrastructure;

/// <summary>
/// The system clock, which the demo seeder can set back in time for the duration of one async
/// flow so that demo cases have a history and overdue deadlines made through the real commands.
/// </summary>
public sealed class AppTimeProvider : TimeProvider
{
    private static readonly AsyncLocal<DateTimeOffset?> Override = new();

    public override DateTimeOffset GetUtcNow() => Override.Value ?? base.GetUtcNow();

    public static IDisposable TravelTo(DateTimeOffset utcNow)
    {
        var previous = Override.Value;
        Override.Value = utcNow;
        return new Restore(previous);
    }

    private sealed class Restore(DateTimeOffset? previous) : IDisposable
    {
        public void Dispose() => Override.Value = previous;
    }
}

public static class TimeProviderExtensions
{
    public static DateTime UtcNow(this TimeProvider time) => time.GetUtcNow().UtcDateTime;
}
