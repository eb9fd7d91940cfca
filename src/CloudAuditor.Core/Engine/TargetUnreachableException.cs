namespace CloudAuditor.Core.Engine;

/// <summary>The whole target failed (DNS, refused connection, bad credentials): exit code 3 territory.</summary>
public sealed class TargetUnreachableException(string message, Exception? inner = null) : Exception(message, inner);
