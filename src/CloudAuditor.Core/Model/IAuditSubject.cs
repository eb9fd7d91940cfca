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
