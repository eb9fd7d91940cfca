namespace CloudAuditor.Functions;

/// <summary>
/// A function as the handler serves it at POST /{name}: its method, whether an HTTP caller reads its "res" output, and the
/// largest invocation its trigger can deliver (the trigger's own limit with room for the host's envelope and JSON escaping).
/// </summary>
internal sealed record FunctionRoute(Func<Functions, Invocation, CancellationToken, Task<InvocationResult>> Run, bool HttpTriggered, int MaxInvocationBytes)
{
    private const int Envelope = 256 * 1024;

    /// <summary>Every function of functions/*/function.json, by name.</summary>
    public static readonly IReadOnlyDictionary<string, FunctionRoute> All = new Dictionary<string, FunctionRoute>(StringComparer.OrdinalIgnoreCase)
    {
        ["SweepTimer"] = new((f, i, cancellationToken) => f.SweepTimer(i, cancellationToken), false, Envelope),
        // A storage queue message is at most 64 KB.
        ["ScanTarget"] = new((f, i, cancellationToken) => f.ScanTarget(i, cancellationToken), false, Envelope),
        ["AwsEventsQueue"] = new((f, i, cancellationToken) => f.AwsEventsQueue(i, cancellationToken), false, Envelope),
        // An Event Grid event is at most 1 MB.
        ["StorageEvents"] = new((f, i, cancellationToken) => f.StorageEvents(i, cancellationToken), false, 4 * 1024 * 1024),
        // AWS events are at most 256 KB; the body arrives escaped inside the request's JSON, beside its headers.
        ["AwsEvents"] = new((f, i, cancellationToken) => f.AwsEvents(i, cancellationToken), true, 2 * 1024 * 1024),
        // GET routes: a request line and headers.
        ["ReportExport"] = new((f, i, cancellationToken) => f.ReportExport(i, cancellationToken), true, Envelope),
        ["Health"] = new((f, i, cancellationToken) => f.Health(i, cancellationToken), true, Envelope),
        ["Dashboard"] = new((f, i, cancellationToken) => f.Dashboard(i, cancellationToken), true, Envelope),
    };
}
