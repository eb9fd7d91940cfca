using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.ResourceManager;
using Azure.ResourceManager.Resources;
using CloudAuditor.Core.Engine;
using CloudAuditor.Core.Faults;
using CloudAuditor.Core.Model;
using CloudAuditor.Core.Permissions;

namespace CloudAuditor.AzureProvider;

/// <summary>Reads storage account properties from ARM as generic resources (no Azure.ResourceManager.Storage needed).</summary>
public sealed class ArmAccountReader(ArmClient arm, HttpPipeline? pipeline = null, string armEndpoint = "https://management.azure.com",
    GraphDirectory? directory = null) : IRequiresPermissions
{
    /// <summary>The account, its resource group's tags, role assignments at storage scope, and the storage accounts of a subscription.</summary>
    public static IReadOnlyList<Permission> Permissions { get; } =
    [
        Permission.Reads("Microsoft.Storage/storageAccounts/read"),
        Permission.Reads("Microsoft.Resources/subscriptions/resourceGroups/read"),
        Permission.Reads("Microsoft.Authorization/roleAssignments/read"),
        Permission.Reads("Microsoft.Resources/subscriptions/resources/read"),
    ];

    public const string RoleAssignmentsApiVersion = "2022-04-01";

    public async Task<ArmStorageAccount> ReadAsync(string resourceId, CancellationToken cancellationToken)
    {
        try
        {
            var response = await arm.GetGenericResource(new ResourceIdentifier(resourceId)).GetAsync(cancellationToken);
            var data = response.Value.Data;
            using var properties = JsonDocument.Parse(data.Properties.ToMemory());
            var account = Map(resourceId, properties.RootElement, data.Tags);
            var assignments = await RoleAssignmentsAsync(resourceId, cancellationToken);
            return account with
            {
                Settings = account.Settings with
                {
                    ResourceGroupTags = await ResourceGroupTagsAsync(resourceId, cancellationToken),
                    RoleAssignments = assignments,
                    GuestUsers = await GuestUsersAsync(assignments, cancellationToken),
                },
            };
        }
        catch (RequestFailedException e) when (e.Status is 0 or 401 or 403 or 404)
        {
            throw new TargetUnreachableException($"Azure Resource Manager for {resourceId}", AzureFaults.Instance.Classify(e, cancellationToken)!, e);
        }
    }

    /// <summary>Every storage account in a subscription; ARM lists without properties, so each is read in full after.</summary>
    public async IAsyncEnumerable<string> ListStorageAccountIdsAsync(string subscriptionId,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var subscription = arm.GetSubscriptionResource(new ResourceIdentifier($"/subscriptions/{subscriptionId}"));
        var pages = subscription.GetGenericResourcesAsync(filter: "resourceType eq 'Microsoft.Storage/storageAccounts'", cancellationToken: cancellationToken);
        await using var enumerator = pages.GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            try
            {
                if (!await enumerator.MoveNextAsync()) yield break;
            }
            catch (RequestFailedException e)
            {
                throw new FaultException(AzureFaults.Instance.Classify(e, cancellationToken)! with { Reason = $"listing storage accounts of subscription " +
                    $"{subscriptionId}: {Describe(e)}" }, e);
            }
            yield return enumerator.Current.Data.Id.ToString();
        }
    }

    /// <summary>Best effort: a reader without rights on the resource group still audits the account, just without inherited owners.</summary>
    private async Task<IReadOnlyDictionary<string, string>> ResourceGroupTagsAsync(string resourceId, CancellationToken cancellationToken)
    {
        var id = new ResourceIdentifier(resourceId);
        if (id.SubscriptionId is null || id.ResourceGroupName is null) return AzureAccountSettings.NoTags;
        try
        {
            var group = await arm.GetResourceGroupResource(ResourceGroupResource.CreateResourceIdentifier(id.SubscriptionId,
                id.ResourceGroupName)).GetAsync(cancellationToken);
            return new Dictionary<string, string>(group.Value.Data.Tags, StringComparer.OrdinalIgnoreCase);
        }
        catch (RequestFailedException)
        {
            return AzureAccountSettings.NoTags;
        }
    }

    /// <summary>Assignments at the account and its containers (inherited ones from above are left to subscription-level tools).</summary>
    private async Task<Observed<IReadOnlyList<RoleAssignment>>> RoleAssignmentsAsync(string resourceId, CancellationToken cancellationToken)
    {
        if (pipeline is null) return Observed<IReadOnlyList<RoleAssignment>>.NotRead("role assignments are read through the ARM pipeline, which this host " +
            "did not set up");
        using var message = pipeline.CreateMessage();
        message.Request.Method = RequestMethod.Get;
        var assignmentsPath = $"{resourceId}/providers/Microsoft.Authorization/roleAssignments?api-version={RoleAssignmentsApiVersion}";
        message.Request.Uri.Reset(new Uri($"{armEndpoint.TrimEnd('/')}{assignmentsPath}"));
        await pipeline.SendAsync(message, cancellationToken);
        if (message.Response.IsError) return Observed<IReadOnlyList<RoleAssignment>>.Failed(HttpFaults.Of(message.Response.Status, ErrorCode(message.Response),
            "list role assignments"));
        using var body = JsonDocument.Parse(message.Response.Content.ToMemory());
        if (!body.RootElement.TryGetProperty("value", out var list)) return Observed<IReadOnlyList<RoleAssignment>>.Of([]);
        var assignments = list.EnumerateArray()
            .Select(a => a.GetProperty("properties"))
            .Select(p => new RoleAssignment(
                p.GetProperty("roleDefinitionId").GetString()!.Split('/')[^1], p.GetProperty("principalId").GetString()!,
                p.TryGetProperty("principalType", out var type) ? type.GetString()! : "Unknown", p.GetProperty("scope").GetString()!))
            .Where(a => a.Scope.StartsWith(resourceId, StringComparison.OrdinalIgnoreCase))
            .ToList();
        return Observed<IReadOnlyList<RoleAssignment>>.Of(assignments);
    }

    /// <summary>Which assigned users are guests; nothing to ask when no user holds a role.</summary>
    private async Task<Observed<IReadOnlySet<string>>> GuestUsersAsync(Observed<IReadOnlyList<RoleAssignment>> assignments, CancellationToken cancellationToken)
    {
        if (assignments.Value is not { } known) return assignments.Map<IReadOnlySet<string>>(_ => null);
        var users = known.Where(a => a.PrincipalType == "User").Select(a => a.PrincipalId).ToList();
        if (users.Count == 0) return Observed<IReadOnlySet<string>>.Of(new HashSet<string>());
        if (directory is null) return Observed<IReadOnlySet<string>>.NotRead("guests are looked up in Microsoft Graph, which this host did not set up");
        return await directory.GuestsAsync(users, cancellationToken);
    }


    internal static string Describe(RequestFailedException e) =>
        e.Status == 0 ? "no response" : $"{e.Status} {e.ErrorCode}".TrimEnd();

    /// <summary>An ARM error answer as "403 AuthorizationFailed": the status and the code from its error body.</summary>
    internal static string Describe(Response response) => $"{response.Status} {ErrorCode(response)}".TrimEnd();

    /// <summary>The code in an ARM error answer's body ("AuthorizationFailed"), or its reason phrase.</summary>
    internal static string? ErrorCode(Response response)
    {
        try
        {
            using var body = JsonDocument.Parse(response.Content.ToMemory());
            if (body.RootElement.TryGetProperty("error", out var error) && error.TryGetProperty("code", out var code) && code.GetString() is { } text)
                return text;
        }
        catch (JsonException)
        {
        }
        return response.ReasonPhrase;
    }

    /// <summary>Absent allowBlobPublicAccess / allowSharedKeyAccess mean true: that is the documented ARM default.</summary>
    internal static ArmStorageAccount Map(string resourceId, JsonElement properties, IDictionary<string, string> tags)
    {
        var settings = new AzureAccountSettings
        {
            AllowBlobPublicAccess = Bool(properties, "allowBlobPublicAccess") ?? true,
            AllowSharedKeyAccess = Bool(properties, "allowSharedKeyAccess") ?? true,
            HttpsTrafficOnly = Bool(properties, "supportsHttpsTrafficOnly"),
            MinimumTlsVersion = String(properties, "minimumTlsVersion"),
            PublicNetworkAccess = String(properties, "publicNetworkAccess"),
            NetworkDefaultAction = properties.TryGetProperty("networkAcls", out var acls) ? String(acls, "defaultAction") : null,
            Tags = new Dictionary<string, string>(tags, StringComparer.OrdinalIgnoreCase),
            SasExpirationPeriod = properties.TryGetProperty("sasPolicy", out var sas) && String(sas, "sasExpirationPeriod") is { } period
                && TimeSpan.TryParse(period, CultureInfo.InvariantCulture, out var validity) ? validity : null,
            SasExpirationAction = properties.TryGetProperty("sasPolicy", out var sasAction) ? String(sasAction, "expirationAction") : null,
            KeyCreationTimes = properties.TryGetProperty("keyCreationTime", out var created) && created.ValueKind == JsonValueKind.Object
                ? created.EnumerateObject().Where(k => k.Value.ValueKind == JsonValueKind.String && k.Value.TryGetDateTimeOffset(out _))
                    .ToDictionary(k => k.Name, k => k.Value.GetDateTimeOffset(), StringComparer.OrdinalIgnoreCase)
                : null,
            EncryptionKeySource = properties.TryGetProperty("encryption", out var encryption) ? String(encryption, "keySource") : null,
            ApprovedPrivateEndpoints = properties.TryGetProperty("privateEndpointConnections", out var endpoints)
                && endpoints.ValueKind == JsonValueKind.Array
                ? endpoints.EnumerateArray().Count(IsApproved)
                : null,
            AllowCrossTenantReplication = Bool(properties, "allowCrossTenantReplication"),
            DefaultToOAuthAuthentication = Bool(properties, "defaultToOAuthAuthentication") ?? false,
        };
        var blobEndpoint = properties.TryGetProperty("primaryEndpoints", out var primary) ? String(primary, "blob") : null;
        return new ArmStorageAccount(resourceId, settings, blobEndpoint);
    }

    /// <summary>A private endpoint connection in use: its link state says Approved (connections may be pending, rejected or removed).</summary>
    private static bool IsApproved(JsonElement connection) =>
        connection.TryGetProperty("properties", out var properties) && properties.TryGetProperty("privateLinkServiceConnectionState", out var state)
        && string.Equals(String(state, "status"), "Approved", StringComparison.OrdinalIgnoreCase);

    private static bool? Bool(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean() : null;

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
