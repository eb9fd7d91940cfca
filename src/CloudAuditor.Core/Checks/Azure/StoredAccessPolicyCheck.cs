using System.Globalization;
using CloudAuditor.Core.Model;

namespace CloudAuditor.Core.Checks.Azure;

/// <summary>
/// Stored access policies that keep service SAS tokens alive for long (or forever) or let them change data. A SAS naming a
/// policy cannot be revoked except by changing the policy, so such a policy is a standing credential.
/// </summary>
public sealed class StoredAccessPolicyCheck : Check<AzureContainer>
{
    public const string Id = "azure.container.stored-access-policy";

    /// <summary>Longer than this counts as long-lived.</summary>
    public static readonly TimeSpan MaxValidity = TimeSpan.FromDays(365);

    public override CheckDefinition Definition { get; } = new(
        Id, FindingType.Iam, Severity.Medium,
        "Container stored access policy is long-lived or allows changes",
        "Every service SAS that names the policy is valid as long as the policy is: with no expiry it works until someone edits the policy.",
        "Give each stored access policy an expiry within a year and only the permissions its users need " +
        "(az storage container policy update --expiry ... --permissions r); prefer user delegation SAS.",
        []);

    protected override CheckOutcome? Evaluate(AzureContainer container, CheckContext context)
    {
        if (container.StoredAccessPolicies.Value is not { } policies) return null;
        if (policies.Count == 0) return CheckOutcome.Pass("The container has no stored access policy.");
        var evidence = Evidence(("storedAccessPolicies", string.Join("; ", policies.Select(p =>
            $"{p.Id}: {(p.Permissions.Length == 0 ? "no permissions" : p.Permissions)}, expires {Expiry(p)}"))));
        if (container.Account.Settings.Value?.AllowSharedKeyAccess == false)
            return CheckOutcome.Pass("Shared key access is disabled, so no service SAS can use the stored access policies.", evidence);
        var problems = policies.Select(p => (Policy: p, Why: Problem(p, context.Now))).Where(p => p.Why is not null).ToList();
        if (problems.Count == 0) return CheckOutcome.Pass($"{policies.Count} stored access policy(ies), each read-only and expiring within a year.", evidence);
        var worst = problems.Any(p => p.Policy.ExpiresOn is null && p.Policy.AllowsChanges) ? Severity.High : (Severity?)null;
        return CheckOutcome.Fail(string.Join("; ", problems.Select(p => $"'{p.Policy.Id}' {p.Why}")) + ".", worst, evidence);
    }

    private static string? Problem(StoredAccessPolicy policy, DateTimeOffset now)
    {
        var reasons = new List<string>();
        if (policy.ExpiresOn is null) reasons.Add("has no expiry of its own (SAS naming it live as long as their own expiry says)");
        else if (policy.ExpiresOn - now > MaxValidity) reasons.Add($"expires in {(int)(policy.ExpiresOn.Value - now).TotalDays} days");
        if (policy.AllowsChanges) reasons.Add($"allows changes ({policy.Permissions})");
        return reasons.Count == 0 ? null : string.Join(" and ", reasons);
    }

    private static string Expiry(StoredAccessPolicy policy) =>
        policy.ExpiresOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "never";
}
