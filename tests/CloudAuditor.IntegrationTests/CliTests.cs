using System.Diagnostics;
using System.Text.Json;

namespace CloudAuditor.IntegrationTests;

/// <summary>The real cloudauditor binary as users and scripts run it: exit codes, stdout purity, stderr sentences.</summary>
[Collection(EmulatorCollection.Name)]
public class CliTests(Emulators emulators) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cloudauditor-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>
    /// The CLI from its own build output, with its own dependency set: this test assembly also hosts the Functions app,
    /// whose ASP.NET framework reference leaves framework-provided assemblies out of the test folder.
    /// </summary>
    private static readonly string CliPath = Path.Combine(Emulators.RepoRoot, "src", "CloudAuditor.Cli", "bin",
        new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name, "net10.0", "cloudauditor.dll");

    public static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        using var cli = CliProcess.Start(args);
        return await cli.CompletionAsync(TimeSpan.FromMinutes(2));
    }

    /// <summary>The CLI running in the background, for tests that fault something while it works.</summary>
    public sealed class CliProcess : IDisposable
    {
        private readonly Process _process;
        private readonly Task<string> _stdout;
        private readonly Task<string> _stderr;

        private CliProcess(Process process)
        {
            _process = process;
            _stdout = process.StandardOutput.ReadToEndAsync();
            _stderr = process.StandardError.ReadToEndAsync();
        }

        public static CliProcess Start(params string[] args) => StartUnder([], args);

        /// <summary>Starts the CLI under a wrapper command (setpriv, to run without root's file permission override).</summary>
        public static CliProcess StartUnder(string[] wrapper, params string[] args) => StartCommand([.. wrapper, "dotnet", CliPath, .. args]);

        /// <summary>Starts another build of the CLI (the native one) as a program of its own.</summary>
        public static CliProcess StartProgram(string program, params string[] args) => StartCommand([program, .. args]);

        private static CliProcess StartCommand(IReadOnlyList<string> command)
        {
            var info = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var arg in command.Skip(1)) info.ArgumentList.Add(arg);
            return new CliProcess(Process.Start(info)!);
        }

        public bool HasExited => _process.HasExited;

        /// <summary>SIGKILL: no finally block, no flush, no goodbye.</summary>
        public void Kill() => _process.Kill(entireProcessTree: true);

        public async Task<(int Exit, string Stdout, string Stderr)> CompletionAsync(TimeSpan timeout)
        {
            await _process.WaitForExitAsync().WaitAsync(timeout);
            return (_process.ExitCode, await _stdout, await _stderr);
        }

        public void Dispose()
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            _process.Dispose();
        }
    }

    private async Task<string> ConfigWithPublicContainerAsync(string extraTargets = "")
    {
        var container = Sweeps.Unique("cli");
        var client = new Azure.Storage.Blobs.BlobContainerClient(emulators.AzuriteConnectionString, container);
        await client.CreateAsync(Azure.Storage.Blobs.Models.PublicAccessType.BlobContainer);
        var path = Path.Combine(_dir, "config.yaml");
        await File.WriteAllTextAsync(path, $"""
            sweep:
              maxRetries: 0
            azure:
              - name: azurite
                connectionString: "{emulators.AzuriteConnectionString}"
                containers: [{container}]
            {extraTargets}
            """);
        return path;
    }

    [Fact]
    public async Task Jsonl_output_is_one_contract_finding_per_line_and_nothing_else()
    {
        var (exit, stdout, _) = await RunAsync("sweep", "--config", await ConfigWithPublicContainerAsync(), "--format", "jsonl");
        Assert.Equal(0, exit);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(lines);
        foreach (var line in lines)
        {
            using var doc = JsonDocument.Parse(line);
            foreach (var field in new[] { "type", "checkId", "severity", "status", "cloud", "resource", "title", "detail", "fingerprint" })
                Assert.True(doc.RootElement.TryGetProperty(field, out _), $"missing {field} in {line}");
        }
        Assert.Contains(lines, l => l.Contains("\"azure.container.public-access\"", StringComparison.Ordinal)
            && l.Contains("\"critical\"", StringComparison.Ordinal));
        Assert.DoesNotContain(Emulators.AzuriteAccountKey, stdout);
    }

    [Fact]
    public async Task Json_output_is_one_array_written_to_the_output_file()
    {
        var output = Path.Combine(_dir, "findings.json");
        var (exit, stdout, _) = await RunAsync("sweep", "--config", await ConfigWithPublicContainerAsync(), "--format", "json", "--output", output);
        Assert.Equal(0, exit);
        Assert.Equal("", stdout);
        using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(output));
        Assert.Equal(JsonValueKind.Array, doc.RootElement.ValueKind);
        Assert.True(doc.RootElement.GetArrayLength() > 0);
    }

    [Fact]
    public async Task Ocsf_and_html_reports_are_written()
    {
        var config = await ConfigWithPublicContainerAsync();
        var (ocsfExit, ocsf, _) = await RunAsync("sweep", "--config", config, "--format", "ocsf");
        Assert.Equal(0, ocsfExit);
        using var events = JsonDocument.Parse(ocsf);
        Assert.Contains(events.RootElement.EnumerateArray(), e => e.GetProperty("class_uid").GetInt32() == 2003
            && e.GetProperty("severity_id").GetInt32() == 5);

        var html = Path.Combine(_dir, "findings.html");
        var (htmlExit, _, _) = await RunAsync("sweep", "--config", config, "--format", "html", "--output", html);
        Assert.Equal(0, htmlExit);
        var page = await File.ReadAllTextAsync(html);
        Assert.StartsWith("<!DOCTYPE html>", page);
        Assert.Contains("azure.container.public-access", page);
    }

    [Fact]
    public async Task Fail_on_turns_a_critical_finding_into_exit_1()
    {
        var (exit, _, _) = await RunAsync("sweep", "--config", await ConfigWithPublicContainerAsync(), "--format", "jsonl", "--fail-on", "high");
        Assert.Equal(1, exit);
    }

    [Fact]
    public async Task An_unreachable_target_gives_exit_3_and_the_others_are_still_reported()
    {
        var dead = $"""
            aws:
              - name: dead
                serviceUrl: http://127.0.0.1:{Emulators.FreePort()}
                forcePathStyle: true
                accessKeyId: x
                secretAccessKey: y
            """;
        var (exit, stdout, _) = await RunAsync("sweep", "--config", await ConfigWithPublicContainerAsync(dead), "--format", "jsonl");
        Assert.Equal(3, exit);
        Assert.Contains("aws.target.unreachable", stdout);
        Assert.Contains("azure.container.public-access", stdout);
    }

    [Fact]
    public async Task Table_output_shows_the_finding_for_people()
    {
        var (exit, stdout, _) = await RunAsync("sweep", "--config", await ConfigWithPublicContainerAsync(), "--format", "table");
        Assert.Equal(0, exit);
        Assert.Contains("azure.container.public-access", stdout);
        Assert.Contains("failing", stdout);
    }

    [Theory]
    [InlineData("sweep --config /nonexistent.yaml", "does not exist")]
    [InlineData("sweep", "--config")]
    [InlineData("sweep --config x --format xml", "xml")]
    [InlineData("sweep --config x --fail-on severe", "severe")]
    [InlineData("bench --size-mb 0", "--size-mb")]
    [InlineData("bench --warm-up-seconds -1", "--warm-up-seconds")]
    public async Task Bad_usage_is_exit_2_with_one_sentence_and_no_stack_trace(string args, string mentioned)
    {
        var (exit, stdout, stderr) = await RunAsync(args.Split(' '));
        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        Assert.Contains(mentioned, stderr);
        Assert.DoesNotContain("   at ", stderr);
        Assert.Single(stderr.Trim().Split('\n'));
    }

    [Fact]
    public async Task Retention_report_lists_every_container_in_csv_and_xlsx()
    {
        var config = await ConfigWithPublicContainerAsync();
        var (exit, stdout, _) = await RunAsync("report", "retention", "--config", config, "--format", "csv");
        Assert.Equal(0, exit);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("cloud,account,container,dataClass,verdict,reason", lines[0]);
        Assert.Contains(lines, l => l.StartsWith("azure,devstoreaccount1,cli-", StringComparison.Ordinal) && l.Contains("not read", StringComparison.Ordinal));

        var xlsx = Path.Combine(_dir, "retention.xlsx");
        var (xlsxExit, _, _) = await RunAsync("report", "retention", "--config", config, "--format", "xlsx", "--output", xlsx);
        Assert.Equal(0, xlsxExit);
        using var doc = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(xlsx, false);
        Assert.Equal(2, doc.WorkbookPart!.WorksheetParts.Count());
    }

    [Fact]
    public async Task Retention_report_with_content_adds_the_detected_class_and_score()
    {
        var config = await ConfigWithPublicContainerAsync();
        var container = File.ReadAllText(config).Split("containers: [")[1].Split(']')[0];
        await new Azure.Storage.Blobs.BlobContainerClient(emulators.AzuriteConnectionString, container)
            .UploadBlobAsync("people.csv", BinaryData.FromString("name,ssn\nAda,536-22-8726\n"));
        var (exit, stdout, _) = await RunAsync("report", "retention", "--config", config, "--format", "csv", "--content");
        Assert.Equal(0, exit);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.EndsWith(",detectedClass,sensitivityScore", lines[0], StringComparison.Ordinal);
        var row = Assert.Single(lines, l => l.Contains(container, StringComparison.Ordinal));
        Assert.Matches(",pii,[0-9]{1,3}$", row);
    }

    [Fact]
    public async Task Invalid_yaml_names_the_line()
    {
        var path = Path.Combine(_dir, "bad.yaml");
        await File.WriteAllTextAsync(path, "azure:\n  - name: a\n    conectionString: x\n");
        var (exit, _, stderr) = await RunAsync("sweep", "--config", path);
        Assert.Equal(2, exit);
        Assert.Contains("line 3", stderr);
    }

    [Fact]
    public async Task Bench_runs_scan_files_and_ripgrep_end_to_end_per_corpus_and_core_count_then_accuracy_per_type()
    {
        var (exit, stdout, _) = await RunAsync("bench", "--size-mb", "1", "--runs", "1", "--warm-up-seconds", "0");
        Assert.Equal(0, exit);
        // Spectre draws with box characters, or ASCII where the terminal's encoding cannot show them.
        const string Bar = "[│|]";
        foreach (var corpus in new[] { "mixed", "prose" })
        {
            foreach (var cores in new[] { "1", $"{Environment.ProcessorCount}" })
                Assert.Matches($@"{Bar} {corpus} +{Bar} cloudauditor +{Bar} {cores} +{Bar} \d+\.\d\d +{Bar} \d+ +{Bar} \d+ +{Bar}", stdout);
        }
        Assert.Contains("gh[pousr]_[A-Za-z0-9]{36}", stdout);
        Assert.Matches(@"Detector core — in process, one thread, warm: \d+ MB/s", stdout);
        foreach (var type in CloudAuditor.SensitiveData.Scanning.DetectorSet.Default.EntityTypes.Append("overall"))
            Assert.Matches($@"{Bar} {type} +{Bar} \d\.\d{{3}} +{Bar} \d\.\d{{3}} +{Bar}", stdout);
    }
}
