namespace CloudAuditor.Core.Model;

/// <summary>Anything a provider inventories and checks judge: an account, a container, a bucket.</summary>
public interface IAuditSubject
{
    ResourceRef Resource { get; }
    CloudKind Cloud { get; }

    /// <summary>Tags or metadata, used for owners, exemptions and data classes.</summary>
    IReadOnlyDictionary<string, string> Labels { get; }

    /// <summary>Every setting read for this subject, known or not: what coverage accounting and unreadable-settings findings report.</summary>
    IEnumerable<IObservation> Observations { get; }
}

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
