namespace SurveyBot.Testing;

/// <summary>A clock tests move by hand, so timestamps and durations are known.</summary>
public sealed class FixedClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
