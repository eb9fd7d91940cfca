namespace CloudAuditor.Core.Model;

/// <summary>
/// The objects a lifecycle rule applies to, inside its container or bucket: key prefixes (any of them; none means
/// every key), tags or blob index tags (all of them), a size window and, for Azure, blob types.
/// </summary>
public sealed record LifecycleScope(
    IReadOnlyList<string> Prefixes,
    IReadOnlyDictionary<string, string> Tags,
    long? MinSizeBytes,
    long? MaxSizeBytes,
    IReadOnlyList<string> BlobTypes)
{
    public static LifecycleScope Everything { get; } = new([], new Dictionary<string, string>(), null, null, []);
}
