using System.Globalization;
using CloudAuditor.Core.Model;

namespace CloudAuditor.Core.Checks.Azure;

/// <summary>Account keys that still work and have not been regenerated for longer than a rotation period.</summary>
public sealed class AccountKeyAgeCheck : Check<AzureStorageAccount>
{
    public const string Id = "azure.account.key-age";

    /// <summary>The rotation period CIS and Microsoft's guidance suggest.</summary>
    public const int MaxAgeDays = 90;

    public override CheckDefinition Definition { get; } = new(
        Id, FindingType.Iam, Severity.Medium,
        $"Storage account keys are older than {MaxAgeDays} days",
        "An account key is full control of the account's data; the longer it lives, the more copies of it exist in scripts, pipelines and laptops.",
        "Regenerate the keys (az storage account keys renew), set a key expiration policy (keyPolicy), or disable shared key access.",
        ["CIS Microsoft Azure Foundations 2.1.0: Storage Account Access Keys are Periodically Regenerated"]);

    protected override CheckOutcome? Evaluate(AzureStorageAccount account, CheckContext context)
    {
        if (account.Settings.Value is not { } settings) return null;
        if (!settings.AllowSharedKeyAccess) return CheckOutcome.Pass("Shared key access is disabled, so the keys authorise nothing.");
        if (settings.KeyCreationTimes is not { Count: > 0 } created)
            return CheckOutcome.Fail("ARM records no creation time for the account keys: they have not been regenerated since Azure began recording it.",
                evidence: Evidence(("keyCreationTime", "none recorded")));
        var ages = created.OrderBy(k => k.Key, StringComparer.Ordinal)
            .Select(k => (k.Key, Days: (int)(context.Now - k.Value).TotalDays)).ToList();
        var evidence = Evidence(("keyAgeDays", string.Join(", ", ages.Select(a => $"{a.Key}={a.Days.ToString(CultureInfo.InvariantCulture)}"))));
        var old = ages.Where(a => a.Days > MaxAgeDays).ToList();
        return old.Count == 0
            ? CheckOutcome.Pass($"Every account key was regenerated within {MaxAgeDays} days.", evidence)
            : CheckOutcome.Fail($"Not regenerated for over {MaxAgeDays} days: {string.Join(", ", old.Select(a => $"{a.Key} ({a.Days} days)"))}.",
                evidence: evidence);
    }
}
