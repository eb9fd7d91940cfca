using System.Text;
using CloudAuditor.SensitiveData.Detectors;
using CloudAuditor.SensitiveData.Extraction;
using CloudAuditor.SensitiveData.Scanning;

namespace CloudAuditor.UnitTests.SensitiveData;

/// <summary>Kubernetes Secrets hide values in base64 under data:; they are decoded and scanned under their keys, and only there.</summary>
public class YamlSecretDataTests
{
    private static string B64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    private static async Task<int> CountAsync(string yaml, string type, string name = "secret.yaml")
    {
        var result = await new ContentScanner(DetectorSet.Default, ExtractionLimits.Default, new ScanMemoryBudget(64L << 20))
            .ScanAsync(new MemoryStream(Encoding.UTF8.GetBytes(yaml)), name, CancellationToken.None);
        return result.Detections.Sum(d => d.Tally.Count(type));
    }

    [Fact]
    public async Task Base64_values_under_data_are_decoded_and_scanned()
    {
        var yaml = $"apiVersion: v1\nkind: Secret\ndata:\n  DATABASE_URL: {B64("postgres://app:Tr0ub4dor3@db:5432/app")}\n" +
            $"  contact: \"{B64("ops@contoso.example")}\"\nmetadata:\n  note: {B64("jane@contoso.example")}\n";
        Assert.Equal(1, await CountAsync(yaml, EntityTypes.UrlCredentials));
        Assert.Equal(1, await CountAsync(yaml, EntityTypes.Email));
    }

    [Fact]
    public async Task Binary_values_and_other_files_are_not_decoded()
    {
        var binary = Convert.ToBase64String([0xFF, 0xFE, 0x00, 0x81, 0x40]);
        Assert.Equal(0, await CountAsync($"data:\n  blob: {binary}\n", EntityTypes.Email));
        Assert.Equal(0, await CountAsync($"data:\n  contact: {B64("ops@contoso.example")}\n", EntityTypes.Email, "notes.txt"));
    }
}
