using CloudAuditor.Core.Model;

namespace CloudAuditor.Core.Checks.Azure;

public sealed class StaticWebsiteCheck : Check<AzureStorageAccount>
{
    public const string Id = "azure.account.static-website";

    public override CheckDefinition Definition { get; } = new(
        Id, FindingType.Exposure, Severity.Medium,
        "Static website hosting is enabled",
        "Everything in the $web container is served anonymously from the web endpoint, whatever the account's public access setting.",
        "Disable static website hosting, or confirm that $web holds only public content and record an exemption.",
        []);

    protected override CheckOutcome? Evaluate(AzureStorageAccount account, CheckContext context) => account.StaticWebsite.Value?.Enabled switch
    {
        null => null,
        true => CheckOutcome.Fail("Static website hosting is enabled: the $web container is public."),
        false => CheckOutcome.Pass("Static website hosting is disabled."),
    };
}
