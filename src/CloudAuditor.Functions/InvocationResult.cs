using System.Text.Json;

namespace CloudAuditor.Functions;

/// <summary>
/// What the handler answers: outputs as objects (string outputs that look like base64 are decoded by the host), and
/// logs. A failed result is answered with status 500, which the host counts as a failed invocation: queue messages are
/// retried and finally poisoned, Event Grid redelivers.
/// </summary>
public sealed class InvocationResult
{
    public Dictionary<string, object?> Outputs { get; } = [];
    public IList<string> Logs { get; } = new List<string>();
    public object? ReturnValue { get; set; }

    [System.Text.Json.Serialization.JsonIgnore]
    public bool Failed { get; private init; }

    public static InvocationResult Log(params string[] lines)
    {
        var result = new InvocationResult();
        foreach (var line in lines) result.Logs.Add(line);
        return result;
    }

    public InvocationResult WithLog(string line)
    {
        Logs.Add(line);
        return this;
    }

    public static InvocationResult Retry(string line) => new() { Logs = { line }, Failed = true };

    public InvocationResult WithHttp(int status, object body, string contentType = "application/json")
    {
        Outputs["res"] = new Dictionary<string, object?>
        {
            ["statusCode"] = status,
            ["body"] = body is string text ? text : JsonSerializer.Serialize(body, Core.Output.FindingJson.Options),
            ["headers"] = new Dictionary<string, string> { ["Content-Type"] = contentType },
        };
        return this;
    }
}
