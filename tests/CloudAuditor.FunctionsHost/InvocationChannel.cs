using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace CloudAuditor.FunctionsHost;

/// <summary>
/// Every trigger's way to the handler: the invocation payload {"Data", "Metadata"} POSTed to /{function}, within
/// functionTimeout; a non-2xx answer fails the invocation and its Logs are not read (as the host does); a 2xx answer's Logs
/// go to the host log under the function's name and its queue outputs are sent. Logged as the host logs invocations.
/// </summary>
public sealed class InvocationChannel(HandlerProcess handler, AppSettings settings, QueueOutputs queueOutputs, ILoggerFactory loggers) : IDisposable
{
    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };
    private readonly ILogger _hostLog = loggers.CreateLogger("Host.Function");

    /// <exception cref="FunctionFailedException">The invocation failed; the message says why.</exception>
    public async Task<InvocationAnswer> InvokeAsync(FunctionDefinition function, JsonObject data, JsonObject metadata, string reason,
        CancellationToken cancellationToken)
    {
        var id = Guid.NewGuid();
        var timeout = settings.FunctionTimeout;
        _hostLog.LogInformation("Executing 'Functions.{Function}' (Reason='{Reason}', Id={Id})", function.Name, reason, id);
        metadata["sys"] = new JsonObject
        {
            ["MethodName"] = function.Name,
            ["UtcNow"] = DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture),
            ["RandGuid"] = Guid.NewGuid().ToString(),
        };
        var payload = new JsonObject { ["Data"] = data, ["Metadata"] = metadata }.ToJsonString();
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (timeout is { } limit) timer.CancelAfter(limit);
        var clock = Stopwatch.StartNew();
        try
        {
            var handlerUri = await handler.ReadyAsync(timer.Token);
            using var content = new StringContent(payload, Encoding.UTF8, "application/json");
            using var response = await _http.PostAsync(new Uri(handlerUri, function.Name), content, timer.Token);
            var text = await response.Content.ReadAsStringAsync(timer.Token);
            if (!response.IsSuccessStatusCode)
                throw new FunctionFailedException($"the custom handler answered {(int)response.StatusCode} {response.ReasonPhrase}");
            var answer = InvocationAnswer.Parse(text);
            var userLog = loggers.CreateLogger($"Function.{function.Name}.User");
            foreach (var line in answer.Logs) userLog.LogInformation("{Line}", line);
            await queueOutputs.ApplyAsync(function, answer, timer.Token);
            _hostLog.LogInformation("Executed 'Functions.{Function}' (Succeeded, Id={Id}, Duration={Duration}ms)", function.Name, id,
                clock.ElapsedMilliseconds);
            return answer;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            _hostLog.LogError("Timeout value of {Timeout} exceeded by function 'Functions.{Function}' (Id: '{Id}'). Initiating cancellation.", timeout,
                function.Name, id);
            throw Failed(function, id, clock, $"timed out after {timeout}");
        }
        catch (Exception e) when (e is HttpRequestException or FunctionFailedException or HandlerUnavailableException or Azure.RequestFailedException)
        {
            throw Failed(function, id, clock, e.Message);
        }
    }

    private FunctionFailedException Failed(FunctionDefinition function, Guid id, Stopwatch clock, string reason)
    {
        _hostLog.LogError("Executed 'Functions.{Function}' (Failed, Id={Id}, Duration={Duration}ms): {Reason}", function.Name, id,
            clock.ElapsedMilliseconds, reason);
        return new FunctionFailedException($"Functions.{function.Name} failed: {reason}");
    }

    public void Dispose() => _http.Dispose();
}
