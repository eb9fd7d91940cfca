using CloudAuditor.Core.Config;
using CloudAuditor.Core.Model;
using CloudAuditor.Core.Owners;
using CloudAuditor.UnitTests.Support;

namespace CloudAuditor.UnitTests.Pipeline;

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
        Assert.Equal("ada@contoso.example", new OwnerResolver(Settings).Resolve(With(new() { ["owner_email"] = "ada@contoso.example",
            ["team"] = "payments" })));

    [Fact]
    public void Team_names_map_through_the_configuration() =>
        Assert.Equal("payments@contoso.example", new OwnerResolver(Settings).Resolve(With(new() { ["team"] = "Payments" })));

    [Fact]
    public void Resource_group_tags_come_after_the_account_and_before_the_rules()
    {
        var inGroup = Subjects.Container(ContainerAccessLevel.None, Subjects.SafeAccountSettings with { ResourceGroupTags = new Dictionary<string,
            string> { ["owner"] = "rg-owner@contoso.example" } });
        Assert.Equal("rg-owner@contoso.example", new OwnerResolver(Settings).Resolve(inGroup));
        var tagged = inGroup.Account.Settings.Value! with { Tags = new Dictionary<string, string> { ["contact"] = "acct@contoso.example" } };
        var accountWins = inGroup with { Account = inGroup.Account with { Settings = Observed<AzureAccountSettings>.Of(tagged) } };
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
