using Azure.Storage.Blobs;
using CloudAuditor.Core.Config;
using CloudAuditor.Core.Remediation;

namespace CloudAuditor.AzureProvider;

internal static class AzureRemediation
{
    /// <summary>Container access always; the account switch only where ARM is configured (it is an ARM property).</summary>
    public static IReadOnlyList<IRemediator> For(AzureTarget target, AzureClientFactory settings, Func<Uri, BlobContainerClient> open)
    {
        var container = new ContainerAccessRemediator(open, new AnonymousBlobProbe(settings));
        if (target.ResourceId is null && target.Subscriptions.Count == 0) return [container];
        var account = new AccountPublicAccessRemediator(new ArmAccountReader(settings.CreateArmClient(target.ArmEndpoint)),
            settings.CreateArmPipeline(target.ArmEndpoint), target.ArmEndpoint);
        return [container, account];
    }
}
