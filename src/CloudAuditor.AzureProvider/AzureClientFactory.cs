using Azure.Core;
using Azure.Core.Pipeline;
using Azure.ResourceManager;
using Azure.Storage.Blobs;
using CloudAuditor.Core.Config;

namespace CloudAuditor.AzureProvider;

/// <summary>
/// Builds the Azure provider's clients: one identity (the host's, shared so its token cache is too), retry and
/// timeouts from the sweep settings. Tests swap in a static token and a transport that replays recorded ARM responses.
/// </summary>
public sealed class AzureClientFactory(SweepSettings sweep, TokenCredential credential)
{
    public const string StorageAccountApiVersion = "2023-05-01";

    private readonly SweepRequestPolicy _requests = new(Core.Http.RequestBudget.For(sweep.RequestRates));

    public TokenCredential Credential => credential;

    /// <summary>Replaces the HTTP layer for ARM and Microsoft Graph calls (recorded responses in tests).</summary>
    public HttpPipelineTransport? ArmTransport { get; init; }

    public SweepSettings Sweep => sweep;

    public BlobClientOptions BlobOptions() => WithSweepRetry(new BlobClientOptions());

    /// <summary>The sweep's retry, timeout and request budget on any Azure client's options: blobs, the state tables, the Functions queues.</summary>
    public T WithSweepRetry<T>(T options) where T : ClientOptions
    {
        ApplyRetry(options.Retry);
        options.AddPolicy(_requests, HttpPipelinePosition.PerRetry);
        return options;
    }

    public ArmClient CreateArmClient(string endpoint) => new(Credential, defaultSubscriptionId: null, ArmOptions(endpoint));

    /// <summary>A raw ARM pipeline (same credential, transport and retry) for calls the generic resource API does not make, such as PATCH.</summary>
    public HttpPipeline CreateArmPipeline(string endpoint) =>
        HttpPipelineBuilder.Build(ArmOptions(endpoint), new BearerTokenAuthenticationPolicy(Credential, endpoint + "/.default"));

    public const string GraphEndpoint = "https://graph.microsoft.com";

    /// <summary>Microsoft Graph with the same identity, transport and retry: who is a guest among role holders.</summary>
    public HttpPipeline CreateGraphPipeline() =>
        HttpPipelineBuilder.Build(ArmOptions(GraphEndpoint), new BearerTokenAuthenticationPolicy(Credential, GraphEndpoint + "/.default"));

    private ArmClientOptions ArmOptions(string endpoint)
    {
        var options = new ArmClientOptions { Environment = new ArmEnvironment(new Uri(endpoint), endpoint + "/.default") };
        foreach (var type in new[] { "storageAccounts", "storageAccounts/blobServices", "storageAccounts/managementPolicies",
            "storageAccounts/blobServices/containers" })
            options.SetApiVersion(new ResourceType($"Microsoft.Storage/{type}"), StorageAccountApiVersion);
        ApplyRetry(options.Retry);
        options.AddPolicy(_requests, HttpPipelinePosition.PerRetry);
        if (ArmTransport is not null) options.Transport = ArmTransport;
        return options;
    }

    /// <summary>Exponential backoff on 408/429/5xx, honouring Retry-After, bounded per request by the sweep timeout.</summary>
    private void ApplyRetry(RetryOptions retry)
    {
        retry.Mode = RetryMode.Exponential;
        retry.MaxRetries = sweep.MaxRetries;
        retry.Delay = TimeSpan.FromMilliseconds(500);
        retry.MaxDelay = TimeSpan.FromSeconds(30);
        retry.NetworkTimeout = TimeSpan.FromSeconds(sweep.RequestTimeoutSeconds);
    }
}
