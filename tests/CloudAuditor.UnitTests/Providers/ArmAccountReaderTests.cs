using System.Net;
using Azure.Core.Pipeline;
using CloudAuditor.AzureProvider;
using CloudAuditor.Core.Config;
using CloudAuditor.Core.Engine;
using CloudAuditor.Core.Model;
using CloudAuditor.Core.Permissions;
using CloudAuditor.UnitTests.Support;

namespace CloudAuditor.UnitTests.Providers;

public class ArmAccountReaderTests
{
    private const string Subscription = "00000000-1111-2222-3333-444444444444";
    private const string PublicAccount = $"/subscriptions/{Subscription}/resourceGroups/rg-finance/providers/Microsoft.Storage/storageAccounts/financedata";
    private const string HardenedAccount = $"/subscriptions/{Subscription}/resourceGroups/rg-logs/providers/Microsoft.Storage/storageAccounts/auditlogs";
    private const string LegacyAccount = $"/subscriptions/{Subscription}/resourceGroups/rg-legacy/providers/Microsoft.Storage/storageAccounts/legacyshare";

    private readonly RecordedHttpHandler _arm = new RecordedHttpHandler()
        .On(r => r.Method == HttpMethod.Post && r.RequestUri!.AbsolutePath == "/v1.0/directoryObjects/getByIds", HttpStatusCode.OK,
            "arm/graph-getbyids-guest.json", "application/json")
        .On(r => r.RequestUri!.AbsolutePath.Equals($"{PublicAccount}/providers/Microsoft.Authorization/roleAssignments", StringComparison.OrdinalIgnoreCase),
            HttpStatusCode.OK, "arm/role-assignments-financedata.json", "application/json")
        .On(r => r.RequestUri!.AbsolutePath.EndsWith("/providers/Microsoft.Authorization/roleAssignments", StringComparison.OrdinalIgnoreCase),
            HttpStatusCode.Forbidden, "arm/error-authorization-failed.json", "application/json")
        .On(r => r.RequestUri!.AbsolutePath.Equals(PublicAccount, StringComparison.OrdinalIgnoreCase), HttpStatusCode.OK, "arm/storage-account-public.json",
            "application/json")
        .On(r => r.RequestUri!.AbsolutePath.Equals(HardenedAccount, StringComparison.OrdinalIgnoreCase), HttpStatusCode.OK,
            "arm/storage-account-hardened.json", "application/json")
        .On(r => r.RequestUri!.AbsolutePath.Equals(LegacyAccount, StringComparison.OrdinalIgnoreCase), HttpStatusCode.OK,
            "arm/storage-account-legacy-defaults.json", "application/json")
        .On(r => r.RequestUri!.AbsolutePath.EndsWith("/denied", StringComparison.Ordinal), HttpStatusCode.Forbidden, "arm/error-authorization-failed.json",
            "application/json")
        .On(r => r.RequestUri!.AbsolutePath == $"/subscriptions/{Subscription}/resources", HttpStatusCode.OK, "arm/subscription-storage-accounts.json",
            "application/json")
        // ARM paths are case-insensitive, and the SDK asks for resource groups as ".../resourcegroups/...".
        .On(r => r.RequestUri!.AbsolutePath.Equals($"/subscriptions/{Subscription}/resourceGroups/rg-finance", StringComparison.OrdinalIgnoreCase),
            HttpStatusCode.OK, "arm/resource-group-finance.json", "application/json")
        .On(r => r.RequestUri!.AbsolutePath.StartsWith($"/subscriptions/{Subscription}/resourceGroups/rg-", StringComparison.OrdinalIgnoreCase)
            && !r.RequestUri.AbsolutePath.Contains("/providers/", StringComparison.Ordinal),
            HttpStatusCode.Forbidden, "arm/error-authorization-failed.json", "application/json");

    private ArmAccountReader Reader()
    {
        var settings = new AzureClientFactory(new SweepSettings { MaxRetries = 0 }, new StaticTokenCredential())
        {
            ArmTransport = new HttpClientTransport(new HttpClient(_arm)),
        };
        return new(settings.CreateArmClient("https://management.azure.com"), settings.CreateArmPipeline("https://management.azure.com"),
            "https://management.azure.com", new GraphDirectory(settings.CreateGraphPipeline()));
    }

    [Fact]
    public async Task Every_request_is_covered_by_a_permission_the_provider_declares()
    {
        await Reader().ReadAsync(PublicAccount, CancellationToken.None);
        var declared = PermissionCatalog.Of(typeof(AzureInventoryFactory).Assembly).SelectMany(d => d.Permissions).Select(p => p.Action).ToHashSet();
        Assert.NotEmpty(_arm.Authenticated);
        Assert.All(_arm.Authenticated, r => Assert.Contains(ApiActions.Azure(r.Method, r.Uri), declared));
    }

    [Fact]
    public async Task Role_assignments_at_storage_scope_are_read_and_inherited_ones_left_out()
    {
        var settings = (await Reader().ReadAsync(PublicAccount, CancellationToken.None)).Settings;
        var assignments = settings.RoleAssignments.Value!;
        Assert.Equal(2, assignments.Count);
        Assert.Contains(assignments, a => a.RoleDefinitionGuid == "b7e6dc6d-f1e8-4753-8033-0f276bb0955b" && a.PrincipalType == "User");
        Assert.Contains(assignments, a => a.PrincipalType == "ForeignGroup" && a.Scope.EndsWith("/containers/exports", StringComparison.Ordinal));
        Assert.Contains(_arm.Requests, r => r.Contains($"roleAssignments?api-version={ArmAccountReader.RoleAssignmentsApiVersion}", StringComparison.Ordinal));
        Assert.Equal([assignments.Single(a => a.PrincipalType == "User").PrincipalId], settings.GuestUsers.Value!);
        Assert.Contains(_arm.Requests, r => r.StartsWith("POST https://graph.microsoft.com/v1.0/directoryObjects/getByIds", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Unreadable_role_assignments_are_unknown_not_empty()
    {
        var assignments = (await Reader().ReadAsync(HardenedAccount, CancellationToken.None)).Settings.RoleAssignments;
        Assert.Equal(ObservationState.Failed, assignments.State);
        Assert.Equal("list role assignments: 403 AuthorizationFailed", assignments.Unreadable);
    }

    [Fact]
    public async Task Reads_exposure_settings_and_tags_of_a_public_account()
    {
        var account = await Reader().ReadAsync(PublicAccount, CancellationToken.None);

        Assert.True(account.Settings.AllowBlobPublicAccess);
        Assert.True(account.Settings.AllowSharedKeyAccess);
        Assert.False(account.Settings.HttpsTrafficOnly);
        Assert.Equal("TLS1_0", account.Settings.MinimumTlsVersion);
        Assert.Equal("Allow", account.Settings.NetworkDefaultAction);
        Assert.Equal("finance-platform@contoso.com", account.Settings.Tags["Owner"]);
        Assert.Equal("https://financedata.blob.core.windows.net/", account.BlobEndpoint);
        Assert.Equal("finance-owners@contoso.com", account.Settings.ResourceGroupTags["owner"]);
        var request = _arm.Requests[0];
        Assert.Empty(_arm.Unmatched);
        Assert.Contains($"api-version={AzureClientFactory.StorageAccountApiVersion}", request);
        Assert.StartsWith("GET https://management.azure.com/subscriptions/", request);
    }

    [Fact]
    public async Task A_resource_group_the_reader_may_not_see_leaves_its_tags_out()
    {
        var account = await Reader().ReadAsync(HardenedAccount, CancellationToken.None);
        Assert.Empty(account.Settings.ResourceGroupTags);
    }

    [Fact]
    public async Task Reads_a_hardened_account()
    {
        var account = await Reader().ReadAsync(HardenedAccount, CancellationToken.None);
        Assert.False(account.Settings.AllowBlobPublicAccess);
        Assert.False(account.Settings.AllowSharedKeyAccess);
        Assert.Equal("Disabled", account.Settings.PublicNetworkAccess);
        Assert.Equal(TimeSpan.FromHours(1), account.Settings.SasExpirationPeriod);
        Assert.Equal("Block", account.Settings.SasExpirationAction);
        Assert.Equal(new DateTimeOffset(2024, 2, 11, 16, 40, 22, TimeSpan.Zero), account.Settings.KeyCreationTimes!["key2"].AddTicks(-1939102));
        Assert.Equal("Microsoft.Keyvault", account.Settings.EncryptionKeySource);
        Assert.Equal(1, account.Settings.ApprovedPrivateEndpoints);
        Assert.False(account.Settings.AllowCrossTenantReplication);
        Assert.True(account.Settings.DefaultToOAuthAuthentication);
    }

    [Fact]
    public async Task Absent_switches_take_the_documented_default_of_allowed()
    {
        var account = await Reader().ReadAsync(LegacyAccount, CancellationToken.None);
        Assert.True(account.Settings.AllowBlobPublicAccess);
        Assert.True(account.Settings.AllowSharedKeyAccess);
        Assert.Null(account.Settings.MinimumTlsVersion);
    }

    [Fact]
    public async Task Authorization_failure_makes_the_target_unreachable_without_leaking_the_message()
    {
        var e = await Assert.ThrowsAsync<TargetUnreachableException>(() =>
            Reader().ReadAsync($"/subscriptions/{Subscription}/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/denied", CancellationToken.None));
        Assert.Contains("403 AuthorizationFailed", e.Message);
    }

    [Fact]
    public async Task Lists_the_storage_accounts_of_a_subscription()
    {
        var ids = new List<string>();
        await foreach (var id in Reader().ListStorageAccountIdsAsync(Subscription, CancellationToken.None)) ids.Add(id);
        Assert.Equal([PublicAccount, HardenedAccount], ids);
        Assert.Contains("resourceType eq 'Microsoft.Storage/storageAccounts'", Uri.UnescapeDataString(_arm.Requests[0]));
    }
}
