namespace Aktivitetsplikt.Web.Tests.Support;

/// <summary>A clock the test sets and moves; replaces the app's TimeProvider in the fixture.</summary>
public sealed class TestClock : TimeProvider
{
    public TestClock(DateTimeOffset start) => UtcNow = start;

    public DateTimeOffset UtcNow { get; set; }

    public DateTime UtcDateTime => UtcNow.UtcDateTime;

    public override DateTimeOffset GetUtcNow() => UtcNow;

    public void Advance(TimeSpan by) => UtcNow += by;
}
