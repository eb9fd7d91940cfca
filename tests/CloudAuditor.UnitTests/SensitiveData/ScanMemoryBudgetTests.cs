using CloudAuditor.SensitiveData.Extraction;

namespace CloudAuditor.UnitTests.SensitiveData;

public class ScanMemoryBudgetTests
{
    private static readonly TimeSpan Forever = Timeout.InfiniteTimeSpan;

    [Fact]
    public async Task Reservations_wait_first_come_first_served_and_never_exceed_the_capacity()
    {
        var budget = new ScanMemoryBudget(100);
        var first = await budget.ReserveAsync(60, Forever, "a", CancellationToken.None);
        var second = budget.ReserveAsync(50, Forever, "b", CancellationToken.None);
        var third = budget.ReserveAsync(10, Forever, "c", CancellationToken.None);
        await Task.Delay(50);
        // The third would fit, but the second came first: nobody overtakes a waiter.
        Assert.False(second.IsCompleted);
        Assert.False(third.IsCompleted);
        first.Dispose();
        using (await second)
        using (await third)
        {
            Assert.Equal(60, budget.InUse);
        }
        Assert.Equal(0, budget.InUse);
        Assert.Equal(60, budget.Peak);
    }

    [Fact]
    public async Task Many_concurrent_scans_never_hold_more_than_the_budget()
    {
        var budget = new ScanMemoryBudget(1000);
        await Parallel.ForEachAsync(Enumerable.Range(0, 200), async (i, cancellationToken) =>
        {
            using var reservation = await budget.ReserveAsync(100 + i % 7 * 50, Forever, "scan", cancellationToken);
            Assert.InRange(budget.InUse, 1, 1000);
            await Task.Yield();
        });
        Assert.InRange(budget.Peak, 1, 1000);
        Assert.Equal(0, budget.InUse);
    }

    [Fact]
    public async Task More_than_the_whole_budget_or_a_wait_past_its_limit_is_a_limit_with_the_reason()
    {
        var budget = new ScanMemoryBudget(100 << 20);
        var tooLarge = await Assert.ThrowsAsync<ExtractionLimitException>(() => budget.ReserveAsync(200L << 20, Forever, "parsing this PDF",
            CancellationToken.None));
        Assert.Contains("parsing this PDF needs 200 MiB, more than the whole scan memory budget (100 MiB)", tooLarge.Message);

        using var held = await budget.ReserveAsync(90L << 20, Forever, "a", CancellationToken.None);
        var waited = await Assert.ThrowsAsync<ExtractionLimitException>(() => budget.ReserveAsync(20L << 20, TimeSpan.FromMilliseconds(50), "parsing this PDF",
            CancellationToken.None));
        Assert.Contains("which other scans held for longer than", waited.Message);
        Assert.Equal(90L << 20, budget.InUse);
        Assert.False(budget.TryReserve(20L << 20, out _));
    }
}
