using System.Net;
using System.Text.Json.Nodes;
using Azure.Core.Pipeline;
using CloudAuditor.AzureProvider;
using CloudAuditor.Core.Config;
using CloudAuditor.Core.Model;
using CloudAuditor.Core.Remediation;
using CloudAuditor.Core.State;
using CloudAuditor.UnitTests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace CloudAuditor.UnitTests.Remediation;

/// <summary>allowBlobPublicAccess through ARM: PATCH of that one property, over a replay that applies what it receives.</summary>
public class AzureAccountRemediationTests
{
    private const string Account = "/subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/rg-finance/providers/Microsoft.Storage/storageAccounts/financedata";

    private sealed class ArmAccountReplay : HttpMessageHandler
    {
        private readonly JsonNode _account = JsonNode.Parse(Recorded.Read("arm/storage-account-public.json"))!;

        public List<(string Url, string Body)> Patches { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Method == HttpMethod.Patch)
            {
                var body = await request.Content!.ReadAsStringAsync(cancellationToken);
                Patches.Add((request.RequestUri!.ToString(), body));
                _account["properties"]!["allowBlobPublicAccess"] = JsonNode.Parse(body)!["properties"]!["allowBlobPublicAccess"]!.GetValue<bool>();
            }
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(_account.ToJsonString(), System.Text.Encoding.UTF8,
                "application/json") };
        }
    }

    [Fact]
    public async Task The_account_switch_is_patched_off_verified_and_restored()
    {
        var arm = new ArmAccountReplay();
        var settings = new AzureClientFactory(new SweepSettings { MaxRetries = 0 },
            new StaticTokenCredential()) { ArmTransport = new HttpClientTransport(new HttpClient(arm)) };
        var config = new AuditorConfig { Azure = [new AzureTarget { Name = "prod", AccountUrl = "https://financedata.blob.core.windows.net",
            ResourceId = Account }] };
        var target = new AzureInventoryFactory(_ => settings, NullLoggerFactory.Instance).Create(config).Single();
        var remediator = target.Remediators.Single(r => r.CheckId == "azure.account.allow-blob-public-access");
        var subject = Subjects.Account() with { Resource = new ResourceRef(Account, "storage-account", "financedata") };

        var change = (await remediator.PlanAsync(subject, CancellationToken.None)).Change!;
        await remediator.ApplyAsync(subject, change, CancellationToken.None);
        Assert.Null(await remediator.VerifyAsync(subject, change, CancellationToken.None));
        Assert.Same(RemediationPlan.NothingToChange, await remediator.PlanAsync(subject, CancellationToken.None));

        var (url, body) = Assert.Single(arm.Patches);
        Assert.Equal($"https://management.azure.com{Account}?api-version={AzureClientFactory.StorageAccountApiVersion}", url);
        Assert.Equal("""{"properties":{"allowBlobPublicAccess":false}}""", body);

        await remediator.RollbackAsync(new RemediationRecord
        {
            Id = "rem-1",
            Target = "prod",
            CheckId = remediator.CheckId,
            Fingerprint = "f",
            ResourceId = Account,
            Action = change.Action,
            PriorState = change.PriorState,
            NewState = change.NewState,
            Status = RemediationStatus.Verified,
            CreatedAt = DateTimeOffset.UtcNow,
        }, CancellationToken.None);
        Assert.Equal("""{"properties":{"allowBlobPublicAccess":true}}""", arm.Patches[1].Body);
    }
}
