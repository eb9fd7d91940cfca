using CloudAuditor.Core.Http;

namespace CloudAuditor.UnitTests.Core.Http;

public sealed class RetryAfterTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 8, 0, 0, TimeSpan.Zero);

    private static TimeSpan? Read(params (string Name, string Value)[] headers) =>
        RetryAfter.From(name => headers.FirstOrDefault(h => h.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).Value, Now);

    [Fact]
    public void Azures_milliseconds_come_first() =>
        Assert.Equal(TimeSpan.FromMilliseconds(1500), Read(("Retry-After", "9"), ("x-ms-retry-after-ms", "1500")));

    [Fact]
    public void Retry_after_ms_is_read_too() => Assert.Equal(TimeSpan.FromMilliseconds(40), Read(("retry-after-ms", "40")));

    [Fact]
    public void Seconds_are_read() => Assert.Equal(TimeSpan.FromSeconds(7), Read(("Retry-After", "7")));

    [Fact]
    public void A_date_is_the_time_until_it() => Assert.Equal(TimeSpan.FromSeconds(30), Read(("Retry-After", "Mon, 07 Dec 2026 08:00:30 GMT")));

    [Theory]
    [InlineData("Mon, 07 Dec 2026 07:59:00 GMT")]
    [InlineData("soon")]
    [InlineData("-3")]
    public void A_date_already_past_or_a_value_that_is_no_wait_asks_for_nothing(string value) => Assert.Null(Read(("Retry-After", value)));

    [Fact]
    public void No_header_asks_for_nothing() => Assert.Null(Read());
}
