namespace CloudAuditor.Core.Http;

/// <summary>
/// The requests one sweep sent to the clouds, counted as each attempt is answered (RequestBudget.Answered, retries included):
/// how many, how many the service throttled (429, 503), and how many failed otherwise on its side (other 5xx). The sweep
/// sets <see cref="Current"/>; it flows to every request the sweep makes, and only to those, however many sweeps share
/// the process (Functions invocations).
/// </summary>
public sealed class RequestTally
{
    private static readonly AsyncLocal<RequestTally?> Flowing = new();

    private long _requests;
    private long _throttled;
    private long _serverErrors;
    private long _waitedTicks;
    private int _mostSenders = 1;

    /// <summary>The tally of the sweep this code runs for; null outside a sweep.</summary>
    public static RequestTally? Current
    {
        get => Flowing.Value;
        set => Flowing.Value = value;
    }

    public long Requests => Interlocked.Read(ref _requests);

    public long Throttled => Interlocked.Read(ref _throttled);

    public long ServerErrors => Interlocked.Read(ref _serverErrors);

    /// <summary>Time the sweep's requests spent waiting for their endpoints' budgets (summed over requests that waited at once).</summary>
    public TimeSpan Waited => TimeSpan.FromTicks(Interlocked.Read(ref _waitedTicks));

    /// <summary>The most processes seen sending to one shared endpoint at once, this one included (<see cref="EndpointShares"/>).</summary>
    public int MostSenders => Volatile.Read(ref _mostSenders);

    /// <summary>An endpoint the current sweep sends to was counted with this many senders.</summary>
    public static void NoteSenders(int senders)
    {
        if (Current is not { } tally) return;
        for (var seen = tally.MostSenders; senders > seen; seen = tally.MostSenders)
            if (Interlocked.CompareExchange(ref tally._mostSenders, senders, seen) == seen) return;
    }

    /// <summary>A request of the current sweep waited this long for its endpoint (<see cref="RequestBudget"/>).</summary>
    public static void AddWait(TimeSpan wait)
    {
        if (Current is { } tally) Interlocked.Add(ref tally._waitedTicks, wait.Ticks);
    }

    /// <param name="status">The HTTP status answered; null when no answer came (connection refused, timed out).</param>
    internal static void Count(int? status)
    {
        if (Current is not { } tally) return;
        Interlocked.Increment(ref tally._requests);
        if (status is 429 or 503) Interlocked.Increment(ref tally._throttled);
        else if (status is null or >= 500) Interlocked.Increment(ref tally._serverErrors);
    }

    /// <summary>"1,234 requests to the clouds, 12 throttled (429/503), 0 other server errors or no answer[, 2.1 s waiting for …]".</summary>
    public string Describe() =>
        $"{Requests:N0} requests to the clouds, {Throttled:N0} throttled (429/503), {ServerErrors:N0} other server errors or no answer" +
        (Waited > TimeSpan.Zero ? $", {Waited.TotalSeconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)} s waiting for " +
            "throttled or busy endpoints" : "") +
        (MostSenders > 1 ? $", rates shared with up to {MostSenders - 1} other process(es)" : "");
}
