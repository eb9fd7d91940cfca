using System.Globalization;
using CloudAuditor.Core.Model;

namespace CloudAuditor.Core.Checks.Azure;

/// <summary>Without a SAS expiration policy an account SAS or service SAS can be signed to live for years.</summary>
public sealed class SasExpirationPolicyCheck : Check<AzureStorageAccount>
{
    public const string Id = "azure.account.sas-expiration-policy";

    /// <summary>The longest SAS validity the policy may allow: leaked SAS URLs stay useful for as long as they are valid.</summary>
    public static readonly TimeSpan MaxValidity = TimeSpan.FromDays(1);

    public override CheckDefinition Definition { get; } = new(
        Id, FindingType.Iam, Severity.Medium,
        "Storage account has no SAS expiration policy, or one allowing long-lived SAS",
        "A SAS URL is a bearer credential: pasted into a ticket or a log, it works for anyone until it expires.",
        "Set a SAS expiration policy of a day or less with action Block (az storage account update --sas-expiration-period 1.00:00:00); " +
        "prefer user delegation SAS.",
        ["CIS Microsoft Azure Foundations 2.1.0: Shared Access Signature Tokens Expire Within an Hour"]);

    protected override CheckOutcome? Evaluate(AzureStorageAccount account, CheckContext context)
    {
        if (account.Settings.Value is not { } settings) return null;
        if (!settings.AllowSharedKeyAccess)
            return CheckOutcome.Pass("Shared key access is disabled, so only user delegation SAS (at most 7 days, tied to an identity) can be issued.");
        if (settings.SasExpirationPeriod is not { } period)
            return CheckOutcome.Fail("No SAS expiration policy: a SAS can be signed with any expiry.", evidence: Evidence(("sasPolicy", "none")));
        var evidence = Evidence(("sasExpirationPeriod", period.ToString("c", CultureInfo.InvariantCulture)),
            ("expirationAction", settings.SasExpirationAction));
        var blocks = string.Equals(settings.SasExpirationAction, "Block", StringComparison.OrdinalIgnoreCase);
        if (period > MaxValidity)
            return CheckOutcome.Fail($"The SAS expiration policy allows SAS valid for {period.ToString("c", CultureInfo.InvariantCulture)} (more than a day).",
                evidence: evidence);
        return blocks
            ? CheckOutcome.Pass($"SAS longer than {period.ToString("c", CultureInfo.InvariantCulture)} are blocked.", evidence)
            : CheckOutcome.Fail($"SAS longer than {period.ToString("c", CultureInfo.InvariantCulture)} are only logged, not blocked.", Severity.Low, evidence);
    }
}
