namespace CloudAuditor.Core.Engine;

/// <summary>A provider could not list or read objects; the message names the status, never content.</summary>
public sealed class ObjectStoreException(string message, Exception? inner = null) : Exception(message, inner);
