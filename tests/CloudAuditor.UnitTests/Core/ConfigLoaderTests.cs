using CloudAuditor.Core.Config;

namespace CloudAuditor.UnitTests.Core;

public class ConfigLoaderTests
{
    [Fact]
    public void Valid_configuration_binds_every_target_kind()
    {
        var config = ConfigLoader.Parse("""
            sweep:
              concurrency: 8
              anonymousProbe: false
            azure:
              - name: prod
                accountUrl: https://prodacct.blob.core.windows.net
                resourceId: /subscriptions/0000/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/prodacct
              - name: estate
                subscriptions: ["0000", "1111"]
            aws:
              - name: main
                region: eu-west-1
                roleArn: arn:aws:iam::111122223333:role/auditor
                buckets: [logs]
            """);
        Assert.Equal(8, config.Sweep.Concurrency);
        Assert.False(config.Sweep.AnonymousProbe);
        Assert.Equal(["0000", "1111"], config.Azure[1].Subscriptions);
        Assert.Equal("eu-west-1", config.Aws[0].Region);
        Assert.Equal(3, config.TargetCount);
    }

    [Fact]
    public void Secrets_come_from_the_environment()
    {
        Environment.SetEnvironmentVariable("CA_TEST_CONN", "UseDevelopmentStorage=true");
        var config = ConfigLoader.Parse("azure:\n  - name: a\n    connectionString: ${CA_TEST_CONN}\n");
        Assert.Equal("UseDevelopmentStorage=true", config.Azure[0].ConnectionString);
    }

    [Fact]
    public void An_unset_environment_variable_is_named_in_the_error()
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Parse("azure:\n  - name: a\n    connectionString: ${CA_TEST_NEVER_SET}\n"));
        Assert.Contains("CA_TEST_NEVER_SET", e.Message);
    }

    [Theory]
    [InlineData("sweep:\n  concurrency: 2\n", "no targets")]
    [InlineData("azure:\n  - name: a\n", "exactly one of connectionString, accountUrl or subscriptions")]
    [InlineData("azure:\n  - name: a\n    accountUrl: https://a.blob.core.windows.net\n    connectionString: x\n", "exactly one of")]
    [InlineData("aws:\n  - name: a\n    accessKeyId: AKIAEXAMPLE\n", "both accessKeyId and secretAccessKey")]
    [InlineData("aws:\n  - name: a\n  - name: a\n", "used twice")]
    [InlineData("azure:\n  - name: a\n    accountUrl: https://a\n    resourceId: /subscriptions/x\n", "not a storage account ARM id")]
    [InlineData("remediation:\n  checks: [azure.container.public-acess]\nazure:\n  - name: a\n    accountUrl: https://a.blob.core.windows.net\n",
        "unknown checks: azure.container.public-acess")]
    [InlineData("remediation:\n  checks: [azure.account.secure-transport]\nazure:\n  - name: a\n    accountUrl: https://a.blob.core.windows.net\n",
        "enforce mode cannot fix: azure.account.secure-transport")]
    [InlineData("sweep:\n  requestRates:\n    bucket: 0\nazure:\n  - name: a\n    accountUrl: https://a.blob.core.windows.net\n",
        "sweep.requestRates.bucket must be between 1 and 100000 requests per second")]
    public void Invalid_configurations_say_what_is_wrong(string yaml, string expected)
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(yaml));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Unknown_keys_are_reported_with_their_line()
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Parse("aws:\n  - name: a\n    bukets: [x]\n"));
        Assert.Contains("line 3", e.Message);
        Assert.Contains("bukets", e.Message);
    }

    [Fact]
    public void A_missing_file_is_a_config_error() =>
        Assert.Throws<ConfigException>(() => ConfigLoader.LoadFile("/nonexistent/cloudauditor.yaml"));
}
