using CloudAuditor.Core.Model;

namespace CloudAuditor.Core.Checks.Azure;

public sealed class SecureTransportCheck : Check<AzureStorageAccount>
{
    public const string Id = "azure.account.secure-transport";

    private static readonly string[] WeakTls = ["TLS1_0", "TLS1_1"];

    public override CheckDefinition Definition { get; } = new(
        Id, FindingType.Encryption, Severity.Medium,
        "Storage account accepts insecure transport",
        "Plain HTTP or TLS below 1.2 exposes data and keys in transit.",
        "Set supportsHttpsTrafficOnly to true and minimumTlsVersion to TLS1_2.",
        ["CIS Microsoft Azure Foundations 2.1.0 3.1", "CIS Microsoft Azure Foundations 2.1.0 3.15"]);

    protected override CheckOutcome? Evaluate(AzureStorageAccount account, CheckContext context)
    {
        if (account.Settings.Value is not { } settings || settings.HttpsTrafficOnly is null) return null;
        var evidence = Evidence(("supportsHttpsTrafficOnly", settings.HttpsTrafficOnly.ToString()!.ToLowerInvariant()),
            ("minimumTlsVersion", settings.MinimumTlsVersion));
        var problems = new List<string>();
        if (settings.HttpsTrafficOnly == false) problems.Add("HTTP is accepted");
        if (settings.MinimumTlsVersion is null || WeakTls.Contains(settings.MinimumTlsVersion, StringComparer.OrdinalIgnoreCase))
            problems.Add($"minimum TLS version is {settings.MinimumTlsVersion ?? "unset (TLS1_0)"}");
        return problems.Count == 0
            ? CheckOutcome.Pass("HTTPS only with TLS 1.2 or later.", evidence)
            : CheckOutcome.Fail(string.Join("; ", problems) + ".", evidence: evidence);
    }
}
