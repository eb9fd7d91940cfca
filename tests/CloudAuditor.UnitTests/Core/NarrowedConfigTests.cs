using CloudAuditor.Core.Config;

namespace CloudAuditor.UnitTests.Core;

public class NarrowedConfigTests
{
    [Fact]
    public void Narrowing_keeps_every_other_section_and_every_target_setting()
    {
        var config = ConfigLoader.Parse("""
            sampling:
              objectsPerContainer: 7
            retention:
              classes:
                pii: { minRetentionDays: 2555 }
            aws:
              - name: keyless
                roleArn: arn:aws:iam::111122223333:role/audit
                webIdentityAudience: api://AzureADTokenExchange
                accountId: "111122223333"
            azure:
              - name: prod
                accountUrl: https://prod.blob.core.windows.net
                resourceId: /subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/prod
            """);

        var narrowed = config.Narrowed([], [config.Aws[0].LimitedTo(["logs"])], sampling: false);

        var aws = Assert.Single(narrowed.Aws);
        Assert.Equal("api://AzureADTokenExchange", aws.WebIdentityAudience);
        Assert.Equal("arn:aws:iam::111122223333:role/audit", aws.RoleArn);
        Assert.Equal(["logs"], aws.Buckets);
        Assert.Empty(narrowed.Azure);
        Assert.Same(config.Retention, narrowed.Retention);
        Assert.False(narrowed.Sampling.Enabled);
        Assert.Equal(7, narrowed.Sampling.ObjectsPerContainer);
        Assert.True(config.Sampling.Enabled);
        Assert.Empty(config.Aws[0].Buckets);
        Assert.Equal(config.Azure[0].ResourceId, config.Azure[0].LimitedTo(["c"]).ResourceId);
    }
}
