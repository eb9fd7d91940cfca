using CloudAuditor.Core.Checks;
using CloudAuditor.Core.Config;
using CloudAuditor.Core.Model;
using CloudAuditor.Core.Owners;
using CloudAuditor.Core.Remediation;
using CloudAuditor.UnitTests.Support;

namespace CloudAuditor.UnitTests.Remediation;

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

    internal sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}

public class OwnerResolverTests
{
    private static readonly OwnerSettings Settings = new()
    {
        Default = "security@contoso.example",
        Teams = new() { ["payments"] = "payments@contoso.example" },
        Resources = [new() { Match = "*/storageAccounts/acct/*", Owner = "platform@contoso.example" }],
    };

    private static AzureContainer With(Dictionary<string, string> metadata, Dictionary<string, string>? accountTags = null) =>
        Subjects.Container(ContainerAccessLevel.None, Subjects.SafeAccountSettings with { Tags = accountTags ?? [] }) with { Metadata = metadata };

    [Fact]
    public void Owner_email_metadata_wins() =>
        Assert.Equal("ada@contoso.example", new OwnerResolver(Settings).Resolve(With(new() { ["owner_email"] = "ada@contoso.example", ["team"] = "payments" })));

    [Fact]
    public void Team_names_map_through_the_configuration() =>
        Assert.Equal("payments@contoso.example", new OwnerResolver(Settings).Resolve(With(new() { ["team"] = "Payments" })));

    [Fact]
    public void Resource_group_tags_come_after_the_account_and_before_the_rules()
    {
        var inGroup = Subjects.Container(ContainerAccessLevel.None, Subjects.SafeAccountSettings with { ResourceGroupTags = new Dictionary<string, string> { ["owner"] = "rg-owner@contoso.example" } });
        Assert.Equal("rg-owner@contoso.example", new OwnerResolver(Settings).Resolve(inGroup));
        var accountWins = inGroup with { Account = inGroup.Account with { Settings = inGroup.Account.Settings! with { Tags = new Dictionary<string, string> { ["contact"] = "acct@contoso.example" } } } };
        Assert.Equal("acct@contoso.example", new OwnerResolver(Settings).Resolve(accountWins));
    }

    [Fact]
    public void Account_tags_then_rules_then_the_default()
    {
        var resolver = new OwnerResolver(Settings);
        Assert.Equal("data@contoso.example", resolver.Resolve(With([], new() { ["owner"] = "data@contoso.example" })));
        Assert.Equal("platform@contoso.example", resolver.Resolve(With([])));
        Assert.Equal("security@contoso.example", resolver.Resolve(Subjects.Bucket()));
        Assert.Null(new OwnerResolver(new OwnerSettings()).Resolve(Subjects.Bucket()));
    }
}
