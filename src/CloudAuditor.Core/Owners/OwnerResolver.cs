using CloudAuditor.Core.Config;
using CloudAuditor.Core.Matching;
using CloudAuditor.Core.Model;

namespace CloudAuditor.Core.Owners;

/// <summary>
/// Who owns a resource: its own tags/metadata (owner-email, owner, contact, team), then its account's, then the
/// configured resource rules, then the default security mailbox. Team names map to addresses through the config.
/// </summary>
public sealed class OwnerResolver(OwnerSettings settings)
{
    private static readonly string[] LabelNames = ["owner-email", "owner_email", "owneremail", "owner", "contact", "team"];

    public string? Resolve(IAuditSubject subject)
    {
        foreach (var labels in subject.LabelChain())
        {
            foreach (var name in LabelNames)
            {
                if (labels.TryGetValue(name, out var value) && AddressOf(value) is { } address) return address;
            }
        }
        var rule = settings.Resources.FirstOrDefault(r => Glob.Matches(r.Match, subject.Resource.Id) || Glob.Matches(r.Match, subject.Resource.Name));
        if (rule is not null) return rule.Owner;
        return string.IsNullOrWhiteSpace(settings.Default) ? null : settings.Default;
    }

    private string? AddressOf(string value)
    {
        var trimmed = value.Trim();
        if (trimmed.Contains('@', StringComparison.Ordinal)) return trimmed;
        return settings.Teams.FirstOrDefault(t => string.Equals(t.Key, trimmed, StringComparison.OrdinalIgnoreCase)).Value;
    }
}
