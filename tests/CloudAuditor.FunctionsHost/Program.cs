using CloudAuditor.FunctionsHost;
using Microsoft.Azure.WebJobs;
using Microsoft.Extensions.Logging.Console;

// Usage: CloudAuditor.FunctionsHost APP_ROOT [LOCAL_SETTINGS_JSON] [--port N]
var positional = args.Where((a, i) => !a.StartsWith("--", StringComparison.Ordinal) && (i == 0 || args[i - 1] != "--port")).ToList();
var portAt = Array.IndexOf(args, "--port");
if (positional.Count is < 1 or > 2 || (portAt >= 0 && (portAt + 1 >= args.Length || !int.TryParse(args[portAt + 1], out _))))
{
    Console.Error.WriteLine("usage: CloudAuditor.FunctionsHost APP_ROOT [LOCAL_SETTINGS_JSON] [--port N]");
    return 2;
}
var port = portAt >= 0 ? int.Parse(args[portAt + 1], System.Globalization.CultureInfo.InvariantCulture) : 7071;

AppRoot app;
AppSettings settings;
try
{
    app = AppRoot.Load(positional[0]);
    settings = AppSettings.Load(app, positional.ElementAtOrDefault(1));
    _ = settings.FunctionTimeout;
}
catch (AppRootException e)
{
    Console.Error.WriteLine($"Cannot host this app: {e.Message}");
    return 2;
}

void Logging(ILoggingBuilder logging) => logging.ClearProviders()
    .AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss.fff "; o.ColorBehavior = LoggerColorBehavior.Disabled; })
    .AddFilter("Microsoft.AspNetCore", LogLevel.Warning)
    .AddFilter("Azure", LogLevel.Error);
using var loggers = LoggerFactory.Create(Logging);
var log = loggers.CreateLogger("Host");
await using var handler = new HandlerProcess(app.Handler, settings.Values, loggers.CreateLogger("Host.Handler"));
var queueOutputs = new QueueOutputs(settings);
var keys = new HostKeys();
using var channel = new InvocationChannel(handler, settings, queueOutputs, loggers);
IReadOnlyList<Type> generated;
try
{
    foreach (var function in app.Functions) queueOutputs.Validate(function);
    generated = GeneratedFunctions.Emit(app.Functions);
}
catch (AppRootException e)
{
    Console.Error.WriteLine($"Cannot host this app: {e.Message}");
    return 2;
}
TriggerDispatch.Bind(app.Functions, channel);

// Timer and queue triggers: the WebJobs SDK's own listeners, schedules, locks and retries, against AzureWebJobsStorage.
using var jobs = new HostBuilder()
    .ConfigureAppConfiguration(configuration =>
    {
        configuration.Sources.Clear();
        configuration.AddConfiguration(settings.Configuration);
    })
    .ConfigureWebJobs(webJobs =>
    {
        webJobs.AddAzureStorageCoreServices();
        webJobs.AddAzureStorageQueues();
        webJobs.AddTimers();
    })
    .ConfigureServices(services => services.AddSingleton<ITypeLocator>(new GeneratedTypeLocator(generated)))
    .ConfigureLogging(Logging)
    .Build();

// HTTP and Event Grid triggers: the host's web front on loopback.
var web = WebApplication.CreateBuilder();
web.Logging.ClearProviders();
web.Services.AddSingleton(loggers);
web.WebHost.ConfigureKestrel(kestrel =>
{
    kestrel.Listen(System.Net.IPAddress.Loopback, port);
    kestrel.Limits.MaxRequestBodySize = HttpFront.MaxRequestBodyBytes;
});
await using var front = web.Build();
var http = new HttpFront(app, settings, keys, channel, new EventGridWebhook(app, keys, channel));
front.Run(http.HandleAsync);

try
{
    await handler.ReadyAsync(CancellationToken.None);
}
catch (HandlerUnavailableException e)
{
    Console.Error.WriteLine($"Cannot host this app: {e.Message}");
    return 3;
}
await jobs.StartAsync();
await front.StartAsync();
log.LogInformation("Functions: {Functions}", string.Join(", ", app.Functions.Select(f => $"{f.Name} ({f.Trigger.Type})")));
log.LogInformation("Host keys: master={Master} default={Default} eventgrid_extension={EventGrid}", keys.Master, keys.Default, keys.EventGrid);
log.LogInformation("Host started; listening on http://127.0.0.1:{Port}", port);

// Ctrl+C or SIGTERM stops the web front first (no new HTTP or Event Grid invocations), then the listeners.
await front.WaitForShutdownAsync();
log.LogInformation("Host stopping");
await jobs.StopAsync();
return 0;
