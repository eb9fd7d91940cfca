using System.Text.Json;
using CloudAuditor.Core.Checks;
using CloudAuditor.Core.Model;
using CloudAuditor.Core.Output;
using CloudAuditor.UnitTests.Support;

namespace CloudAuditor.UnitTests.Core;

public class FindingJsonTests
{
    [Fact]
    public void Findings_serialize_with_the_contract_names_and_values()
    {
        var finding = CheckCatalog.Default.Evaluate(Subjects.Container(ContainerAccessLevel.Container, probe: Subjects.Allowed))
            .Single(f => f.CheckId == "azure.container.public-access");
        using var doc = JsonDocument.Parse(JsonSerializer.Serialize(finding, FindingJson.Options));
        var root = doc.RootElement;
        Assert.Equal("exposure", root.GetProperty("type").GetString());
        Assert.Equal("critical", root.GetProperty("severity").GetString());
        Assert.Equal("fail", root.GetProperty("status").GetString());
        Assert.Equal("azure", root.GetProperty("cloud").GetString());
        Assert.Equal("data", root.GetProperty("resource").GetProperty("container").GetString());
        Assert.Equal("acct", root.GetProperty("resource").GetProperty("account").GetString());
        Assert.Equal("blob-container", root.GetProperty("resource").GetProperty("kind").GetString());
        Assert.Equal(32, root.GetProperty("fingerprint").GetString()!.Length);
        Assert.False(root.TryGetProperty("isFailing", out _));
        Assert.False(root.TryGetProperty("object", out _));
    }

    [Fact]
    public void Sensitive_data_type_is_kebab_case() =>
        Assert.Equal("\"sensitive-data\"", JsonSerializer.Serialize(FindingType.SensitiveData, FindingJson.Options));

    [Fact]
    public void Fingerprints_are_stable_and_distinguish_resources()
    {
        Assert.Equal(Fingerprint.Of("c", "/R/x"), Fingerprint.Of("c", "/r/X"));
        Assert.NotEqual(Fingerprint.Of("c", "/r/x"), Fingerprint.Of("c", "/r/y"));
        Assert.NotEqual(Fingerprint.Of("c", "/r/x", "a.csv"), Fingerprint.Of("c", "/r/x", "b.csv"));
    }
}
