using Azure.Core;
using Azure.Core.Pipeline;
using CloudAuditor.Core.Http;

namespace CloudAuditor.AzureProvider;

/// <summary>Counts every attempt an Azure client makes (added per retry) into the sweep's <see cref="RequestTally"/>.</summary>
internal sealed class RequestCountingPolicy : HttpPipelinePolicy
{
    public static RequestCountingPolicy Instance { get; } = new();

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        try
        {
            ProcessNext(message, pipeline);
        }
        finally
        {
            RequestTally.Count(message.HasResponse ? message.Response.Status : null);
        }
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        try
        {
            await ProcessNextAsync(message, pipeline);
        }
        finally
        {
            RequestTally.Count(message.HasResponse ? message.Response.Status : null);
        }
    }
}
