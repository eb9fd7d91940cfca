namespace CloudAuditor.Core.Model;

/// <summary>Counts and masked examples of one entity type; never a raw value.</summary>
public sealed record EntityCount(string Type, int Count, IReadOnlyList<string> Masked);
