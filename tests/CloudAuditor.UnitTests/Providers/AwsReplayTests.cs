using System.Net;
using CloudAuditor.AwsProvider;
using CloudAuditor.Core.Checks;
using CloudAuditor.Core.Config;
using CloudAuditor.Core.Engine;
using CloudAuditor.Core.Model;
using CloudAuditor.Core.Permissions;
using CloudAuditor.Core.Output;
using CloudAuditor.UnitTests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using S3Bucket = CloudAuditor.Core.Model.S3Bucket;

namespace CloudAuditor.UnitTests.Providers;

/// <summary>The AWS provider end to end over recorded S3 XML: SDK parsing, error codes, and the unsigned probe.</summary>
public class AwsReplayTests
{
    private const string Site = "acme-public-site";
    private const string Payroll = "acme-payroll";

    private static RecordedHttpHandler Recordings(HttpStatusCode accountBlockStatus = HttpStatusCode.NotFound,
        string accountBlock = "aws/s3control-error-no-pab.xml", string listBuckets = "aws/list-buckets.xml") => new RecordedHttpHandler()
        .On(r => RecordedHttpHandler.IsSigned(r) && r.RequestUri!.Host == "111122223333.s3-control.us-east-1.amazonaws.com"
            && r.RequestUri.AbsolutePath == "/v20180820/configuration/publicAccessBlock"
            && r.Headers.GetValues("x-amz-account-id").Single() == "111122223333", accountBlockStatus, accountBlock)
        .OnS3Object(Site, "index.html", "acl", HttpStatusCode.OK, "aws/acl-owner-only.xml")
        .OnS3(Site, "ownershipControls", HttpStatusCode.NotFound, "aws/error-no-ownership-controls.xml")
        .OnS3(Payroll, "ownershipControls", HttpStatusCode.OK, "aws/ownership-bucket-owner-enforced.xml")
        .On(r => RecordedHttpHandler.IsSigned(r) && r.RequestUri!.AbsolutePath == "/" && r.RequestUri.Query.Length <= 1
            && r.RequestUri.Host.StartsWith("s3.", StringComparison.Ordinal), HttpStatusCode.OK, listBuckets)
        .OnS3(Site, "location", HttpStatusCode.OK, "aws/location-us-east-1.xml")
        .OnS3(Site, "acl", HttpStatusCode.OK, "aws/acl-allusers-read.xml")
        .OnS3(Site, "policy", HttpStatusCode.OK, body: Recorded.Read("aws/policy-public-read.json"))
        .OnS3(Site, "publicAccessBlock", HttpStatusCode.OK, "aws/pab-all-off.xml")
        .OnS3(Site, "website", HttpStatusCode.OK, "aws/website-index.xml")
        .OnS3(Site, "tagging", HttpStatusCode.OK, "aws/tagging-owner.xml")
        .OnS3(Site, "list-type", HttpStatusCode.OK, "aws/list-objects-one.xml")
        .OnS3(Site, "versioning", HttpStatusCode.OK, "aws/versioning-never-enabled.xml")
        .OnS3(Site, "object-lock", HttpStatusCode.NotFound, "aws/error-no-object-lock.xml")
        .OnS3(Site, "lifecycle", HttpStatusCode.OK, "aws/lifecycle-expire-90.xml")
        .OnS3(Site, "replication", HttpStatusCode.NotFound, "aws/error-no-replication.xml")
        .OnAnonymousS3(Site, uri => RecordedHttpHandler.HasQuery(uri, "list-type"), HttpStatusCode.Forbidden, "aws/error-access-denied.xml")
        .On(r => !RecordedHttpHandler.IsSigned(r) && r.RequestUri!.AbsolutePath.EndsWith("/index.html", StringComparison.Ordinal),
            HttpStatusCode.PartialContent, body: "<")
        .OnS3(Payroll, "location", HttpStatusCode.OK, "aws/location-us-east-1.xml")
        .OnS3(Payroll, "acl", HttpStatusCode.OK, "aws/acl-owner-only.xml")
        .OnS3(Payroll, "policy", HttpStatusCode.NotFound, "aws/error-no-such-bucket-policy.xml")
        .OnS3(Payroll, "publicAccessBlock", HttpStatusCode.OK, "aws/pab-all-on.xml")
        .OnS3(Payroll, "website", HttpStatusCode.NotFound, "aws/error-no-such-website.xml")
        .OnS3(Payroll, "tagging", HttpStatusCode.Forbidden, "aws/error-access-denied.xml")
        .OnS3(Payroll, "list-type", HttpStatusCode.Forbidden, "aws/error-access-denied.xml")
        .OnS3(Payroll, "versioning", HttpStatusCode.OK, "aws/versioning-enabled-mfa.xml")
        .OnS3(Payroll, "object-lock", HttpStatusCode.OK, "aws/object-lock-compliance-7y.xml")
        .OnS3(Payroll, "lifecycle", HttpStatusCode.NotFound, "aws/error-no-lifecycle.xml")
        .OnS3(Payroll, "replication", HttpStatusCode.OK, "aws/replication-dr.xml")
        .OnAnonymousS3(Payroll, uri => RecordedHttpHandler.HasQuery(uri, "list-type"), HttpStatusCode.Forbidden, "aws/error-access-denied.xml");

    private static async Task<(IReadOnlyList<Finding> Findings, RecordedHttpHandler Http)> SweepAsync(RecordedHttpHandler? recordings = null)
    {
        var http = recordings ?? Recordings();
        var config = new AuditorConfig
        {
            Sweep = new SweepSettings { MaxRetries = 0 },
            Aws = [new AwsTarget { Name = "prod", Region = "us-east-1", AccessKeyId = "AKIAIOSFODNN7EXAMPLE",
                SecretAccessKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", AccountId = "111122223333" }],
        };
        var targets = new AwsInventoryFactory(sweep => new AwsClientFactory(sweep) { Handler = http }, NullLoggerFactory.Instance).Create(config).ToList();
        var sink = new CollectingFindingSink();
        await new SweepEngine(CheckCatalog.Default, CheckContext.Default, NullLogger<SweepEngine>.Instance).RunAsync(targets, sink, 1, CancellationToken.None);
        return (sink.Findings, http);
    }

    [Fact]
    public async Task Public_site_bucket_fails_on_acl_policy_block_website_and_proof()
    {
        var (findings, http) = await SweepAsync();
        Assert.Empty(http.Unmatched);
        var site = findings.Where(f => f.Resource.Bucket == Site).ToDictionary(f => f.CheckId);

        Assert.Equal(FindingStatus.Fail, site["aws.s3.acl-public-grant"].Status);
        Assert.Equal(Severity.High, site["aws.s3.acl-public-grant"].Severity);
        Assert.Contains("PublicReadGetObject", site["aws.s3.policy-public-principal"].Detail);
        Assert.DoesNotContain("DenyInsecureTransport", site["aws.s3.policy-public-principal"].Detail);
        Assert.Equal(FindingStatus.Fail, site["aws.s3.public-access-block"].Status);
        Assert.Equal(FindingStatus.Fail, site["aws.s3.static-website"].Status);
        var proof = site["aws.s3.anonymous-access"];
        Assert.Equal(FindingStatus.Fail, proof.Status);
        Assert.Equal("206", proof.Evidence!["anonymousProbeStatus"]);
        Assert.Equal("arn:aws:s3:::acme-public-site", proof.Resource.Id);
        Assert.Equal("111122223333", proof.Resource.Account);
    }

    [Fact]
    public async Task The_account_is_a_subject_of_its_own_with_its_block()
    {
        var (findings, _) = await SweepAsync();
        var account = Assert.Single(findings, f => f.CheckId == "aws.account.public-access-block");
        Assert.Equal(FindingStatus.Fail, account.Status);
        Assert.Equal("arn:aws:iam::111122223333:root", account.Resource.Id);
    }

    [Fact]
    public async Task Account_block_public_access_neutralises_what_the_bucket_leaves_open()
    {
        var (findings, http) = await SweepAsync(Recordings(HttpStatusCode.OK, "aws/s3control-pab-all-on.xml"));
        Assert.Empty(http.Unmatched);
        var site = findings.Where(f => f.Resource.Bucket == Site).ToDictionary(f => f.CheckId);
        foreach (var id in new[] { "aws.s3.acl-public-grant", "aws.s3.policy-public-principal", "aws.s3.public-access-block" })
        {
            Assert.Equal(FindingStatus.Pass, site[id].Status);
            Assert.Contains("(account)", site[id].Detail, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Unreadable_account_block_leaves_the_verdicts_that_need_it_undecided()
    {
        var (findings, _) = await SweepAsync(Recordings(HttpStatusCode.Forbidden, "aws/s3control-error-access-denied.xml"));
        var site = findings.Where(f => f.Resource.Bucket == Site).ToDictionary(f => f.CheckId);
        foreach (var id in new[] { "aws.s3.acl-public-grant", "aws.s3.policy-public-principal" })
        {
            Assert.Equal(FindingStatus.Error, site[id].Status);
            Assert.Contains("Undecided", site[id].Detail, StringComparison.Ordinal);
            Assert.Contains("GetPublicAccessBlock (account): 403 AccessDenied", site[id].Detail, StringComparison.Ordinal);
        }
        Assert.Contains("GetPublicAccessBlock (account): 403 AccessDenied", site["aws.s3.settings-unreadable"].Detail, StringComparison.Ordinal);
        // The bucket's own block is off, so that part is decided whatever the account says: off at both is not yet known.
        var payroll = findings.Where(f => f.Resource.Bucket == Payroll).ToDictionary(f => f.CheckId);
        Assert.Equal(FindingStatus.Pass, payroll["aws.s3.public-access-block"].Status);
    }

    private const string Media = "acme-media";

    /// <summary>A bucket whose ACL and policy are private, with one object uploaded public-read under another prefix than the first key.</summary>
    private static RecordedHttpHandler MediaRecordings() => new RecordedHttpHandler()
        .On(r => r.RequestUri!.Host.Contains(".s3-control.", StringComparison.Ordinal), HttpStatusCode.NotFound, "aws/s3control-error-no-pab.xml")
        .OnS3Object(Media, "a/private.txt", "acl", HttpStatusCode.OK, "aws/acl-owner-only.xml")
        .OnS3Object(Media, "b/shared.png", "acl", HttpStatusCode.OK, "aws/acl-allusers-read.xml")
        .OnS3(Media, "location", HttpStatusCode.OK, "aws/location-us-east-1.xml")
        .OnS3(Media, "acl", HttpStatusCode.OK, "aws/acl-owner-only.xml")
        .OnS3(Media, "policy", HttpStatusCode.NotFound, "aws/error-no-such-bucket-policy.xml")
        .OnS3(Media, "publicAccessBlock", HttpStatusCode.NotFound, "aws/error-no-such-pab.xml")
        .OnS3(Media, "ownershipControls", HttpStatusCode.NotFound, "aws/error-no-ownership-controls.xml")
        .OnS3(Media, "website", HttpStatusCode.NotFound, "aws/error-no-such-website.xml")
        .OnS3(Media, "tagging", HttpStatusCode.NotFound, "aws/error-no-such-tagset.xml")
        .OnS3(Media, "list-type", HttpStatusCode.OK, "aws/list-objects-two-prefixes.xml")
        .OnS3(Media, "versioning", HttpStatusCode.OK, "aws/versioning-never-enabled.xml")
        .OnS3(Media, "object-lock", HttpStatusCode.NotFound, "aws/error-no-object-lock.xml")
        .OnS3(Media, "lifecycle", HttpStatusCode.NotFound, "aws/error-no-lifecycle.xml")
        .OnS3(Media, "replication", HttpStatusCode.NotFound, "aws/error-no-replication.xml")
        .OnAnonymousS3(Media, uri => RecordedHttpHandler.HasQuery(uri, "list-type"), HttpStatusCode.Forbidden, "aws/error-access-denied.xml")
        .OnAnonymousS3(Media, uri => uri.AbsolutePath.EndsWith("/a/private.txt", StringComparison.Ordinal), HttpStatusCode.Forbidden,
            "aws/error-access-denied.xml")
        .On(r => !RecordedHttpHandler.IsSigned(r) && r.RequestUri!.AbsolutePath.EndsWith("/b/shared.png", StringComparison.Ordinal),
            HttpStatusCode.PartialContent, body: "P");

    [Fact]
    public async Task A_public_object_in_a_private_bucket_is_found_by_its_acl_and_proven_by_an_anonymous_read()
    {
        var http = MediaRecordings();
        var config = new AuditorConfig
        {
            Sweep = new SweepSettings { MaxRetries = 0 },
            Aws = [new AwsTarget { Name = "prod", Region = "us-east-1", AccessKeyId = "AKIAIOSFODNN7EXAMPLE",
                SecretAccessKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", AccountId = "111122223333", Buckets = [Media] }],
        };
        var targets = new AwsInventoryFactory(sweep => new AwsClientFactory(sweep) { Handler = http }, NullLoggerFactory.Instance).Create(config).ToList();
        var sink = new CollectingFindingSink();
        await new SweepEngine(CheckCatalog.Default, CheckContext.Default, NullLogger<SweepEngine>.Instance).RunAsync(targets, sink, 1, CancellationToken.None);
        Assert.Empty(http.Unmatched);
        var media = sink.Findings.ToDictionary(f => f.CheckId);

        Assert.Equal(FindingStatus.Pass, media["aws.s3.acl-public-grant"].Status);
        var objectAcl = media["aws.s3.object-acl-public"];
        Assert.Equal(FindingStatus.Fail, objectAcl.Status);
        Assert.Equal("b/shared.png: READ to AllUsers", objectAcl.Evidence!["publicObjects"]);
        Assert.Equal("2 sampled object(s) across 0 prefix(es)", objectAcl.Evidence["objectAclSample"]);
        var proof = media["aws.s3.anonymous-access"];
        Assert.Equal(FindingStatus.Fail, proof.Status);
        Assert.EndsWith("/b/shared.png (Range: bytes=0-0)", proof.Evidence!["anonymousProbeRequest"], StringComparison.Ordinal);
        Assert.Equal(FindingStatus.Fail, media["aws.s3.acls-enabled"].Status);
        var declared = PermissionCatalog.Of(typeof(AwsInventoryFactory).Assembly).SelectMany(d => d.Permissions).Select(p => p.Action).ToHashSet();
        Assert.All(http.Authenticated, r => Assert.Contains(ApiActions.S3(r.Method, r.Uri), declared));
        Assert.Contains(http.Authenticated, r => ApiActions.S3(r.Method, r.Uri) == "s3:GetObjectAcl");
    }

    [Fact]
    public async Task Private_bucket_passes_and_reports_the_setting_it_could_not_read()
    {
        var (findings, _) = await SweepAsync();
        var payroll = findings.Where(f => f.Resource.Bucket == Payroll).ToDictionary(f => f.CheckId);

        foreach (var id in new[] { "aws.s3.acl-public-grant", "aws.s3.policy-public-principal", "aws.s3.public-access-block", "aws.s3.static-website",
            "aws.s3.anonymous-access" })
            Assert.Equal(FindingStatus.Pass, payroll[id].Status);
        var unreadable = payroll["aws.s3.settings-unreadable"];
        Assert.Equal(FindingStatus.Error, unreadable.Status);
        Assert.Contains("GetBucketTagging: 403 AccessDenied", unreadable.Detail);
    }

    [Fact]
    public async Task Retention_settings_are_read_per_bucket()
    {
        var http = Recordings();
        var config = new AuditorConfig
        {
            Sweep = new SweepSettings { MaxRetries = 0 },
            Retention = new RetentionSettings
            {
                DefaultClass = "records",
                Classes =
                {
                    ["records"] = new RetentionRequirement { MinRetentionDays = 2555, Immutable = true, Versioning = true },
                    ["public"] = new RetentionRequirement { MaxRetentionDays = 30 },
                },
            },
            Aws = [new AwsTarget { Name = "prod", Region = "us-east-1", AccessKeyId = "AKIAIOSFODNN7EXAMPLE",
                SecretAccessKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", AccountId = "111122223333" }],
        };
        var targets = new AwsInventoryFactory(sweep => new AwsClientFactory(sweep) { Handler = http }, NullLoggerFactory.Instance).Create(config).ToList();
        var sink = new CollectingFindingSink();
        var subjects = new Subjects.Collector();
        var engine = new SweepEngine(CheckCatalog.Default, CheckContext.From(config), NullLogger<SweepEngine>.Instance,
            new SweepEngineOptions { Subjects = subjects });
        await engine.RunAsync(targets, sink, 1, CancellationToken.None);
        var buckets = subjects.All.OfType<S3Bucket>().ToList();

        var payroll = buckets.Single(b => b.Resource.Name == Payroll).Retention;
        Assert.Equal(new VersioningSettings(true, true), payroll.Versioning.Value);
        Assert.Equal(new ImmutabilitySettings(2555, Locked: true, LegalHold: false), payroll.Immutability.Value);
        Assert.True(payroll.Replication.Value!.Enabled);
        var site = buckets.Single(b => b.Resource.Name == Site).Retention;
        Assert.False(site.Versioning.Value!.Enabled);
        Assert.Null(site.Immutability.Value!.Days);
        // The 90-day rule is scoped to logs/: keys outside it are never deleted.
        Assert.Null(site.Lifecycle.Value!.EveryKeyExpirationDays);

        Assert.Equal(FindingStatus.Pass, sink.Findings.Single(f => f.CheckId == "aws.s3.retention" && f.Resource.Bucket == Payroll).Status);
        var failing = sink.Findings.Single(f => f.CheckId == "aws.s3.retention" && f.Resource.Bucket == Site);
        Assert.Equal(FindingStatus.Fail, failing.Status);
        // The site bucket's tag says data-class=public, so the public class's rule applies, not the default class.
        Assert.Contains("'public'", failing.Detail);
        Assert.Contains("must be deleted within 30 days, lifecycle expiry is not set for the whole scope (only rule 'expire-logs' (90 days, " +
            "prefix logs/): keys outside those scopes are never deleted)", failing.Detail);
        Assert.Equal("records", sink.Findings.Single(f => f.CheckId == "aws.s3.retention" && f.Resource.Bucket == Payroll).Evidence!["dataClass"]);
    }

    [Fact]
    public async Task A_region_named_by_ListBuckets_spares_the_GetBucketLocation_of_each_bucket_and_changes_no_verdict()
    {
        var (located, locatedHttp) = await SweepAsync();
        var (listed, listedHttp) = await SweepAsync(Recordings(listBuckets: "aws/list-buckets-regions.xml"));

        Assert.Equal(2, locatedHttp.Authenticated.Count(r => RecordedHttpHandler.HasQuery(r.Uri, "location")));
        Assert.DoesNotContain(listedHttp.Authenticated, r => RecordedHttpHandler.HasQuery(r.Uri, "location"));
        Assert.Empty(listedHttp.Unmatched);
        Assert.Equal(Verdicts(located), Verdicts(listed));
    }

    private static List<string> Verdicts(IEnumerable<Finding> findings) =>
        [.. findings.Select(f => $"{f.CheckId} {f.Resource.Id} {f.Status}").Order(StringComparer.Ordinal)];

    [Fact]
    public async Task Every_signed_request_is_covered_by_a_permission_the_provider_declares()
    {
        var (_, http) = await SweepAsync();
        var declared = PermissionCatalog.Of(typeof(AwsInventoryFactory).Assembly).SelectMany(d => d.Permissions).Select(p => p.Action).ToHashSet();
        Assert.NotEmpty(http.Authenticated);
        Assert.All(http.Authenticated, r => Assert.Contains(ApiActions.S3(r.Method, r.Uri), declared));
    }

    [Fact]
    public async Task Requests_carry_no_secret_and_the_probe_is_unsigned()
    {
        var (_, http) = await SweepAsync();
        Assert.DoesNotContain(http.Requests, r => r.Contains("wJalrXUtnFEMI", StringComparison.Ordinal));
        Assert.Contains(http.Requests, r => r.Contains("acme-public-site", StringComparison.Ordinal) && r.Contains("index.html", StringComparison.Ordinal));
    }
}

