using CloudAuditor.Core.Config;
using CloudAuditor.Functions;

var builder = WebApplication.CreateBuilder(args);
// The Functions host calls the handler on localhost at the port it chose; nothing else should reach it.
var port = int.TryParse(builder.Configuration["FUNCTIONS_CUSTOMHANDLER_PORT"], out var p) ? p : 8080;
builder.WebHost.ConfigureKestrel(kestrel =>
{
    kestrel.Listen(System.Net.IPAddress.Loopback, port);
    // The host forwards HTTP requests of up to 100 MB: each is read to its end (and refused past its function's limit without being
    // held), so the host gets an answer instead of a reset connection.
    kestrel.Limits.MaxRequestBodySize = 256L * 1024 * 1024;
});
builder.Services.AddSingleton<FunctionContext>();
builder.Services.AddSingleton<Functions>();
var app = builder.Build();

app.MapPost("/{function}", async (string function, HttpRequest request, Functions functions, ILogger<Functions> logger, CancellationToken cancellationToken) =>
{
    if (!FunctionRoute.All.TryGetValue(function, out var route)) return Results.NotFound(InvocationResult.Log($"no function named {function}"));
    try
    {
        var result = await route.Run(functions, await Invocation.ReadAsync(request, route.MaxInvocationBytes, cancellationToken), cancellationToken);
        // The host counts a non-2xx answer as a failed invocation: queue messages are retried, then poisoned; Event Grid redelivers.
        // It does not read the Logs of a failed invocation, so their lines go to the handler's own output, which the host logs.
        if (result.Failed) foreach (var line in result.Logs) logger.LogError("{Function}: {Line}", function, line);
        return result.Failed ? Results.Json(result, statusCode: 500) : Results.Ok(result);
    }
    catch (Exception e) when (e is InvalidInvocationException or OversizedInvocationException)
    {
        // Bad input stays bad on a retry: the invocation completes with the reason logged (an HTTP caller gets 400, or 413 when too large).
        logger.LogWarning("{Function}: rejected invocation: {Reason}", function, e.Message);
        var rejected = InvocationResult.Log($"rejected: {e.Message}");
        var (status, error) = e is OversizedInvocationException ? (413, $"The request is too large: {e.Message}.") : (400, e.Message);
        return Results.Ok(route.HttpTriggered ? rejected.WithHttp(status, new { error }) : rejected);
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
        return Results.Json(route.HttpTriggered ? failed.WithHttp(fault.Transient ? 503 : 500, new { error = fault.Reason }) : failed,
            statusCode: 500);
    }
});

app.Run();

