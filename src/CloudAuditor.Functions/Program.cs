using CloudAuditor.Core.Config;
using CloudAuditor.Functions;

var builder = WebApplication.CreateBuilder(args);
// The Functions host calls the handler on localhost at the port it chose; nothing else should reach it.
var port = int.TryParse(builder.Configuration["FUNCTIONS_CUSTOMHANDLER_PORT"], out var p) ? p : 8080;
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, port));
builder.Services.AddSingleton<FunctionContext>();
builder.Services.AddSingleton<Functions>();
var app = builder.Build();

var routes = new Dictionary<string, Func<Functions, Invocation, CancellationToken, Task<InvocationResult>>>(StringComparer.OrdinalIgnoreCase)
{
    ["SweepTimer"] = (f, i, cancellationToken) => f.SweepTimer(i, cancellationToken),
    ["ScanTarget"] = (f, i, cancellationToken) => f.ScanTarget(i, cancellationToken),
    ["StorageEvents"] = (f, i, cancellationToken) => f.StorageEvents(i, cancellationToken),
    ["AwsEvents"] = (f, i, cancellationToken) => f.AwsEvents(i, cancellationToken),
    ["AwsEventsQueue"] = (f, i, cancellationToken) => f.AwsEventsQueue(i, cancellationToken),
    ["ReportExport"] = (f, i, cancellationToken) => f.ReportExport(i, cancellationToken),
    ["Health"] = (f, i, cancellationToken) => f.Health(i, cancellationToken),
    ["Dashboard"] = (f, i, cancellationToken) => f.Dashboard(i, cancellationToken),
};

// Functions whose trigger is an HTTP request (functions/*/function.json): their callers read the "res" output.
HashSet<string> HttpTriggered = new(["AwsEvents", "ReportExport", "Health", "Dashboard"], StringComparer.OrdinalIgnoreCase);

app.MapPost("/{function}", async (string function, HttpRequest request, Functions functions, ILogger<Functions> logger, CancellationToken cancellationToken) =>
{
    if (!routes.TryGetValue(function, out var handler)) return Results.NotFound(InvocationResult.Log($"no function named {function}"));
    try
    {
        var result = await handler(functions, await Invocation.ReadAsync(request, cancellationToken), cancellationToken);
        // The host counts a non-2xx answer as a failed invocation: queue messages are retried, then poisoned; Event Grid redelivers.
        return result.Failed ? Results.Json(result, statusCode: 500) : Results.Ok(result);
    }
    catch (InvalidInvocationException e)
    {
        // Bad input stays bad on a retry: the invocation completes with the reason logged (an HTTP caller gets 400).
        logger.LogWarning("{Function}: rejected invocation: {Reason}", function, e.Message);
        var rejected = InvocationResult.Log($"rejected: {e.Message}");
        return Results.Ok(HttpTriggered.Contains(function) ? rejected.WithHttp(400, new { error = e.Message }) : rejected);
    }
    catch (ConfigException e)
    {
        // Fails the invocation: queued work lands in the poison queue, to be re-queued once the configuration is fixed.
        logger.LogError("{Function}: configuration problem: {Reason}", function, e.Message);
        return Results.Json(InvocationResult.Log($"configuration problem: {e.Message}"), statusCode: 500);
    }
#pragma warning disable CA1031 // The invocation boundary: whatever escapes fails the invocation with one classified sentence.
    catch (Exception e) when (!cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
    {
        // Fails the invocation so the host retries (the state store or the queue may be back), then poisons the message.
        var fault = CloudAuditor.Hosting.ProviderFaults.Of(e, cancellationToken);
        logger.LogError("{Function}: failed: {Reason}", function, fault.Reason);
        var failed = InvocationResult.Retry($"failed: {fault.Reason}");
        return Results.Json(HttpTriggered.Contains(function) ? failed.WithHttp(fault.Transient ? 503 : 500, new { error = fault.Reason }) : failed,
            statusCode: 500);
    }
});

app.Run();

