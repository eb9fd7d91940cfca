namespace CloudAuditor.UnitTests.Support;

/// <summary>A clock that always says the same time, for rules about ages and expiries.</summary>
internal sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
