using System.Text.Json;
using CloudAuditor.Core.Checks;
using CloudAuditor.Core.Model;
using CloudAuditor.Core.Output;
using CloudAuditor.UnitTests.Support;

namespace CloudAuditor.UnitTests.Core;

public class OcsfMappingTests
{
    private static JsonElement Map(Finding finding) =>
        JsonDocument.Parse(JsonSerializer.Serialize(OcsfMapping.From(finding, DateTimeOffset.UnixEpoch.AddSeconds(1)), FindingJson.Options)).RootElement;

    [Fact]
    public void Check_findings_are_compliance_findings()
    {
        var finding = CheckCatalog.Default.Evaluate(Subjects.Container(ContainerAccessLevel.Container, probe: Subjects.Allowed)).Single();
        var ocsf = Map(finding);
        Assert.Equal(2003, ocsf.GetProperty("class_uid").GetInt32());
        Assert.Equal(200301, ocsf.GetProperty("type_uid").GetInt32());
        Assert.Equal(5, ocsf.GetProperty("severity_id").GetInt32());
        Assert.Equal(1000, ocsf.GetProperty("time").GetInt64());
        Assert.Equal("Fail", ocsf.GetProperty("compliance").GetProperty("status").GetString());
        Assert.Equal("azure.container.public-access", ocsf.GetProperty("compliance").GetProperty("control").GetString());
        Assert.Equal(finding.Fingerprint, ocsf.GetProperty("finding_info").GetProperty("uid").GetString());
        Assert.Equal("Azure", ocsf.GetProperty("cloud").GetProperty("provider").GetString());
    }

    [Fact]
    public void Sensitive_data_is_a_data_security_finding_and_remediation_resolves()
    {
        var finding = new Finding
        {
            Type = FindingType.SensitiveData,
            CheckId = "aws.s3.sensitive-data",
            Severity = Severity.High,
            Status = FindingStatus.Remediated,
            Cloud = CloudKind.Aws,
            Resource = new ResourceRef("arn:aws:s3:::b", "s3-bucket", "b"),
            Title = "t",
            Detail = "d",
            Fingerprint = "f",
            Entities = [new EntityCount("US_SSN", 2, ["***-**-6789"])],
        };
        var ocsf = Map(finding);
        Assert.Equal(2006, ocsf.GetProperty("class_uid").GetInt32());
        Assert.Equal("Resolved", ocsf.GetProperty("status").GetString());
        Assert.Equal("US_SSN:2", ocsf.GetProperty("data_security").GetProperty("pattern_match").GetString());
    }
}
