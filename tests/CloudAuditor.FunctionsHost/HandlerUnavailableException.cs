namespace CloudAuditor.FunctionsHost;

/// <summary>The custom handler could not be started or did not listen: the invocation fails, as the host's would.</summary>
public sealed class HandlerUnavailableException(string message) : Exception(message);
