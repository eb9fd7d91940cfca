namespace CloudAuditor.FunctionsHost;

/// <summary>An invocation the host counts as failed (the handler answered non-2xx, timed out, or could not be reached).</summary>
public sealed class FunctionFailedException(string message) : Exception(message);
