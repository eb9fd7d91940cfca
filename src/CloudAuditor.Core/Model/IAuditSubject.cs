namespace CloudAuditor.Core.Model;

/// <summary>Anything a provider inventories and checks judge: an account, a container, a bucket.</summary>
public interface IAuditSubject
{
    ResourceRef Resource { get; }
    CloudKind Cloud { get; }

    /// <summary>Tags or metadata, used for owners, exemptions and data classes.</summary>
    IReadOnlyDictionary<string, string> Labels { get; }
}

public static class AuditSubjectLabels
{
    /// <summary>The subject's own tags/metadata first, then its parent's: a container inherits from its account.</summary>
    public static IEnumerable<IReadOnlyDictionary<string, string>> LabelChain(this IAuditSubject subject)
    {
        yield return subject.Labels;
        if (subject is AzureContainer container) yield return container.Account.Labels;
    }
}
