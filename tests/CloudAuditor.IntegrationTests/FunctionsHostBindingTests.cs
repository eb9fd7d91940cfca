using System.Net;
using Azure.Storage.Queues;
using Xunit.Abstractions;

namespace CloudAuditor.IntegrationTests;

/// <summary>
/// The test host's own bindings on a minimal app of its own (a Python custom handler written here): queue outputs and HTTP
/// route parameters as the host applies them, and function.json the host cannot run refused by name before anything starts.
/// </summary>
[Collection(EmulatorCollection.Name)]
public sealed class FunctionsHostBindingTests(Emulators emulators, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly string _app = Directory.CreateTempSubdirectory("cloudauditor-hostapp-").FullName;
    private readonly string _queue = "echo" + Guid.NewGuid().ToString("N")[..10];
    private FunctionsHostProcess? _host;

    /// <summary>Answers every invocation with the http output, two queue messages (text and an object) and a log line naming the route parameter.</summary>
    private const string Handler = """
        import http.server, json, os
        class Echo(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                payload = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                who = payload["Data"]["req"]["Params"].get("who", "")
                answer = {"Outputs": {"res": {"statusCode": 201, "body": "hello " + who, "headers": {"X-Echo": who}},
                                      "out": ["plain text", {"who": who}]},
                          "Logs": ["echoed " + who], "ReturnValue": None}
                body = json.dumps(answer).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
        http.server.HTTPServer(("127.0.0.1", int(os.environ["FUNCTIONS_CUSTOMHANDLER_PORT"])), Echo).serve_forever()
        """;

    public Task InitializeAsync()
    {
        File.WriteAllText(Path.Combine(_app, "handler.py"), Handler);
        File.WriteAllText(Path.Combine(_app, "host.json"), """
            { "version": "2.0", "customHandler": { "description": { "defaultExecutablePath": "python3", "arguments": ["handler.py"] } } }
            """);
        Function("Echo", $$"""
            { "bindings": [
              { "name": "req", "type": "httpTrigger", "direction": "in", "authLevel": "anonymous", "methods": ["post"], "route": "echo/{who}" },
              { "name": "res", "type": "http", "direction": "out" },
              { "name": "out", "type": "queue", "direction": "out", "queueName": "%ECHO_QUEUE%", "connection": "EchoStorage" } ] }
            """);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (_host is not null) await _host.DisposeAsync();
        Directory.Delete(_app, recursive: true);
    }

    private void Function(string name, string json)
    {
        Directory.CreateDirectory(Path.Combine(_app, name));
        File.WriteAllText(Path.Combine(_app, name, "function.json"), json);
    }

    [Fact]
    public async Task Queue_outputs_are_sent_and_the_http_output_and_route_parameters_reach_the_caller()
    {
        _host = await FunctionsHostProcess.StartAsync(new Dictionary<string, string>
        {
            ["AzureWebJobsStorage"] = emulators.AzuriteConnectionString,
            ["EchoStorage"] = emulators.AzuriteConnectionString,
            ["ECHO_QUEUE"] = _queue,
        }, output, _app);

        using var answer = await _host.Http.PostAsync("api/echo/ada", new StringContent("{}"));
        Assert.Equal(HttpStatusCode.Created, answer.StatusCode);
        Assert.Equal("hello ada", await answer.Content.ReadAsStringAsync());
        Assert.Equal("ada", answer.Headers.GetValues("X-Echo").Single());
        await _host.WaitForLineAsync(l => l.Contains("Function.Echo.User", StringComparison.Ordinal) && l.Contains("echoed ada", StringComparison.Ordinal),
            TimeSpan.FromSeconds(10));

        var queue = new QueueClient(emulators.AzuriteConnectionString, _queue, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        var messages = (await queue.ReceiveMessagesAsync(maxMessages: 10)).Value.Select(m => m.Body.ToString()).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["plain text", "{\"who\":\"ada\"}"], messages);
    }

    /// <summary>function.json files the host cannot run, each with the words its refusal must say.</summary>
    private static readonly Dictionary<string, (string Json, string Reason)> Unrunnable = new()
    {
        ["blob trigger"] = ("""{ "bindings": [ { "name": "b", "type": "blobTrigger", "direction": "in", "path": "x/{name}" } ] }""",
            "trigger type 'blobTrigger' is not one this host runs"),
        ["blob output"] = ("""
            { "bindings": [ { "name": "m", "type": "queueTrigger", "direction": "in", "queueName": "q" },
                            { "name": "o", "type": "blob", "direction": "out", "path": "x/y" } ] }
            """, "binding 'o' (blob, out) is not one this host runs"),
        ["two triggers"] = ("""
            { "bindings": [ { "name": "m", "type": "queueTrigger", "direction": "in", "queueName": "q" },
                            { "name": "t", "type": "timerTrigger", "direction": "in", "schedule": "* * * * * *" } ] }
            """, "must have exactly one trigger binding"),
        ["nameless binding"] = ("""{ "bindings": [ { "type": "queueTrigger", "direction": "in" } ] }""", "a binding has no \"name\""),
        ["not json"] = ("{ not json", "is not valid JSON"),
    };

    [Theory]
    [InlineData("blob trigger")]
    [InlineData("blob output")]
    [InlineData("two triggers")]
    [InlineData("nameless binding")]
    [InlineData("not json")]
    public async Task Function_json_this_host_cannot_run_is_refused_by_name_before_anything_starts(string kind)
    {
        var (functionJson, reason) = Unrunnable[kind];
        Function("Odd", functionJson);
        var (exitCode, printed) = await FunctionsHostProcess.RefusalAsync(_app);
        Assert.Equal(2, exitCode);
        Assert.Contains("Cannot host this app:", printed);
        Assert.Contains(reason, printed);
    }
}
