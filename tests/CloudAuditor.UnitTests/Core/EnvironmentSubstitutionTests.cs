using CloudAuditor.Core.Config;

namespace CloudAuditor.UnitTests.Core;

/// <summary>${VAR} is resolved in parsed values: whatever a secret holds, it arrives as written and cannot reshape the file.</summary>
public class EnvironmentSubstitutionTests
{
    private const string Variable = "CA_TEST_SUBSTITUTED";

    public static TheoryData<string> Values => new()
    {
        "p@ss #not-a-comment",
        "key: value",
        "it's \"quoted\"",
        "line one\nline two\n  - name: injected",
        "tail ends with a colon:",
        "{curly} [square] & *star !bang %percent @at `tick`",
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void Values_arrive_intact_in_plain_and_quoted_positions(string value)
    {
        Environment.SetEnvironmentVariable(Variable, value);
        try
        {
            foreach (var yaml in new[]
            {
                $"aws:\n  - name: a\n    accessKeyId: ${{{Variable}}}\n    secretAccessKey: ${{{Variable}}}\n",
                $"aws:\n  - name: a\n    accessKeyId: \"${{{Variable}}}\"\n    secretAccessKey: '${{{Variable}}}'\n",
            })
            {
                var config = ConfigLoader.Parse(yaml);
                var target = Assert.Single(config.Aws);
                Assert.Equal(value, target.AccessKeyId);
                Assert.Equal(value, target.SecretAccessKey);
            }
        }
        finally
        {
            Environment.SetEnvironmentVariable(Variable, null);
        }
    }

    [Fact]
    public void An_empty_variable_is_empty_when_quoted_and_absent_when_plain_as_yaml_reads_an_empty_scalar()
    {
        Environment.SetEnvironmentVariable(Variable, "");
        try
        {
            var config = ConfigLoader.Parse($"aws:\n  - name: a\n    profile: ${{{Variable}}}\n    region: \"${{{Variable}}}\"\n");
            Assert.Null(config.Aws[0].Profile);
            Assert.Equal("", config.Aws[0].Region);
        }
        finally
        {
            Environment.SetEnvironmentVariable(Variable, null);
        }
    }

    [Fact]
    public void A_value_cannot_add_targets()
    {
        Environment.SetEnvironmentVariable(Variable, "x\n  - name: injected\n    serviceUrl: http://evil.example");
        try
        {
            var config = ConfigLoader.Parse($"aws:\n  - name: a\n    accessKeyId: ${{{Variable}}}\n    secretAccessKey: y\n");
            Assert.Equal("a", Assert.Single(config.Aws).Name);
        }
        finally
        {
            Environment.SetEnvironmentVariable(Variable, null);
        }
    }

    [Fact]
    public void A_reference_in_a_comment_is_a_comment() =>
        Assert.Single(ConfigLoader.Parse("# set ${CA_TEST_NEVER_SET} before running\naws:\n  - name: a # ${CA_TEST_NEVER_SET}\n").Aws);

    [Fact]
    public void Part_of_a_value_and_several_references_expand()
    {
        Environment.SetEnvironmentVariable(Variable, "acct");
        try
        {
            var config = ConfigLoader.Parse($"azure:\n  - name: a\n    accountUrl: https://${{{Variable}}}.blob.core.windows.net/${{{Variable}}}\n");
            Assert.Equal("https://acct.blob.core.windows.net/acct", config.Azure[0].AccountUrl);
        }
        finally
        {
            Environment.SetEnvironmentVariable(Variable, null);
        }
    }

    [Fact]
    public void An_unset_variable_is_named_with_its_line()
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Parse("aws:\n  - name: a\n    accessKeyId: ${CA_TEST_NEVER_SET}\n    secretAccessKey: x\n"));
        Assert.Contains("line 3", e.Message);
        Assert.Contains("CA_TEST_NEVER_SET", e.Message);
    }
}
