using Amazon.Runtime;
using CloudAuditor.Core.Http;

namespace CloudAuditor.AwsProvider;

/// <summary>
/// The AWS clients' HTTP layer: every attempt (retries included) waits for its endpoint's turn in the
/// <see cref="RequestBudget"/>, and its answer is told to the budget (which counts it into the sweep's tally).
/// One connection pool for the process, as the SDK's own cache would keep; redirects are left to the SDK (S3 answers
/// 301/307 for a bucket in another region). Tests hand in a handler that replays recorded AWS answers instead.
/// </summary>
internal sealed class BudgetedHttpClientFactory(HttpMessageHandler? replay, RequestBudget budget) : HttpClientFactory
{
    private static readonly Lazy<HttpMessageHandler> Sockets = new(() => new SocketsHttpHandler { AllowAutoRedirect = false });

    private readonly HttpMessageHandler _handler = Budgeted(replay ?? Sockets.Value, budget);

    public override HttpClient CreateHttpClient(IClientConfig clientConfig) =>
        new(_handler, disposeHandler: false) { Timeout = clientConfig.Timeout ?? TimeSpan.FromSeconds(100) };

    public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

    public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => false;

    /// <summary>Wraps a handler so what passes through it is paced and counted (also the anonymous probe's requests).</summary>
    public static HttpMessageHandler Budgeted(HttpMessageHandler inner, RequestBudget budget) => new Handler(inner, budget);

    private sealed class Handler(HttpMessageHandler inner, RequestBudget budget) : DelegatingHandler(inner)
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var endpoint = RequestEndpoint.Aws(request.RequestUri!);
            await budget.WaitAsync(endpoint, cancellationToken);
            HttpResponseMessage? response = null;
            try
            {
                response = await base.SendAsync(request, cancellationToken);
                return response;
            }
            finally
            {
                budget.Answered(endpoint, response is null ? null : (int)response.StatusCode,
                    response is null ? null : RetryAfter.From(response, DateTimeOffset.UtcNow));
            }
        }
    }
}
