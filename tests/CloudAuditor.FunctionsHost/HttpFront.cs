using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CloudAuditor.FunctionsHost;

/// <summary>
/// The host's HTTP side: httpTrigger functions at /{routePrefix}/{route} (methods, authLevel keys, the host's 100 MB request
/// limit), the request sent in the host's "req" shape and the http output binding written back; a failed invocation is a 500.
/// </summary>
public sealed class HttpFront(AppRoot app, AppSettings settings, HostKeys keys, InvocationChannel channel, EventGridWebhook eventGrid)
{
    /// <summary>The Functions host's default limit on a request body.</summary>
    public const long MaxRequestBodyBytes = 100L * 1024 * 1024;

    private readonly List<(FunctionDefinition Function, RouteTemplate Route)> _routes = [.. app.Functions
        .Where(f => f.Trigger.Type == "httpTrigger")
        .Select(f => (f, new RouteTemplate(f.Trigger.Property("route") ?? f.Name)))];

    private string RoutePrefix => (settings.HostValue("extensions:http:routePrefix") ?? "api").Trim('/');

    public async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        if (path.StartsWith("/runtime/webhooks/eventgrid", StringComparison.OrdinalIgnoreCase))
        {
            await eventGrid.HandleAsync(context);
            return;
        }
        if (path.StartsWith("/admin/functions/", StringComparison.OrdinalIgnoreCase))
        {
            await RunManuallyAsync(context, path["/admin/functions/".Length..]);
            return;
        }
        var prefix = RoutePrefix.Length == 0 ? "/" : $"/{RoutePrefix}/";
        if (!path.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && !path.Equals(prefix.TrimEnd('/'), StringComparison.OrdinalIgnoreCase))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        var relative = path.Length > prefix.Length ? path[prefix.Length..] : "";
        foreach (var (function, route) in _routes)
        {
            if (!route.TryMatch(relative, out var parameters)) continue;
            await InvokeAsync(context, function, parameters);
            return;
        }
        context.Response.StatusCode = StatusCodes.Status404NotFound;
    }

    private async Task InvokeAsync(HttpContext context, FunctionDefinition function, Dictionary<string, string> parameters)
    {
        var request = context.Request;
        var methods = (function.Trigger.Json["methods"] as JsonArray)?.Select(m => m?.ToString() ?? "").ToList();
        if (methods is { Count: > 0 } && !methods.Contains(request.Method, StringComparer.OrdinalIgnoreCase))
        {
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            return;
        }
        if (!keys.Allows(function.Trigger.Property("authLevel") ?? "function", HostKeys.Presented(request)))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }
        if (await ReadBodyAsync(context) is not { } body) return;
        var req = new JsonObject
        {
            ["Url"] = $"{request.Scheme}://{request.Host}{request.Path}{request.QueryString}",
            ["Method"] = request.Method,
            ["Query"] = new JsonObject(request.Query.Select(q => KeyValuePair.Create(q.Key, (JsonNode?)q.Value.ToString()))),
            ["Headers"] = new JsonObject(request.Headers.Select(h =>
                KeyValuePair.Create(h.Key, (JsonNode?)new JsonArray([.. h.Value.Select(v => (JsonNode?)v)])))),
            ["Params"] = new JsonObject(parameters.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))),
            ["Identities"] = new JsonArray(),
        };
        // As the host: a body only when the request has one; binary and multipart bodies as base64.
        if (body.Length > 0) req["Body"] = IsBinary(request.ContentType) ? Convert.ToBase64String(body) : Encoding.UTF8.GetString(body);
        InvocationAnswer answer;
        try
        {
            answer = await channel.InvokeAsync(function, new JsonObject { [function.Trigger.Name] = req }, [],
                $"This HTTP triggered function was executed: {request.Method} {request.Path}", context.RequestAborted);
        }
        catch (FunctionFailedException)
        {
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            return;
        }
        var output = function.Outputs.FirstOrDefault(o => o.Type == "http");
        await WriteAsync(context.Response, output is null ? null : answer.Output(output.Name));
    }

    /// <summary>
    /// The admin API's manual run of a timer or queue function (master key; body {"input": "..."}): answered 202 at once, the
    /// invocation runs on and is logged like any other.
    /// </summary>
    private async Task RunManuallyAsync(HttpContext context, string name)
    {
        if (!HttpMethods.IsPost(context.Request.Method))
        {
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            return;
        }
        if (!keys.Allows("admin", HostKeys.Presented(context.Request)))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }
        var function = app.Functions.FirstOrDefault(f => f.Name.Equals(name, StringComparison.OrdinalIgnoreCase)
            && f.Trigger.Type is "timerTrigger" or "queueTrigger");
        if (function is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            await context.Response.WriteAsync($"No timer or queue function named '{name}'.");
            return;
        }
        if (await ReadBodyAsync(context) is not { } body) return;
        string input;
        try
        {
            input = body.Length == 0 ? "" : JsonNode.Parse(body)?["input"]?.ToString() ?? "";
        }
        catch (JsonException e)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsync($"The body must be {{\"input\": \"...\"}}: {e.Message}");
            return;
        }
        _ = Task.Run(async () =>
        {
            try
            {
                await TriggerDispatch.RunManuallyAsync(function, input, CancellationToken.None);
            }
            catch (FunctionFailedException)
            {
                // Logged by the channel as a failed execution; a manual run is not retried.
            }
        });
        context.Response.StatusCode = StatusCodes.Status202Accepted;
    }

    /// <summary>The whole body, within the host's limit (Kestrel's, set to <see cref="MaxRequestBodyBytes"/> at start-up).</summary>
    /// <returns>The body, or null when the answer (413) has been written.</returns>
    public static async Task<byte[]?> ReadBodyAsync(HttpContext context)
    {
        try
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
            return buffer.ToArray();
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            await context.Response.WriteAsync($"The request body is larger than the host's limit of {MaxRequestBodyBytes / 1024 / 1024} MB.");
            return null;
        }
    }

    /// <summary>The http output binding ({statusCode, headers, body}) as the response; no output is an empty 204.</summary>
    private static async Task WriteAsync(HttpResponse response, JsonNode? res)
    {
        if (res is not JsonObject output)
        {
            response.StatusCode = StatusCodes.Status204NoContent;
            return;
        }
        var status = output.FirstOrDefault(p => p.Key.Equals("statusCode", StringComparison.OrdinalIgnoreCase) || p.Key.Equals("status",
            StringComparison.OrdinalIgnoreCase)).Value;
        response.StatusCode = status is null ? 200 : int.Parse(status.ToString(), System.Globalization.CultureInfo.InvariantCulture);
        if (output.FirstOrDefault(p => p.Key.Equals("headers", StringComparison.OrdinalIgnoreCase)).Value is JsonObject headers)
            foreach (var (name, value) in headers) response.Headers[name] = value?.ToString();
        var body = output.FirstOrDefault(p => p.Key.Equals("body", StringComparison.OrdinalIgnoreCase)).Value;
        if (body is null) return;
        await response.WriteAsync(body is JsonValue text && text.GetValueKind() == JsonValueKind.String ? text.GetValue<string>() : body.ToJsonString());
    }

    private static bool IsBinary(string? contentType) => contentType is not null &&
        (contentType.StartsWith("application/octet-stream", StringComparison.OrdinalIgnoreCase)
            || contentType.Contains("multipart/", StringComparison.OrdinalIgnoreCase));
}
