using CloudAuditor.Core.Config;
using CloudAuditor.Core.Http;
using Microsoft.Extensions.Time.Testing;

namespace CloudAuditor.UnitTests.Core.Http;

public sealed class RequestBudgetTests
{
    private static readonly RequestEndpoint Account = new(EndpointKind.StorageAccount, "prod");
    private static readonly RequestEndpoint Other = new(EndpointKind.StorageAccount, "dev");

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 7, 8, 0, 0, TimeSpan.Zero));

    private RequestBudget Budget(int perSecond = 10) => new(new RequestRates { StorageAccount = perSecond, Bucket = perSecond, ArmSubscription = perSecond },
        _time);

    [Fact]
    public void A_seconds_worth_goes_at_once_then_requests_are_spaced_at_the_rate()
    {
        var budget = Budget(perSecond: 10);
        for (var i = 0; i < 10; i++) Assert.Equal(TimeSpan.Zero, budget.Reserve(Account));
        Assert.Equal(TimeSpan.FromMilliseconds(100), budget.Reserve(Account));
        Assert.Equal(TimeSpan.FromMilliseconds(200), budget.Reserve(Account));
        // Another endpoint has a budget of its own.
        Assert.Equal(TimeSpan.Zero, budget.Reserve(Other));

        _time.Advance(TimeSpan.FromSeconds(2));
        for (var i = 0; i < 10; i++) Assert.Equal(TimeSpan.Zero, budget.Reserve(Account));
        Assert.Equal(TimeSpan.FromMilliseconds(100), budget.Reserve(Account));
    }

    [Fact]
    public void A_throttled_endpoint_is_paused_for_as_long_as_it_asks_and_the_others_are_not()
    {
        var budget = Budget();
        budget.Answered(Account, 503, TimeSpan.FromSeconds(2));
        Assert.Equal(TimeSpan.FromSeconds(2), budget.Reserve(Account));
        Assert.Equal(TimeSpan.Zero, budget.Reserve(Other));
        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(TimeSpan.Zero, budget.Reserve(Account));
    }

    [Fact]
    public void Without_retry_after_the_pause_doubles_while_throttles_continue_and_resets_after_an_answer()
    {
        var budget = Budget(perSecond: 1000);
        budget.Answered(Account, 429, null);
        Assert.Equal(TimeSpan.FromMilliseconds(250), budget.Reserve(Account));
        _time.Advance(TimeSpan.FromSeconds(1));
        budget.Answered(Account, 429, null);
        Assert.Equal(TimeSpan.FromMilliseconds(500), budget.Reserve(Account));
        _time.Advance(TimeSpan.FromSeconds(1));
        budget.Answered(Account, 200, null);
        budget.Answered(Account, 503, null);
        Assert.Equal(TimeSpan.FromMilliseconds(250), budget.Reserve(Account));
    }

    [Fact]
    public void A_service_that_asks_for_no_wait_gets_none()
    {
        var budget = Budget();
        for (var i = 0; i < 5; i++) budget.Answered(Account, 503, TimeSpan.Zero);
        Assert.Equal(TimeSpan.Zero, budget.Reserve(Account));
    }

    [Fact]
    public void No_pause_is_longer_than_thirty_seconds_whatever_the_service_asks()
    {
        var budget = Budget();
        budget.Answered(Account, 503, TimeSpan.FromHours(1));
        Assert.Equal(RequestBudget.MaxPause, budget.Reserve(Account));
    }

    [Fact]
    public void Answers_that_are_not_throttling_pause_nothing()
    {
        var budget = Budget();
        foreach (var status in new int?[] { 200, 404, 500, null }) budget.Answered(Account, status, TimeSpan.FromSeconds(5));
        Assert.Equal(TimeSpan.Zero, budget.Reserve(Account));
    }

    [Fact]
    public async Task A_waiting_request_goes_when_the_pause_ends_and_the_wait_is_added_to_the_sweeps_tally()
    {
        var budget = Budget();
        var tally = new RequestTally();
        RequestTally.Current = tally;
        budget.Answered(Account, 503, TimeSpan.FromSeconds(3));

        var waiting = budget.WaitAsync(Account, CancellationToken.None).AsTask();
        _time.Advance(TimeSpan.FromSeconds(2.9));
        Assert.False(waiting.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(100));
        await waiting.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(TimeSpan.FromSeconds(3), tally.Waited);
        Assert.Contains("3.0 s waiting for throttled or busy endpoints", tally.Describe());
    }

    [Fact]
    public async Task A_cancelled_wait_ends_at_once()
    {
        var budget = Budget();
        budget.Answered(Account, 503, TimeSpan.FromSeconds(20));
        using var cancel = new CancellationTokenSource();
        var waiting = budget.WaitAsync(Account, cancel.Token).AsTask();
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }

    [Theory]
    [InlineData("https://prodlogs.blob.core.windows.net/c/b.txt", EndpointKind.StorageAccount, "prodlogs")]
    [InlineData("https://prodlogs.table.core.windows.net/Tables", EndpointKind.StorageAccount, "prodlogs")]
    [InlineData("http://127.0.0.1:10000/devstoreaccount1/c?restype=container", EndpointKind.StorageAccount, "127.0.0.1:10000/devstoreaccount1")]
    [InlineData("https://management.azure.com/subscriptions/ab-cd/providers/Microsoft.Storage/storageAccounts?api-version=1",
        EndpointKind.ArmSubscription, "AB-CD")]
    [InlineData("https://management.azure.com/providers/Microsoft.Storage/operations", EndpointKind.Host, "management.azure.com")]
    [InlineData("https://graph.microsoft.com/v1.0/users/x", EndpointKind.Host, "graph.microsoft.com")]
    public void Azure_requests_count_against_their_account_or_subscription(string url, EndpointKind kind, string name) =>
        Assert.Equal(new RequestEndpoint(kind, name), RequestEndpoint.Azure(new Uri(url)));

    [Theory]
    [InlineData("https://reports.s3.eu-west-1.amazonaws.com/a/b.csv", EndpointKind.Bucket, "reports")]
    [InlineData("https://my.dotted.bucket.s3.amazonaws.com/?acl", EndpointKind.Bucket, "my.dotted.bucket")]
    [InlineData("https://s3.eu-west-1.amazonaws.com/reports/a.csv", EndpointKind.Bucket, "s3.eu-west-1.amazonaws.com/reports")]
    [InlineData("http://127.0.0.1:4568/reports?list-type=2", EndpointKind.Bucket, "127.0.0.1:4568/reports")]
    [InlineData("https://s3.amazonaws.com/", EndpointKind.Host, "s3.amazonaws.com")]
    [InlineData("https://111122223333.s3-control.us-east-1.amazonaws.com/v20180820/configuration/publicAccessBlock", EndpointKind.Host,
        "111122223333.s3-control.us-east-1.amazonaws.com")]
    [InlineData("https://sts.us-east-1.amazonaws.com/", EndpointKind.Host, "sts.us-east-1.amazonaws.com")]
    public void Aws_requests_count_against_their_bucket(string url, EndpointKind kind, string name) =>
        Assert.Equal(new RequestEndpoint(kind, name), RequestEndpoint.Aws(new Uri(url)));
}
