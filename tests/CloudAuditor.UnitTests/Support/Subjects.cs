using CloudAuditor.Core.Engine;
using CloudAuditor.Core.Faults;
using CloudAuditor.Core.Model;

namespace CloudAuditor.UnitTests.Support;

/// <summary>Model builders for check tests: a safe baseline that each test changes in one place.</summary>
public static class Subjects
{
    public static AzureAccountSettings SafeAccountSettings => new()
    {
        AllowBlobPublicAccess = false,
        AllowSharedKeyAccess = false,
        HttpsTrafficOnly = true,
        MinimumTlsVersion = "TLS1_2",
        NetworkDefaultAction = "Deny",
        PublicNetworkAccess = "Enabled",
    };

    /// <param name="staticWebsite">Null: the blob service properties could not be read.</param>
    public static AzureStorageAccount Account(AzureAccountSettings? settings = null, bool? staticWebsite = false) =>
        new(new ResourceRef("/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/acct", "storage-account",
            "acct") { Account = "acct" },
            Observed<AzureAccountSettings>.Of(settings ?? SafeAccountSettings),
            staticWebsite is { } enabled ? Observed<StaticWebsite>.Of(new StaticWebsite(enabled))
                : Observed<StaticWebsite>.Failed(Subjects.Refused("Get Blob Service Properties: 403 AuthorizationFailure")));

    public static AzureAccountSettings WithAssignments(this AzureAccountSettings settings, IReadOnlyList<RoleAssignment> assignments, params string[] guests) =>
        settings with { RoleAssignments = Observed<IReadOnlyList<RoleAssignment>>.Of(assignments),
            GuestUsers = Observed<IReadOnlySet<string>>.Of(guests.ToHashSet()) };

    /// <summary>A retention posture read in full: every part known, unset unless given.</summary>
    public static RetentionPosture Posture(int? softDeleteDays = null, bool versioning = false, bool mfaDelete = false, int? immutableDays = null,
        bool locked = false, bool legalHold = false, int? expirationDays = null, bool replication = false) => new()
        {
            SoftDelete = Observed<SoftDeleteSettings>.Of(new SoftDeleteSettings(softDeleteDays, null)),
            Versioning = Observed<VersioningSettings>.Of(new VersioningSettings(versioning, mfaDelete)),
            Immutability = Observed<ImmutabilitySettings>.Of(new ImmutabilitySettings(immutableDays, locked, legalHold)),
            Lifecycle = Observed<LifecycleRules>.Of(new LifecycleRules(expirationDays is { } days
                ? [new LifecycleRule("expire", LifecycleScope.Everything, days, null)] : [])),
            Replication = Observed<ReplicationSettings>.Of(new ReplicationSettings(replication)),
            ChangeFeed = Observed<ChangeFeedSettings>.Of(new ChangeFeedSettings(false, null)),
        };

    public static AzureContainer Container(ContainerAccessLevel level, AzureAccountSettings? settings = null, AnonymousProbe? probe = null) =>
        new(new ResourceRef("/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/acct/blobServices/default/containers/data",
            "blob-container", "data") { Account = "acct", Container = "data" },
            level, Account(settings), new Dictionary<string, string>(), probe ?? AnonymousProbe.NotAttempted);

    public static AnonymousProbe Allowed => new(ProbeOutcome.Allowed, "GET https://acct.blob.core.windows.net/data?restype=container&comp=list", 200,
        "anonymous List Blobs returned 200");

    public static AnonymousProbe Denied => new(ProbeOutcome.Denied, "GET https://acct.blob.core.windows.net/data?restype=container&comp=list", 404,
        "anonymous List Blobs refused with 404 ResourceNotFound");

    public static S3Bucket Bucket(
        IReadOnlyList<AclGrant>? grants = null,
        string? policyJson = null,
        PublicAccessBlock? pab = null,
        bool pabConfigured = true,
        WebsiteConfiguration? website = null,
        AnonymousProbe? probe = null) =>
        new(new ResourceRef("arn:aws:s3:::data", "s3-bucket", "data") { Account = "111122223333", Bucket = "data" },
            "us-east-1",
            Observed<AclList>.Of(new AclList(grants ?? [OwnerGrant])),
            Observed<BucketPolicy>.Of(policyJson is null ? null : BucketPolicy.Parse(policyJson)),
            Observed<PublicAccessBlock>.Of(pabConfigured ? pab ?? new PublicAccessBlock(true, true, true, true) : null),
            Observed<WebsiteConfiguration>.Of(website),
            Observed<TagSet>.Of(TagSet.Empty),
            probe ?? AnonymousProbe.NotAttempted)
        {
            AccountPublicAccessBlock = Observed<PublicAccessBlock>.Of(null),
            Ownership = Observed<ObjectOwnership>.Of(null),
        };

    public static AclGrant OwnerGrant => new(AclGranteeGroup.Other, "75aa57f09aa0c8caeab4f8c24e99d10f8e7faeebf76c078efc7c6caea54ba06a", "FULL_CONTROL");

    public static AclGrant AllUsers(string permission) => new(AclGranteeGroup.AllUsers, "http://acs.amazonaws.com/groups/global/AllUsers", permission);

    public static PublicAccessBlock NoBlock => new(false, false, false, false);

    /// <summary>A read the identity was not allowed to make, as a failed observation carries it.</summary>
    public static Fault Refused(string reason) => new(FaultKind.AccessDenied, reason);

    /// <summary>Every subject a sweep reports, for tests that look at what providers read.</summary>
    public sealed class Collector : ISubjectSink
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<IAuditSubject> _all = new();

        public IReadOnlyList<IAuditSubject> All => [.. _all];

        public ValueTask WriteAsync(string target, IAuditSubject subject, CancellationToken cancellationToken)
        {
            _all.Enqueue(subject);
            return ValueTask.CompletedTask;
        }
    }
}
