using Amazon.Runtime;
using CloudAuditor.Core.Http;

namespace CloudAuditor.AwsProvider;

/// <summary>
/// The AWS clients' HTTP layer: every attempt (retries included) is counted into the sweep's <see cref="RequestTally"/>.
/// One connection pool for the process, as the SDK's own cache would keep; redirects are left to the SDK (S3 answers
/// 301/307 for a bucket in another region). Tests hand in a handler that replays recorded AWS answers instead.
/// </summary>
internal sealed class CountingHttpClientFactory(HttpMessageHandler? replay) : HttpClientFactory
{
    private static readonly Lazy<HttpMessageHandler> Shared = new(() => new Counting(new SocketsHttpHandler { AllowAutoRedirect = false }));

    private readonly HttpMessageHandler _handler = replay is null ? Shared.Value : new Counting(replay);

    public override HttpClient CreateHttpClient(IClientConfig clientConfig) =>
        new(_handler, disposeHandler: false) { Timeout = clientConfig.Timeout ?? TimeSpan.FromSeconds(100) };

    public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

    public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => false;

    /// <summary>Wraps a handler to count what passes through it (also the anonymous probe's requests).</summary>
    public static HttpMessageHandler Counted(HttpMessageHandler inner) => new Counting(inner);

    private sealed class Counting(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            HttpResponseMessage? response = null;
            try
            {
                response = await base.SendAsync(request, cancellationToken);
                return response;
            }
            finally
            {
                RequestTally.Count(response is null ? null : (int)response.StatusCode);
            }
        }
    }
}
