using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using Amazon.S3;
using CloudAuditor.Core.Config;

namespace CloudAuditor.AwsProvider;

/// <summary>
/// Builds S3 clients for a target: endpoint, region, credentials, retry/backoff. Tests replace the HTTP layer
/// with recorded AWS XML through <see cref="Handler"/>, which keeps the SDK's own parsing and error mapping.
/// </summary>
public sealed class AwsClientFactory(SweepSettings sweep)
{
    public HttpMessageHandler? Handler { get; init; }

    /// <summary>Where web-identity tokens come from (the host's managed identity); required for targets with webIdentityAudience.</summary>
    public WebIdentityTokenSource? WebIdentityTokens { get; init; }

    public SweepSettings Sweep => sweep;

    private Core.Http.RequestBudget Budget { get; } = Core.Http.RequestBudget.For(sweep.RequestRates);

    public AmazonS3Client CreateS3Client(AwsTarget target, string region) =>
        new(ResolveCredentials(target), S3Config(target, region));

    public Amazon.SecurityToken.AmazonSecurityTokenServiceClient CreateStsClient(AwsTarget target) => new(ResolveCredentials(target), StsConfig(target));

    private Amazon.SecurityToken.AmazonSecurityTokenServiceConfig StsConfig(AwsTarget target)
    {
        return new Amazon.SecurityToken.AmazonSecurityTokenServiceConfig { RegionEndpoint = RegionEndpoint.GetBySystemName(target.Region),
            MaxErrorRetry = sweep.MaxRetries, HttpClientFactory = new BudgetedHttpClientFactory(Handler, Budget) };
    }

    /// <summary>
    /// For the requests the auditor makes itself (anonymous probes, signed settings reads): paced by the same budget as the SDK's.
    /// Redirects are not followed: a signed request would lose its signature, and a probe judges the address it was sent to.
    /// </summary>
    public HttpClient CreateHttpClient() =>
        new(BudgetedHttpClientFactory.Budgeted(Handler ?? new SocketsHttpHandler { AllowAutoRedirect = false }, Budget), disposeHandler: Handler is null)
        {
            Timeout = TimeSpan.FromSeconds(sweep.RequestTimeoutSeconds),
        };

    public AmazonS3Config S3Config(AwsTarget target, string region)
    {
        var config = new AmazonS3Config
        {
            // Standard: exponential backoff with jitter, and throttling retries cost nothing from the retry quota. Adaptive's
            // client-side rate limiter gives up on requests it never sent once throttling persists, leaving settings unread.
            RetryMode = RequestRetryMode.Standard,
            MaxErrorRetry = sweep.MaxRetries,
            Timeout = TimeSpan.FromSeconds(sweep.RequestTimeoutSeconds),
            ForcePathStyle = target.ForcePathStyle,
            HttpClientFactory = new BudgetedHttpClientFactory(Handler, Budget),
        };
        if (target.ServiceUrl is not null)
        {
            config.ServiceURL = target.ServiceUrl;
            config.AuthenticationRegion = region;
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }
        return config;
    }

    /// <summary>Keyless web identity; else explicit keys, then a named profile, optionally assuming a role; otherwise the SDK's default chain.</summary>
    public AWSCredentials? ResolveCredentials(AwsTarget target)
    {
        if (target.WebIdentityAudience is { } audience)
        {
            var tokens = WebIdentityTokens ?? throw new Core.Config.ConfigException($"Target '{target.Name}' uses webIdentityAudience, but this host has no " +
                $"identity to get tokens from.");
            // AssumeRoleWithWebIdentity is unsigned: the token is the proof.
            var sts = new Amazon.SecurityToken.AmazonSecurityTokenServiceClient(new AnonymousAWSCredentials(), StsConfig(target));
            return new WebIdentityCredentials(sts, tokens, audience, target.RoleArn!);
        }
        AWSCredentials? source = null;
        if (target.AccessKeyId is not null)
            source = new BasicAWSCredentials(target.AccessKeyId, target.SecretAccessKey);
        else if (target.Profile is not null && !new CredentialProfileStoreChain().TryGetAWSCredentials(target.Profile, out source))
            throw new Core.Config.ConfigException($"AWS profile '{target.Profile}' of target '{target.Name}' was not found.");
        if (target.RoleArn is null) return source;
        return new AssumeRoleAWSCredentials(source ?? Amazon.Runtime.Credentials.DefaultAWSCredentialsIdentityResolver.GetCredentials(), target.RoleArn,
            "cloudauditor");
    }
}
