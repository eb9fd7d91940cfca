using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.ResourceManager;
using CloudAuditor.Core.Model;
using CloudAuditor.Core.Permissions;

namespace CloudAuditor.AzureProvider;

/// <summary>
/// Retention through ARM (Azurite has none of it): blobServices/default, managementPolicies/default and each
/// container's immutability policy and legal hold. Each read is observed on its own; unreadable parts are named, never guessed.
/// </summary>
public sealed class ArmRetentionReader(ArmClient arm) : IRequiresPermissions
{
    /// <summary>What these calls need.</summary>
    public static IReadOnlyList<Permission> Permissions { get; } =
    [
        Permission.Reads("Microsoft.Storage/storageAccounts/blobServices/read"),
        Permission.Reads("Microsoft.Storage/storageAccounts/managementPolicies/read"),
        Permission.Reads("Microsoft.Storage/storageAccounts/blobServices/containers/read"),
    ];

    private const string ObjectReplicationNotRead = "object replication policies are not read";

    public async Task<AccountRetention> ReadAccountAsync(string accountId, CancellationToken cancellationToken)
    {
        var service = await PropertiesAsync($"{accountId}/blobServices/default", "blob service properties", cancellationToken);
        var policy = await PropertiesAsync($"{accountId}/managementPolicies/default", "lifecycle management policy", cancellationToken);
        return new AccountRetention(
            service.Map(s => new SoftDeleteSettings(EnabledDays(s?.Element, "deleteRetentionPolicy", "days"),
                EnabledDays(s?.Element, "containerDeleteRetentionPolicy", "days"))),
            service.Map(s => new VersioningSettings(s?.Element.TryGetProperty("isVersioningEnabled", out var v) == true && v.ValueKind == JsonValueKind.True,
                MfaDelete: false)),
            service.Map(s => new ChangeFeedSettings(Enabled(s?.Element, "changeFeed"), EnabledDays(s?.Element, "changeFeed", "retentionInDays"))),
            policy.Map(p => new ManagementPolicy(Rules(p?.Element))));
    }

    public async Task<RetentionPosture> ReadContainerAsync(string accountId, string container, AccountRetention account, CancellationToken cancellationToken)
    {
        var properties = await PropertiesAsync($"{accountId}/blobServices/default/containers/{container}", "container immutability", cancellationToken);
        return new RetentionPosture
        {
            SoftDelete = account.SoftDelete,
            Versioning = account.Versioning,
            ChangeFeed = account.ChangeFeed,
            Immutability = properties.Map(p => Immutability(p?.Element)),
            Lifecycle = account.Policy.Map(p => p!.For(container)),
            Replication = Observed<ReplicationSettings>.NotRead(ObjectReplicationNotRead),
        };
    }

    private static ImmutabilitySettings Immutability(JsonElement? container)
    {
        int? days = null;
        var locked = false;
        if (container is { } c && c.TryGetProperty("immutabilityPolicy", out var policy) && policy.TryGetProperty("properties", out var policyProperties))
        {
            days = policyProperties.TryGetProperty("immutabilityPeriodSinceCreationInDays", out var d) && d.TryGetInt32(out var n) ? n : null;
            locked = policyProperties.TryGetProperty("state", out var state) && state.GetString() == "Locked";
        }
        var legalHold = container is { } h && h.TryGetProperty("hasLegalHold", out var hold) && hold.ValueKind == JsonValueKind.True;
        return new ImmutabilitySettings(days, locked, legalHold);
    }

    /// <summary>The resource's properties (a clone, so no document outlives the call); null when it does not exist (404: not configured).</summary>
    private async Task<Observed<JsonBox>> PropertiesAsync(string id, string what, CancellationToken cancellationToken)
    {
        try
        {
            var resource = await arm.GetGenericResource(new ResourceIdentifier(id)).GetAsync(cancellationToken);
            using var document = JsonDocument.Parse(resource.Value.Data.Properties.ToMemory());
            return Observed<JsonBox>.Of(new JsonBox(document.RootElement.Clone()));
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return Observed<JsonBox>.Of(null);
        }
        catch (RequestFailedException e)
        {
            return Observed<JsonBox>.Failed(AzureFaults.Of(what, e));
        }
    }

    private static bool Enabled(JsonElement? element, string name) =>
        element is { } e && e.TryGetProperty(name, out var p) && p.TryGetProperty("enabled", out var enabled) && enabled.ValueKind == JsonValueKind.True;

    private static int? EnabledDays(JsonElement? element, string name, string daysProperty) =>
        Enabled(element, name) && element!.Value.GetProperty(name).TryGetProperty(daysProperty, out var days) && days.TryGetInt32(out var n) ? n : null;

    /// <summary>Enabled rules that delete base blobs or their versions, with their filters as written (prefixes start with the container name).</summary>
    private static List<LifecycleRule> Rules(JsonElement? policy)
    {
        var rules = new List<LifecycleRule>();
        if (policy is not { } p || !p.TryGetProperty("policy", out var body) || !body.TryGetProperty("rules", out var list)) return rules;
        foreach (var rule in list.EnumerateArray())
        {
            if (rule.TryGetProperty("enabled", out var enabled) && enabled.ValueKind == JsonValueKind.False) continue;
            if (!rule.TryGetProperty("definition", out var definition) || !definition.TryGetProperty("actions", out var actions)) continue;
            var current = DeleteDays(actions, "baseBlob", "daysAfterModificationGreaterThan", "daysAfterCreationGreaterThan",
                "daysAfterLastAccessTimeGreaterThan");
            var noncurrent = DeleteDays(actions, "version", "daysAfterCreationGreaterThan");
            if (current is null && noncurrent is null) continue;
            var filters = definition.TryGetProperty("filters", out var f) ? f : default;
            var scope = new LifecycleScope(Strings(filters, "prefixMatch"), IndexTags(filters), null, null, Strings(filters, "blobTypes"));
            rules.Add(new LifecycleRule(rule.TryGetProperty("name", out var name) ? name.GetString() ?? "" : "", scope, current, noncurrent));
        }
        return rules;
    }

    private static int? DeleteDays(JsonElement actions, string target, params string[] conditions)
    {
        if (!actions.TryGetProperty(target, out var on) || !on.TryGetProperty("delete", out var delete)) return null;
        foreach (var condition in conditions)
        {
            if (delete.TryGetProperty(condition, out var days) && days.TryGetInt32(out var n)) return n;
        }
        return null;
    }

    private static List<string> Strings(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Select(x => x.GetString() ?? "").ToList() : [];

    /// <summary>Blob index conditions; only equality can be read as "objects tagged so" (other operators name ranges).</summary>
    private static Dictionary<string, string> IndexTags(JsonElement filters)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        if (filters.ValueKind != JsonValueKind.Object || !filters.TryGetProperty("blobIndexMatch", out var list)) return tags;
        foreach (var match in list.EnumerateArray())
        {
            var op = match.TryGetProperty("op", out var o) ? o.GetString() : "==";
            tags[match.GetProperty("name").GetString()!] = op == "==" ? match.GetProperty("value").GetString() ?? "" : $"{op} " +
                $"{match.GetProperty("value").GetString()}";
        }
        return tags;
    }

    /// <summary>Lets a parsed JSON element travel inside <see cref="Observed{T}"/>, which holds reference types.</summary>
    private sealed record JsonBox(JsonElement Element);
}
