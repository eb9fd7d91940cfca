namespace CloudAuditor.Functions;

/// <summary>An invocation larger than its trigger can deliver: refused unread (413 to HTTP callers, a rejected log line otherwise).</summary>
public sealed class OversizedInvocationException(long bytes, int limit)
    : Exception($"the invocation is {bytes:N0} bytes, more than the {limit:N0} its trigger can deliver")
{
    public long Bytes { get; } = bytes;
}
