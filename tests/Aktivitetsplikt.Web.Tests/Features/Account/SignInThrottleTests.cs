using Aktivitetsplikt.Web.Features.Account;
using Aktivitetsplikt.Web.Tests.Support;
using Microsoft.Extensions.Options;

namespace Aktivitetsplikt.Web.Tests.Features.Account;

public sealed class SignInThrottleTests
{
    private readonly TestClock _clock = new(new DateTimeOffset(2026, 12, 1, 7, 45, 0, TimeSpan.Zero));
    private readonly SignInThrottle _throttle;

    public SignInThrottleTests() => _throttle = new SignInThrottle(Options.Create(new SignInThrottleOptions()), _clock);

    [Fact]
    public void FiveFailures_AreFree_ThenEachFurtherFailureDoublesTheWait()
    {
        var waits = new List<TimeSpan>();
        for (var failure = 1; failure <= 9; failure++)
        {
            _throttle.RecordFailure("randi.rektor", "198.51.100.7");
            var wait = _throttle.WaitBeforeTrying("randi.rektor", "198.51.100.7");
            waits.Add(wait);
            _clock.Advance(wait);
        }

        waits.Should().Equal(
            TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero,
            TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(16), TimeSpan.FromSeconds(32));
    }

    [Fact]
    public void TheWait_NeverPassesTheMaximum()
    {
        for (var failure = 1; failure <= 40; failure++) _throttle.RecordFailure("randi.rektor", "198.51.100.7");

        _throttle.WaitBeforeTrying("randi.rektor", "198.51.100.7").Should().Be(TimeSpan.FromMinutes(15));
    }

    [Fact]
    public void AThrottledName_IsFreeFromAnotherAddress_AndAnotherNameFromTheSameAddressIsFree()
    {
        for (var failure = 1; failure <= 7; failure++) _throttle.RecordFailure("randi.rektor", "198.51.100.7");

        _throttle.WaitBeforeTrying("randi.rektor", "198.51.100.7").Should().BePositive();
        _throttle.WaitBeforeTrying("randi.rektor", "203.0.113.20").Should().Be(TimeSpan.Zero);
        _throttle.WaitBeforeTrying("kari.laerer", "198.51.100.7").Should().Be(TimeSpan.Zero);
    }

    [Fact]
    public void ManyNamesFromOneAddress_ThrottleTheAddress_PastItsFreeFailures()
    {
        var free = new SignInThrottleOptions().Address.FreeFailures;
        for (var i = 0; i < free; i++) _throttle.RecordFailure($"bruker.{i}", "198.51.100.9");

        _throttle.WaitBeforeTrying("ny.bruker", "198.51.100.9").Should().Be(TimeSpan.FromSeconds(1));
        _throttle.WaitBeforeTrying("ny.bruker", "198.51.100.10").Should().Be(TimeSpan.Zero);
    }

    [Fact]
    public void Failures_AreForgotten_AQuarterOfAnHourAfterTheLast()
    {
        for (var failure = 1; failure <= 7; failure++) _throttle.RecordFailure("randi.rektor", "198.51.100.7");

        _clock.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));

        _throttle.WaitBeforeTrying("randi.rektor", "198.51.100.7").Should().Be(TimeSpan.Zero);
        _throttle.RecordFailure("randi.rektor", "198.51.100.7");
        _throttle.WaitBeforeTrying("randi.rektor", "198.51.100.7").Should().Be(TimeSpan.Zero, "counting starts again from one");
    }

    [Fact]
    public void ASuccessfulSignIn_ForgetsTheNamesFailuresAtThatAddress()
    {
        for (var failure = 1; failure <= 5; failure++) _throttle.RecordFailure("randi.rektor", "198.51.100.7");
        _clock.Advance(TimeSpan.FromSeconds(2));

        _throttle.RecordSuccess("randi.rektor", "198.51.100.7");
        _throttle.RecordFailure("randi.rektor", "198.51.100.7");

        _throttle.WaitBeforeTrying("randi.rektor", "198.51.100.7").Should().Be(TimeSpan.Zero);
    }
}
