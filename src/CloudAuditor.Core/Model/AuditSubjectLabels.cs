namespace CloudAuditor.Core.Model;

public static class AuditSubjectLabels
{
    /// <summary>The subject's own tags/metadata first, then its parents': container, account, resource group.</summary>
    public static IEnumerable<IReadOnlyDictionary<string, string>> LabelChain(this IAuditSubject subject)
    {
        yield return subject.Labels;
        var account = subject switch { AzureContainer container => container.Account, AzureStorageAccount a => a, _ => null };
        if (account is null) yield break;
        if (!ReferenceEquals(account, subject)) yield return account.Labels;
        if (account.Settings.Value?.ResourceGroupTags is { Count: > 0 } groupTags) yield return groupTags;
    }
}
