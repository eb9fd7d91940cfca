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
};

app.MapPost("/{function}", async (string function, HttpRequest request, Functions functions, ILogger<Functions> logger, CancellationToken cancellationToken) =>
{
    if (!routes.TryGetValue(function, out var handler)) return Results.NotFound(InvocationResult.Log($"no function named {function}"));
    try
    {
        return Results.Ok(await handler(functions, await Invocation.ReadAsync(request, cancellationToken), cancellationToken));
    }
    catch (InvalidInvocationException e)
    {
        // The host counts a non-200 as a failed invocation: queue messages are retried, then moved to the poison queue.
        logger.LogWarning("{Function}: rejected invocation: {Reason}", function, e.Message);
        return Results.BadRequest(InvocationResult.Log($"rejected: {e.Message}"));
    }
    catch (ConfigException e)
    {
        logger.LogError("{Function}: configuration problem: {Reason}", function, e.Message);
        return Results.Json(InvocationResult.Log($"configuration problem: {e.Message}"), statusCode: 500);
    }
});

app.Run();

