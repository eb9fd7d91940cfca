namespace CloudAuditor.Core.Engine;

/// <summary>An object as listed: enough to choose a sample without reading it.</summary>
public sealed record StoredObject(string Key, long Size, DateTimeOffset? LastModified);
