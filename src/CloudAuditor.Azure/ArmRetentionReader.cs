using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.ResourceManager;
using CloudAuditor.Core.Model;

namespace CloudAuditor.Azure;

/// <summary>The account's blob service retention settings and lifecycle rules, read once per account.</summary>
public sealed record AccountRetention(int? SoftDeleteDays, int? ContainerSoftDeleteDays, bool Versioning, bool ChangeFeed,
    IReadOnlyList<(IReadOnlyList<string> Prefixes, int Days)> DeleteRules, IReadOnlyList<string> Unread);

/// <summary>
/// Retention through ARM (Azurite has none of it): blobServices/default, managementPolicies/default and each
/// container's immutability policy and legal hold. Unreadable parts are named, never guessed.
/// </summary>
public sealed class ArmRetentionReader(ArmClient arm)
{
    public async Task<AccountRetention> ReadAccountAsync(string accountId, CancellationToken cancellationToken)
    {
        var unread = new List<string>();
        var service = await PropertiesAsync($"{accountId}/blobServices/default", "blob service properties", unread, cancellationToken);
        var policy = await PropertiesAsync($"{accountId}/managementPolicies/default", "lifecycle management policy", unread, cancellationToken);
        using (service)
        using (policy)
        {
            var s = service?.RootElement;
            return new AccountRetention(
                EnabledDays(s, "deleteRetentionPolicy", "days"), EnabledDays(s, "containerDeleteRetentionPolicy", "days"),
                s?.TryGetProperty("isVersioningEnabled", out var v) == true && v.ValueKind == JsonValueKind.True,
                EnabledDays(s, "changeFeed", "retentionInDays") is not null || Enabled(s, "changeFeed"),
                DeleteRules(policy?.RootElement), unread);
        }
    }

    public async Task<RetentionPosture> ReadContainerAsync(string accountId, string container, AccountRetention account, CancellationToken cancellationToken)
    {
        var unread = new List<string>(account.Unread);
        using var properties = await PropertiesAsync($"{accountId}/blobServices/default/containers/{container}", "container immutability", unread, cancellationToken);
        var p = properties?.RootElement;
        int? days = null;
        var locked = false;
        if (p is { } c && c.TryGetProperty("immutabilityPolicy", out var policy) && policy.TryGetProperty("properties", out var policyProperties))
        {
            days = policyProperties.TryGetProperty("immutabilityPeriodSinceCreationInDays", out var d) && d.TryGetInt32(out var n) ? n : null;
            locked = policyProperties.TryGetProperty("state", out var state) && state.GetString() == "Locked";
        }
        var legalHold = p is { } h && h.TryGetProperty("hasLegalHold", out var hold) && hold.ValueKind == JsonValueKind.True;
        var expiries = account.DeleteRules.Where(r => r.Prefixes.Count == 0 || r.Prefixes.Any(x => x == container || x.StartsWith(container + "/", StringComparison.Ordinal))).Select(r => r.Days).ToList();
        return new RetentionPosture
        {
            SoftDeleteDays = account.SoftDeleteDays, ContainerSoftDeleteDays = account.ContainerSoftDeleteDays, Versioning = account.Versioning,
            ChangeFeed = account.ChangeFeed, ImmutableDays = days, ImmutableLocked = locked, LegalHold = legalHold,
            LifecycleExpiryDays = expiries.Count > 0 ? expiries.Min() : null, Unread = unread,
        };
    }

    /// <summary>The resource's properties; null when it does not exist (404: not configured) or could not be read (named in unread).</summary>
    private async Task<JsonDocument?> PropertiesAsync(string id, string what, List<string> unread, CancellationToken cancellationToken)
    {
        try
        {
            var resource = await arm.GetGenericResource(new ResourceIdentifier(id)).GetAsync(cancellationToken);
            return JsonDocument.Parse(resource.Value.Data.Properties.ToMemory());
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
        catch (RequestFailedException e)
        {
            unread.Add($"{what}: {ArmAccountReader.Describe(e)}");
            return null;
        }
    }

    private static bool Enabled(JsonElement? element, string name) =>
        element is { } e && e.TryGetProperty(name, out var p) && p.TryGetProperty("enabled", out var enabled) && enabled.ValueKind == JsonValueKind.True;

    private static int? EnabledDays(JsonElement? element, string name, string daysProperty) =>
        Enabled(element, name) && element!.Value.GetProperty(name).TryGetProperty(daysProperty, out var days) && days.TryGetInt32(out var n) ? n : null;

    /// <summary>Enabled lifecycle rules that delete current blobs, with the container/prefix filters they apply to.</summary>
    private static List<(IReadOnlyList<string>, int)> DeleteRules(JsonElement? policy)
    {
        var rules = new List<(IReadOnlyList<string>, int)>();
        if (policy is not { } p || !p.TryGetProperty("policy", out var body) || !body.TryGetProperty("rules", out var list)) return rules;
        foreach (var rule in list.EnumerateArray())
        {
            if (rule.TryGetProperty("enabled", out var enabled) && enabled.ValueKind == JsonValueKind.False) continue;
            if (!rule.TryGetProperty("definition", out var definition) || !definition.TryGetProperty("actions", out var actions)
                || !actions.TryGetProperty("baseBlob", out var baseBlob) || !baseBlob.TryGetProperty("delete", out var delete)) continue;
            var days = delete.TryGetProperty("daysAfterModificationGreaterThan", out var m) && m.TryGetInt32(out var dm) ? dm
                : delete.TryGetProperty("daysAfterCreationGreaterThan", out var c) && c.TryGetInt32(out var dc) ? dc : (int?)null;
            if (days is null) continue;
            var prefixes = definition.TryGetProperty("filters", out var filters) && filters.TryGetProperty("prefixMatch", out var match)
                ? match.EnumerateArray().Select(x => x.GetString()!.TrimEnd('/')).ToList() : [];
            rules.Add((prefixes, days.Value));
        }
        return rules;
    }
}
