namespace CloudAuditor.Core.Model;

/// <summary>A resource's tags, case-insensitive by name as owners and exemptions look them up.</summary>
public sealed record TagSet(IReadOnlyDictionary<string, string> Values)
{
    public static TagSet Empty { get; } = new(new Dictionary<string, string>());
}
