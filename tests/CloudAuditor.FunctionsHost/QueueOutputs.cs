using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Azure.Storage.Queues;

namespace CloudAuditor.FunctionsHost;

/// <summary>
/// Queue output bindings: each value the handler returns under a queue binding's name (an array is one message per item) is
/// sent to the binding's queue, in the storage account its "connection" setting names (AzureWebJobsStorage when unset),
/// encoded as host.json extensions.queues.messageEncoding says.
/// </summary>
public sealed class QueueOutputs(AppSettings settings)
{
    private readonly ConcurrentDictionary<(string Connection, string Queue), Task<QueueClient>> _queues = new();

    public async Task ApplyAsync(FunctionDefinition function, InvocationAnswer answer, CancellationToken cancellationToken)
    {
        foreach (var binding in function.Outputs.Where(b => b.Type == "queue"))
        {
            if (answer.Output(binding.Name) is not { } value) continue;
            var queue = await _queues.GetOrAdd((ConnectionOf(binding), QueueNameOf(binding)), 
                key => CreateAsync(key.Connection, key.Queue));
            foreach (var message in value is JsonArray items ? items.ToList() : [value])
                await queue.SendMessageAsync(message is JsonValue text && text.TryGetValue<string>(out var s) ? s : message?.ToJsonString() ?? "",
                    cancellationToken);
        }
    }

    /// <summary>Checked at start-up, so a wrong queue name or connection is refused before any invocation.</summary>
    public void Validate(FunctionDefinition function)
    {
        foreach (var binding in function.Outputs.Where(b => b.Type == "queue"))
        {
            QueueNameOf(binding);
            ConnectionOf(binding);
        }
    }

#pragma warning disable CA1308 // Queue names are lower case, and the host lower-cases a binding's.
    private string QueueNameOf(FunctionBinding binding) =>
        settings.Resolve(binding.Property("queueName") ?? throw new AppRootException($"queue output '{binding.Name}' has no queueName.")).ToLowerInvariant();
#pragma warning restore CA1308

    private string ConnectionOf(FunctionBinding binding)
    {
        var name = binding.Property("connection") is { Length: > 0 } connection ? connection : "AzureWebJobsStorage";
        return settings.Values.TryGetValue(name, out var value) && value.Length > 0 ? value
            : throw new AppRootException($"queue output '{binding.Name}': connection '{name}' is not an app setting holding a connection string " +
                "(identity-based connections are not supported by this host).");
    }

    private async Task<QueueClient> CreateAsync(string connection, string name)
    {
        var encoding = string.Equals(settings.HostValue("extensions:queues:messageEncoding"), "none", StringComparison.OrdinalIgnoreCase)
            ? QueueMessageEncoding.None : QueueMessageEncoding.Base64;
        var queue = new QueueClient(connection, name, new QueueClientOptions { MessageEncoding = encoding });
        await queue.CreateIfNotExistsAsync();
        return queue;
    }
}
