using System.Globalization;
using System.Xml.Linq;
using CloudAuditor.Core.Model;

namespace CloudAuditor.AwsProvider;

/// <summary>
/// S3's setting documents (the REST API's XML, as AWS documents and answers them) read into the model. Elements are matched by
/// local name, so an S3-compatible server that leaves out the namespace reads the same. A missing element is unset.
/// </summary>
internal static class S3SettingsXml
{
    private const string AllUsersUri = "http://acs.amazonaws.com/groups/global/AllUsers";
    private const string AuthenticatedUsersUri = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers";
    private const string LogDeliveryUri = "http://acs.amazonaws.com/groups/s3/LogDelivery";

    /// <summary>AccessControlPolicy/AccessControlList/Grant, of a bucket or an object.</summary>
    public static AclList Acl(XElement policy) =>
        new([.. policy.Child("AccessControlList").Children("Grant").Select(g =>
        {
            var grantee = g.Child("Grantee");
            return Grant(grantee.Text("URI"), grantee.Text("ID"), grantee.Text("EmailAddress"), g.Text("Permission"));
        })]);

    /// <summary>One grant, from whichever of a group URI, canonical id or e-mail names its grantee.</summary>
    public static AclGrant Grant(string? uri, string? canonicalId, string? email, string? permission)
    {
        var group = uri switch
        {
            AllUsersUri => AclGranteeGroup.AllUsers,
            AuthenticatedUsersUri => AclGranteeGroup.AuthenticatedUsers,
            LogDeliveryUri => AclGranteeGroup.LogDelivery,
            _ => AclGranteeGroup.Other,
        };
        return new AclGrant(group, uri ?? canonicalId ?? email ?? "unknown", permission ?? "UNKNOWN");
    }

    /// <summary>PublicAccessBlockConfiguration, of a bucket or (S3 Control) of the account.</summary>
    public static PublicAccessBlock PublicAccessBlock(XElement block) =>
        new(block.Flag("BlockPublicAcls"), block.Flag("IgnorePublicAcls"), block.Flag("BlockPublicPolicy"), block.Flag("RestrictPublicBuckets"));

    /// <summary>OwnershipControls; no rule is as if there were no controls (null).</summary>
    public static ObjectOwnership? Ownership(XElement controls) =>
        controls.Children("Rule").FirstOrDefault() is { } rule ? new ObjectOwnership(rule.Text("ObjectOwnership") ?? "ObjectWriter") : null;

    public static WebsiteConfiguration Website(XElement site) =>
        new(site.Child("IndexDocument").Text("Suffix"), site.Child("RedirectAllRequestsTo").Text("HostName"));

    public static TagSet Tags(XElement tagging) =>
        new(tagging.Child("TagSet").Children("Tag").Select(t => (Key: t.Text("Key") ?? "", Value: t.Text("Value") ?? ""))
            .GroupBy(t => t.Key, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.OrdinalIgnoreCase));

    /// <summary>VersioningConfiguration; a bucket never versioned answers it empty.</summary>
    public static VersioningSettings Versioning(XElement configuration) =>
        new(configuration.Text("Status") == "Enabled", configuration.Text("MfaDelete") == "Enabled");

    /// <summary>Default retention of an object-lock bucket; S3 has no legal hold at bucket level (it is per object).</summary>
    public static ImmutabilitySettings ObjectLock(XElement configuration)
    {
        var retention = configuration.Child("Rule").Child("DefaultRetention");
        var enabled = configuration.Text("ObjectLockEnabled") == "Enabled";
        int? days = enabled && retention is not null
            ? (int)Math.Min(int.MaxValue, (retention.Days("Days") ?? 0) + (retention.Days("Years") ?? 0) * 365L)
            : null;
        return new ImmutabilitySettings(days, retention.Text("Mode") == "COMPLIANCE", LegalHold: false);
    }

    /// <summary>The enabled rules of a LifecycleConfiguration.</summary>
    public static LifecycleRules Lifecycle(XElement configuration) =>
        new([.. configuration.Children("Rule").Where(r => r.Text("Status") == "Enabled").Select(LifecycleRule)]);

    /// <summary>
    /// A rule with its filter: a prefix, one tag or a size bound directly in Filter, several under Filter/And, or the prefix of a
    /// rule written before filters existed.
    /// </summary>
    private static LifecycleRule LifecycleRule(XElement rule)
    {
        var filter = rule.Child("Filter");
        var terms = filter.Child("And") ?? filter;
        var prefix = terms.Text("Prefix") ?? rule.Text("Prefix");
        var tags = terms.Children("Tag").Select(t => (Key: t.Text("Key") ?? "", Value: t.Text("Value") ?? ""))
            .GroupBy(t => t.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal);
        var scope = new LifecycleScope(string.IsNullOrEmpty(prefix) ? [] : [prefix], tags, terms.Number("ObjectSizeGreaterThan"),
            terms.Number("ObjectSizeLessThan"), []);
        var days = rule.Child("Expiration").Days("Days");
        return new LifecycleRule(rule.Text("ID") ?? "", scope, days is > 0 ? days : null, rule.Child("NoncurrentVersionExpiration").Days("NoncurrentDays"));
    }

    /// <summary>A ListObjectsV2 page's keys and common prefixes (URL-decoded when the page says it encoded them).</summary>
    public sealed record Listing(IReadOnlyList<string> Keys, IReadOnlyList<string> Prefixes);

    public static Listing ListBucketResult(XElement result)
    {
        var encoded = result.Text("EncodingType") == "url";
        string Name(string? text) => encoded ? Uri.UnescapeDataString(text ?? "") : text ?? "";
        return new([.. result.Children("Contents").Select(c => Name(c.Text("Key")))],
            [.. result.Children("CommonPrefixes").Select(p => Name(p.Text("Prefix")))]);
    }

    /// <summary>ReplicationConfiguration: replicated when it has a rule.</summary>
    public static ReplicationSettings Replication(XElement configuration) => new(configuration.Children("Rule").Any());

    private static IEnumerable<XElement> Children(this XElement? element, string name) =>
        element?.Elements().Where(e => e.Name.LocalName == name) ?? [];

    private static XElement? Child(this XElement? element, string name) => element.Children(name).FirstOrDefault();

    private static string? Text(this XElement? element, string name) => element.Child(name)?.Value.Trim();

    private static bool Flag(this XElement element, string name) => string.Equals(element.Text(name), "true", StringComparison.OrdinalIgnoreCase);

    /// <exception cref="FormatException">The element is not a whole number (the reader reports the setting as malformed).</exception>
    private static long? Number(this XElement? element, string name) =>
        element.Text(name) is { } text ? long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value
            : throw new FormatException($"<{name}> is not a whole number") : null;

    /// <exception cref="FormatException">The element is not a whole number of days (or years) that fits an int.</exception>
    private static int? Days(this XElement? element, string name) =>
        element.Number(name) is { } value ? value <= int.MaxValue ? (int)value : throw new FormatException($"<{name}> is out of range") : null;
}
