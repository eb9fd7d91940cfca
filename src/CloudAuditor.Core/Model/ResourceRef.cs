namespace CloudAuditor.Core.Model;

/// <summary>The audited resource as CONTRACT.md names it: id is an ARM id, ARN or URL.</summary>
public sealed record ResourceRef(string Id, string Kind, string Name)
{
    public string? Account { get; init; }
    public string? Container { get; init; }
    public string? Bucket { get; init; }
}
