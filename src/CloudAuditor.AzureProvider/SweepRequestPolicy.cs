using Azure.Core;
using Azure.Core.Pipeline;
using CloudAuditor.Core.Http;

namespace CloudAuditor.AzureProvider;

/// <summary>
/// Every attempt an Azure client makes (added per retry): waits for its endpoint's turn in the <see cref="RequestBudget"/>
/// and tells the budget what the service answered (which counts it into the sweep's tally).
/// </summary>
internal sealed class SweepRequestPolicy(RequestBudget budget) : HttpPipelinePolicy
{
    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var endpoint = RequestEndpoint.Azure(message.Request.Uri.ToUri());
        budget.Wait(endpoint, message.CancellationToken);
        try
        {
            ProcessNext(message, pipeline);
        }
        finally
        {
            Answered(message, endpoint);
        }
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var endpoint = RequestEndpoint.Azure(message.Request.Uri.ToUri());
        await budget.WaitAsync(endpoint, message.CancellationToken);
        try
        {
            await ProcessNextAsync(message, pipeline);
        }
        finally
        {
            Answered(message, endpoint);
        }
    }

    private void Answered(HttpMessage message, RequestEndpoint endpoint)
    {
        var response = message.HasResponse ? message.Response : null;
        budget.Answered(endpoint, response?.Status,
            response is null ? null : RetryAfter.From(name => response.Headers.TryGetValue(name, out var value) ? value : null, DateTimeOffset.UtcNow));
    }
}
