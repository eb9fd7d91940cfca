using CloudAuditor.Core.Checks;
using CloudAuditor.Core.Config;
using CloudAuditor.Core.Exemptions;
using CloudAuditor.Core.Model;
using CloudAuditor.UnitTests.Support;

namespace CloudAuditor.UnitTests.Pipeline;

public class ExemptionPolicyTests
{
    private static readonly TimeProvider Today = new FixedTime(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));

    private static (Finding, AzureContainer) Public(Dictionary<string, string>? metadata = null, Dictionary<string, string>? accountTags = null)
    {
        var settings = Subjects.SafeAccountSettings with { AllowBlobPublicAccess = true, Tags = accountTags ?? [] };
        var container = Subjects.Container(ContainerAccessLevel.Blob, settings) with { Metadata = metadata ?? [] };
        return (CheckCatalog.Default.Evaluate(container).Single(), container);
    }

    [Theory]
    [InlineData("azure.container.public-access|2027-01-31|marketing site", true)]
    [InlineData("*|2027-01-31|whole account reviewed", true)]
    [InlineData("azure.container.public-access||no expiry", true)]
    [InlineData("azure.container.public-access|2026-11-22|expired yesterday", false)]
    [InlineData("aws.s3.acl-public-grant|2027-01-31|other check", false)]
    [InlineData("not the format", false)]
    [InlineData("azure.container.public-access|31/01/2027|bad date", false)]
    public void Metadata_exemptions_follow_check_and_expiry(string value, bool exempt)
    {
        var (finding, container) = Public(new() { ["cloudauditor_exempt"] = value });
        Assert.Equal(exempt, new ExemptionPolicy([], Today).Find(finding, container) is not null);
    }

    [Fact]
    public void A_container_inherits_its_accounts_exemption_tag()
    {
        var (finding, container) = Public(accountTags: new() { ["cloudauditor-exempt"] = "*|2027-06-30|static assets account" });
        var exemption = new ExemptionPolicy([], Today).Find(finding, container);
        Assert.Equal("static assets account", exemption!.Reason);
        Assert.Equal(new DateOnly(2027, 6, 30), exemption.Expires);
    }

    [Fact]
    public void Policy_rules_match_resource_globs_and_checks()
    {
        var (finding, container) = Public();
        var rules = new List<ExemptionRule> { new() { Resource = "*/containers/data", Checks = ["azure.container.public-access"], Reason = "CDN origin" } };
        Assert.Equal("configuration policy", new ExemptionPolicy(rules, Today).Find(finding, container)!.Source);
        rules[0].Expires = new DateOnly(2026, 1, 1);
        Assert.Null(new ExemptionPolicy(rules, Today).Find(finding, container));
    }
}
