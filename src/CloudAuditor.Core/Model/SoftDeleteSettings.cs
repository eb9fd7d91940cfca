namespace CloudAuditor.Core.Model;

/// <summary>Azure soft delete: days a deleted blob (or container) can be restored; null when off.</summary>
public sealed record SoftDeleteSettings(int? BlobDays, int? ContainerDays);
