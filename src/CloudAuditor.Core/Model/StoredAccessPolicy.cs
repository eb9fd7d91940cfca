namespace CloudAuditor.Core.Model;

/// <summary>
/// A container's stored access policy (a signed identifier): service SAS tokens that name it take its permissions and expiry,
/// and stay valid until the policy changes. Permissions in Azure's letters (r read, a add, c create, w write, d delete,
/// x delete version, l list, ...).
/// </summary>
public sealed record StoredAccessPolicy(string Id, DateTimeOffset? StartsOn, DateTimeOffset? ExpiresOn, string Permissions)
{
    /// <summary>Letters that let a SAS holder change or destroy data rather than read it.</summary>
    public bool AllowsChanges => Permissions.IndexOfAny(['a', 'c', 'w', 'd', 'x', 'y', 't', 'm', 'e']) >= 0;
}
