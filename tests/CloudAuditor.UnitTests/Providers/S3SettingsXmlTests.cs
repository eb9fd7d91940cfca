using System.Xml.Linq;
using CloudAuditor.AwsProvider;
using CloudAuditor.Core.Model;

namespace CloudAuditor.UnitTests.Providers;

/// <summary>The setting documents in the shapes the S3 API reference gives them, with and without S3's namespace.</summary>
public class S3SettingsXmlTests
{
    private static XElement Doc(string xml) => XElement.Parse(xml);

    [Fact]
    public void Lifecycle_filters_are_read_in_every_form_and_disabled_rules_are_left_out()
    {
        var rules = S3SettingsXml.Lifecycle(Doc("""
            <LifecycleConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
              <Rule><ID>legacy</ID><Prefix>tmp/</Prefix><Status>Enabled</Status><Expiration><Days>7</Days></Expiration></Rule>
              <Rule><ID>tagged</ID><Filter><Tag><Key>temp</Key><Value>yes</Value></Tag></Filter><Status>Enabled</Status>
                <Expiration><Days>30</Days></Expiration></Rule>
              <Rule><ID>combined</ID><Filter><And><Prefix>logs/</Prefix><Tag><Key>a</Key><Value>1</Value></Tag><Tag><Key>b</Key><Value>2</Value></Tag>
                <ObjectSizeGreaterThan>1024</ObjectSizeGreaterThan><ObjectSizeLessThan>1048576</ObjectSizeLessThan></And></Filter>
                <Status>Enabled</Status><Expiration><Days>90</Days></Expiration><NoncurrentVersionExpiration><NoncurrentDays>14</NoncurrentDays>
                </NoncurrentVersionExpiration></Rule>
              <Rule><ID>by-date</ID><Filter/><Status>Enabled</Status><Expiration><Date>2030-01-01T00:00:00Z</Date></Expiration></Rule>
              <Rule><ID>off</ID><Filter><Prefix>drafts/</Prefix></Filter><Status>Disabled</Status><Expiration><Days>1</Days></Expiration></Rule>
            </LifecycleConfiguration>
            """)).Rules.ToDictionary(r => r.Id);

        Assert.Equal(["legacy", "tagged", "combined", "by-date"], rules.Keys);
        Assert.Equal(["tmp/"], rules["legacy"].Scope.Prefixes);
        Assert.Equal(7, rules["legacy"].ExpirationDays);
        Assert.Equal("yes", rules["tagged"].Scope.Tags["temp"]);
        Assert.Empty(rules["tagged"].Scope.Prefixes);
        var combined = rules["combined"];
        Assert.Equal(["logs/"], combined.Scope.Prefixes);
        Assert.Equal(2, combined.Scope.Tags.Count);
        Assert.Equal((1024L, 1048576L), (combined.Scope.MinSizeBytes!.Value, combined.Scope.MaxSizeBytes!.Value));
        Assert.Equal((90, 14), (combined.ExpirationDays!.Value, combined.NoncurrentExpirationDays!.Value));
        // An expiry by date is not a number of days: it does not count as the rule's age limit.
        Assert.Null(rules["by-date"].ExpirationDays);
        Assert.Equal(LifecycleScope.Everything.Prefixes, rules["by-date"].Scope.Prefixes);
    }

    [Fact]
    public void Documents_without_the_namespace_read_the_same()
    {
        const string Versioning = "<VersioningConfiguration{0}><Status>Enabled</Status><MfaDelete>Enabled</MfaDelete></VersioningConfiguration>";
        var with = S3SettingsXml.Versioning(Doc(string.Format(null, Versioning, " xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"")));
        var without = S3SettingsXml.Versioning(Doc(string.Format(null, Versioning, "")));
        Assert.Equal(new VersioningSettings(true, true), with);
        Assert.Equal(with, without);
        Assert.Equal(new VersioningSettings(false, false), S3SettingsXml.Versioning(Doc("<VersioningConfiguration/>")));
        Assert.Equal(new VersioningSettings(false, false),
            S3SettingsXml.Versioning(Doc("<VersioningConfiguration><Status>Suspended</Status></VersioningConfiguration>")));
    }

    [Fact]
    public void Object_lock_counts_years_and_days_only_when_enabled()
    {
        var locked = S3SettingsXml.ObjectLock(Doc("""
            <ObjectLockConfiguration><ObjectLockEnabled>Enabled</ObjectLockEnabled>
              <Rule><DefaultRetention><Mode>GOVERNANCE</Mode><Days>30</Days></DefaultRetention></Rule></ObjectLockConfiguration>
            """));
        Assert.Equal(new ImmutabilitySettings(30, Locked: false, LegalHold: false), locked);
        var noDefault = S3SettingsXml.ObjectLock(Doc("<ObjectLockConfiguration><ObjectLockEnabled>Enabled</ObjectLockEnabled></ObjectLockConfiguration>"));
        Assert.Null(noDefault.Days);
    }

    [Fact]
    public void Grants_name_their_group_and_ownership_without_a_rule_is_no_controls()
    {
        var acl = S3SettingsXml.Acl(Doc("""
            <AccessControlPolicy><AccessControlList>
              <Grant><Grantee xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="Group">
                <URI>http://acs.amazonaws.com/groups/global/AuthenticatedUsers</URI></Grantee><Permission>WRITE</Permission></Grant>
              <Grant><Grantee><EmailAddress>ops@example.com</EmailAddress></Grantee><Permission>READ</Permission></Grant>
            </AccessControlList></AccessControlPolicy>
            """));
        Assert.Equal([AclGranteeGroup.AuthenticatedUsers, AclGranteeGroup.Other], acl.Grants.Select(g => g.Group));
        Assert.Equal("ops@example.com", acl.Grants[1].Grantee);
        Assert.True(acl.Grants[0].IsPublic);
        Assert.Null(S3SettingsXml.Ownership(Doc("<OwnershipControls/>")));
        Assert.Equal(new TagSet(new Dictionary<string, string>()).Values, S3SettingsXml.Tags(Doc("<Tagging><TagSet/></Tagging>")).Values);
    }

    [Theory]
    [InlineData("<Expiration><Days>ninety</Days></Expiration>", "<Days> is not a whole number")]
    [InlineData("<Expiration><Days>-3</Days></Expiration>", "<Days> is not a whole number")]
    [InlineData("<Expiration><Days>99999999999</Days></Expiration>", "<Days> is out of range")]
    public void A_number_that_is_not_one_is_a_malformed_setting_named_by_its_element(string expiration, string message)
    {
        var document = Doc($"<LifecycleConfiguration><Rule><ID>r</ID><Status>Enabled</Status>{expiration}</Rule></LifecycleConfiguration>");
        Assert.Equal(message, Assert.Throws<FormatException>(() => S3SettingsXml.Lifecycle(document)).Message);
    }

    [Fact]
    public void A_listing_is_decoded_only_when_it_says_its_names_are_url_encoded()
    {
        var encoded = S3SettingsXml.ListBucketResult(Doc("""
            <ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><EncodingType>url</EncodingType>
              <Contents><Key>q1%20report/%C3%A4%2Bb.csv</Key></Contents><Contents><Key>bell%07.txt</Key></Contents>
              <CommonPrefixes><Prefix>2026%2F</Prefix></CommonPrefixes></ListBucketResult>
            """));
        var plain = S3SettingsXml.ListBucketResult(Doc("<ListBucketResult><Contents><Key>a+b%20c.txt</Key></Contents></ListBucketResult>"));

        Assert.Equal(["q1 report/ä+b.csv", "bell\u0007.txt"], encoded.Keys);
        Assert.Equal(["2026/"], encoded.Prefixes);
        Assert.Equal(["a+b%20c.txt"], plain.Keys);
    }
}
