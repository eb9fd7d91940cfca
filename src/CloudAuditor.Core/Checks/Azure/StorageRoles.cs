namespace CloudAuditor.Core.Checks.Azure;

/// <summary>Built-in role definition GUIDs (the same in every tenant) that matter for storage data.</summary>
internal static class StorageRoles
{
    public const string BlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    public const string Owner = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635";
    public const string Contributor = "b24988ac-6180-42a0-ab88-20f7382dd24c";
    public const string StorageAccountContributor = "17d1049b-9a84-46fb-8f53-869881c3d3ab";

    /// <summary>These can list account keys, which is full data access whatever the data roles say.</summary>
    public static readonly Dictionary<string, string> KeyListing = new(StringComparer.OrdinalIgnoreCase)
    {
        [Owner] = "Owner",
        [Contributor] = "Contributor",
        [StorageAccountContributor] = "Storage Account Contributor",
    };
}
