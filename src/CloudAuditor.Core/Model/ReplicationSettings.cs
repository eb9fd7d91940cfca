namespace CloudAuditor.Core.Model;

/// <summary>Whether objects are copied elsewhere (S3 replication rules, Azure object replication).</summary>
public sealed record ReplicationSettings(bool Enabled);
