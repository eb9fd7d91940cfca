using System.Text.Json;
using System.Text.Json.Nodes;

namespace CloudAuditor.FunctionsHost;

/// <summary>
/// The Event Grid extension's webhook, /runtime/webhooks/eventgrid?functionName=F&amp;code=SYSTEM_KEY: the subscription
/// validation handshake (Event Grid schema: aeg-event-type SubscriptionValidation; CloudEvents: OPTIONS with
/// WebHook-Request-Origin), Unsubscribe, and notifications in either schema, one invocation per event. Any failed
/// invocation answers 500, so Event Grid redelivers the delivery.
/// </summary>
public sealed class EventGridWebhook(AppRoot app, HostKeys keys, InvocationChannel channel)
{
    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        if (!keys.AllowsSystem(HostKeys.Presented(request)))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }
        var name = request.Query["functionName"].ToString();
        var function = app.Functions.FirstOrDefault(f => f.Trigger.Type == "eventGridTrigger" && f.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
        if (function is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            await context.Response.WriteAsync($"No eventGridTrigger function named '{name}'.");
            return;
        }
        if (HttpMethods.IsOptions(request.Method))
        {
            // CloudEvents abuse protection: the origin asking is allowed to deliver.
            context.Response.Headers["WebHook-Allowed-Origin"] = request.Headers["WebHook-Request-Origin"].ToString();
            context.Response.Headers["WebHook-Allowed-Rate"] = "*";
            return;
        }
        if (!HttpMethods.IsPost(request.Method))
        {
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            return;
        }
        if (await HttpFront.ReadBodyAsync(context) is not { } body) return;
        JsonNode? events;
        try
        {
            events = JsonNode.Parse(body);
        }
        catch (JsonException e)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsync($"The delivery is not JSON: {e.Message}");
            return;
        }
        var eventType = request.Headers["aeg-event-type"].ToString();
        var batch = events as JsonArray ?? [events?.DeepClone()];
        switch (eventType)
        {
            case "SubscriptionValidation":
                var code = batch.FirstOrDefault()?["data"]?["validationCode"]?.ToString();
                await context.Response.WriteAsJsonAsync(new { validationResponse = code });
                return;
            case "Unsubscribe":
                context.Response.StatusCode = StatusCodes.Status202Accepted;
                return;
            case "Notification" or "":
                await DeliverAsync(context, function, batch);
                return;
            default:
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                await context.Response.WriteAsync($"Unknown aeg-event-type '{eventType}'.");
                return;
        }
    }

    private async Task DeliverAsync(HttpContext context, FunctionDefinition function, JsonArray batch)
    {
        var failed = 0;
        foreach (var item in batch)
        {
            try
            {
                await channel.InvokeAsync(function, new JsonObject { [function.Trigger.Name] = item?.DeepClone() }, [], "EventGrid trigger fired",
                    context.RequestAborted);
            }
            catch (FunctionFailedException)
            {
                failed++;
            }
        }
        context.Response.StatusCode = failed == 0 ? StatusCodes.Status202Accepted : StatusCodes.Status500InternalServerError;
    }
}
