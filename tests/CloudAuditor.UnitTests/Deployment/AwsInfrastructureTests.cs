using System.Text.Json;
using CloudAuditor.UnitTests.Support;
using YamlDotNet.RepresentationModel;

namespace CloudAuditor.UnitTests.Deployment;

/// <summary>infra/aws/cloudauditor.yaml: parses, and its policies stay least-privilege.</summary>
public class AwsInfrastructureTests
{
    private static readonly YamlMappingNode Resources = Load();

    private static YamlMappingNode Load()
    {
        var yaml = new YamlStream();
        using var reader = new StreamReader(Path.Combine(RepoRoot.Path, "infra", "aws", "cloudauditor.yaml"));
        yaml.Load(reader);
        return (YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode)["Resources"];
    }

    private static IEnumerable<(string Effect, List<string> Actions)> Statements(string policy) =>
        ((YamlSequenceNode)Resources[policy]["Properties"]["PolicyDocument"]["Statement"]).Cast<YamlMappingNode>().Select(s =>
            (s["Effect"].ToString(), s["Action"] is YamlSequenceNode list ? list.Select(a => a.ToString()).ToList() : [s["Action"].ToString()]));

    [Fact]
    public void Read_only_policy_reads_and_never_writes()
    {
        var actions = Statements("ReadOnlyPolicy").SelectMany(s => s.Actions).ToList();
        Assert.Contains("s3:GetBucketPolicy", actions);
        Assert.Contains("s3:GetObject", actions);
        Assert.DoesNotContain(actions, a => a.Contains(":Put", StringComparison.Ordinal) || a.Contains(":Delete", StringComparison.Ordinal) || a.EndsWith('*'));
    }

    [Fact]
    public void Remediation_policy_allows_only_what_the_remediators_do_and_denies_deleting_policies()
    {
        var statements = Statements("RemediationPolicy").ToList();
        Assert.Equal(["s3:PutAccountPublicAccessBlock", "s3:PutBucketAcl", "s3:PutBucketPolicy", "s3:PutBucketPublicAccessBlock",
            "s3:PutObjectAcl"],
            statements.Where(s => s.Effect == "Allow").SelectMany(s => s.Actions).Order().ToArray());
        Assert.Contains(statements, s => s.Effect == "Deny" && s.Actions.Contains("s3:DeleteBucketPolicy"));
    }

    [Fact]
    public void The_role_trusts_only_the_managed_identity_through_web_identity()
    {
        var document = Resources["AuditRole"]["Properties"]["AssumeRolePolicyDocument"]["Fn::Sub"].ToString();
        var withSample = document.Replace("${TenantId}", "t").Replace("${Audience}", "a").Replace("${ManagedIdentityObjectId}",
            "o").Replace("${EntraIdProvider}", "p");
        using var trust = JsonDocument.Parse(withSample);
        var statement = Assert.Single(trust.RootElement.GetProperty("Statement").EnumerateArray().ToList());
        Assert.Equal("sts:AssumeRoleWithWebIdentity", statement.GetProperty("Action").GetString());
        var conditions = statement.GetProperty("Condition").GetProperty("StringEquals");
        Assert.Equal("a", conditions.GetProperty("sts.windows.net/t/:aud").GetString());
        Assert.Equal("o", conditions.GetProperty("sts.windows.net/t/:sub").GetString());
    }

    [Fact]
    public void Exposure_changes_and_new_objects_are_forwarded()
    {
        var changes = (YamlSequenceNode)Resources["S3ExposureChanges"]["Properties"]["EventPattern"]["detail"]["eventName"];
        Assert.Contains("PutBucketAcl", changes.Select(n => n.ToString()));
        Assert.Contains("DeletePublicAccessBlock", changes.Select(n => n.ToString()));
        Assert.Equal("Object Created", ((YamlSequenceNode)Resources["S3ObjectCreated"]["Properties"]["EventPattern"]["detail-type"])[0].ToString());
    }
}
