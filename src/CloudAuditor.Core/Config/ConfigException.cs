namespace CloudAuditor.Core.Config;

/// <summary>A configuration problem, worded as one sentence a person can act on (exit code 2).</summary>
public sealed class ConfigException(string message, Exception? inner = null) : Exception(message, inner);
