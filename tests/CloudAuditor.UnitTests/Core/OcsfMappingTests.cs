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

    /// <summary>The whole event, byte for byte, as SIEM parsers have been reading it: a change of shape is a change of contract.</summary>
    [Fact]
    public void Events_keep_their_exact_shape()
    {
        var check = CheckCatalog.Default.Evaluate(Subjects.Container(ContainerAccessLevel.Container, probe: Subjects.Allowed)).Single() with
        {
            Owner = "data-team", Remediation = "Set the access level to None.",
        };
        var sensitive = new Finding
        {
            Type = FindingType.SensitiveData, CheckId = "aws.s3.sensitive-data", Severity = Severity.High, Status = FindingStatus.Fail, Cloud = CloudKind.Aws,
            Resource = new ResourceRef("arn:aws:s3:::b", "s3-bucket", "b") { Account = "123456789012" }, Title = "t", Detail = "d", Fingerprint = "f",
            Object = "exports/people.csv", Entities = [new EntityCount("US_SSN", 2, ["***-**-6789"])],
            Evidence = new Dictionary<string, string> { ["bytes"] = "10" },
        };
        var time = DateTimeOffset.UnixEpoch.AddSeconds(1);

        Assert.Equal("""
            {
              "activity_id": 1,
              "activity_name": "Create",
              "category_uid": 2,
              "category_name": "Findings",
              "class_uid": 2003,
              "class_name": "Compliance Finding",
              "type_uid": 200301,
              "time": 1000,
              "severity_id": 5,
              "severity": "Critical",
              "status_id": 1,
              "status": "New",
              "metadata": {
                "version": "1.1.0",
                "product": {
                  "name": "CloudAuditor",
                  "vendor_name": "CloudAuditor"
                }
              },
              "finding_info": {
                "uid": "ebe02ebcc50d1b086839e0054a452b7c",
                "title": "Blob container allows anonymous access",
                "desc": "Proven public: anonymous List Blobs returned 200.",
                "types": [
                  "Exposure"
                ]
              },
              "compliance": {
                "control": "azure.container.public-access",
                "status": "Fail",
                "status_id": 3,
                "standards": [
                  "CIS Microsoft Azure Foundations 2.1.0 3.7"
                ]
              },
              "data_security": null,
              "resources": [
                {
                  "uid": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/acct/blobServices/default/containers/data",
                  "type": "blob-container",
                  "name": "data"
                }
              ],
              "cloud": {
                "provider": "Azure",
                "account": {
                  "uid": "acct"
                }
              },
              "remediation": {
                "desc": "Set the access level to None."
              },
              "unmapped": {
                "checkId": "azure.container.public-access",
                "evidence": {
                  "publicAccessLevel": "container",
                  "allowBlobPublicAccess": "false",
                  "anonymousProbe": "allowed",
                  "anonymousProbeRequest": "GET https://acct.blob.core.windows.net/data?restype=container&comp=list",
                  "anonymousProbeStatus": "200",
                  "anonymousProbeResult": "anonymous List Blobs returned 200"
                },
                "owner": "data-team"
              }
            }
            """, JsonSerializer.Serialize(OcsfMapping.From(check, time), FindingJson.Indented), ignoreLineEndingDifferences: true);
        Assert.Equal("""
            {
              "activity_id": 1,
              "activity_name": "Create",
              "category_uid": 2,
              "category_name": "Findings",
              "class_uid": 2006,
              "class_name": "Data Security Finding",
              "type_uid": 200601,
              "time": 1000,
              "severity_id": 4,
              "severity": "High",
              "status_id": 1,
              "status": "New",
              "metadata": {
                "version": "1.1.0",
                "product": {
                  "name": "CloudAuditor",
                  "vendor_name": "CloudAuditor"
                }
              },
              "finding_info": {
                "uid": "f",
                "title": "t",
                "desc": "d",
                "types": [
                  "SensitiveData"
                ]
              },
              "compliance": null,
              "data_security": {
                "data_lifecycle_state": "Data at-Rest",
                "detection_system": "CloudAuditor",
                "pattern_match": "US_SSN:2"
              },
              "resources": [
                {
                  "uid": "arn:aws:s3:::b",
                  "type": "s3-bucket",
                  "name": "b"
                }
              ],
              "cloud": {
                "provider": "AWS",
                "account": {
                  "uid": "123456789012"
                }
              },
              "remediation": null,
              "unmapped": {
                "checkId": "aws.s3.sensitive-data",
                "object": "exports/people.csv",
                "entities": [
                  {
                    "type": "US_SSN",
                    "count": 2,
                    "masked": [
                      "***-**-6789"
                    ]
                  }
                ],
                "evidence": {
                  "bytes": "10"
                }
              }
            }
            """, JsonSerializer.Serialize(OcsfMapping.From(sensitive, time), FindingJson.Indented), ignoreLineEndingDifferences: true);
    }
}
