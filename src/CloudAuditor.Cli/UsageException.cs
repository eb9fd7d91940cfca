namespace CloudAuditor.Cli;

/// <summary>A usage mistake found after parsing; reported as one sentence with exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);
