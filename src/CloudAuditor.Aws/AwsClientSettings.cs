using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using Amazon.S3;
using CloudAuditor.Core.Config;

namespace CloudAuditor.Aws;

/// <summary>
/// Builds S3 clients for a target: endpoint, region, credentials, retry/backoff. Tests replace the HTTP layer
/// with recorded AWS XML through <see cref="Handler"/>, which keeps the SDK's own parsing and error mapping.
/// </summary>
public sealed class AwsClientSettings(SweepSettings sweep)
{
    public HttpMessageHandler? Handler { get; init; }

    public SweepSettings Sweep => sweep;

    public AmazonS3Client CreateS3Client(AwsTarget target, string region) =>
        new(ResolveCredentials(target), S3Config(target, region));

    public Amazon.SecurityToken.AmazonSecurityTokenServiceClient CreateStsClient(AwsTarget target)
    {
        var config = new Amazon.SecurityToken.AmazonSecurityTokenServiceConfig { RegionEndpoint = RegionEndpoint.GetBySystemName(target.Region), MaxErrorRetry = sweep.MaxRetries };
        if (Handler is not null) config.HttpClientFactory = new FixedHandlerFactory(Handler);
        return new(ResolveCredentials(target), config);
    }

    public HttpClient CreateAnonymousHttpClient() =>
        new(Handler ?? new SocketsHttpHandler(), disposeHandler: Handler is null) { Timeout = TimeSpan.FromSeconds(sweep.RequestTimeoutSeconds) };

    public AmazonS3Config S3Config(AwsTarget target, string region)
    {
        var config = new AmazonS3Config
        {
            // Adaptive adds client-side rate limiting on top of exponential backoff for 429/503 SlowDown.
            RetryMode = RequestRetryMode.Adaptive,
            MaxErrorRetry = sweep.MaxRetries,
            Timeout = TimeSpan.FromSeconds(sweep.RequestTimeoutSeconds),
            ForcePathStyle = target.ForcePathStyle,
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
        if (Handler is not null) config.HttpClientFactory = new FixedHandlerFactory(Handler);
        return config;
    }

    /// <summary>Explicit keys, then a named profile, optionally assuming a role; otherwise the SDK's default chain.</summary>
    public static AWSCredentials? ResolveCredentials(AwsTarget target)
    {
        AWSCredentials? source = null;
        if (target.AccessKeyId is not null)
            source = new BasicAWSCredentials(target.AccessKeyId, target.SecretAccessKey);
        else if (target.Profile is not null && !new CredentialProfileStoreChain().TryGetAWSCredentials(target.Profile, out source))
            throw new Core.Config.ConfigException($"AWS profile '{target.Profile}' of target '{target.Name}' was not found.");
        if (target.RoleArn is null) return source;
        return new AssumeRoleAWSCredentials(source ?? Amazon.Runtime.Credentials.DefaultAWSCredentialsIdentityResolver.GetCredentials(), target.RoleArn, "cloudauditor");
    }

    private sealed class FixedHandlerFactory(HttpMessageHandler handler) : HttpClientFactory
    {
        public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new(handler, disposeHandler: false);

        public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

        public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => false;
    }
}
