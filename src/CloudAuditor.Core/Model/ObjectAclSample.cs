namespace CloudAuditor.Core.Model;

/// <summary>
/// The object ACLs read from a bounded sample of a bucket's keys, spread across its top-level prefixes: which of them grant
/// access to AllUsers or AuthenticatedUsers. A sample proves exposure where it finds it; it cannot prove its absence.
/// </summary>
public sealed record ObjectAclSample(int KeysChecked, int PrefixesSampled, IReadOnlyList<ObjectAclExposure> Public)
{
    /// <summary>Keys whose ACL could not be read, and why (the first reason); the rest of the sample still counts.</summary>
    public int KeysUnread { get; init; }

    public string? UnreadReason { get; init; }

    /// <summary>Why no ACL was read although the bucket was sampled (ACLs disabled by BucketOwnerEnforced, an empty bucket).</summary>
    public string? Skipped { get; init; }
}
