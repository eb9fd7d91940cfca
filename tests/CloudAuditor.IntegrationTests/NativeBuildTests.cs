using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CloudAuditor.UnitTests.SensitiveData;

namespace CloudAuditor.IntegrationTests;

/// <summary>
/// The native build (infra/native.sh, which infra/test.sh runs first) against the managed build on the same files:
/// trimming can drop what only reflection reaches and still run, so every output format must come out the same, over
/// every format the extractors read, a decompression bomb and a FIFO. The native build refuses every other command.
/// </summary>
public sealed partial class NativeBuildTests : IDisposable
{
    private static readonly string Native = Path.Combine(Emulators.RepoRoot, "src", "CloudAuditor.Cli", "bin", "native",
        System.Runtime.InteropServices.RuntimeInformation.OSArchitecture == System.Runtime.InteropServices.Architecture.Arm64 ? "linux-arm64" : "linux-x64",
        "cloudauditor");

    private readonly string _dir = Directory.CreateTempSubdirectory("cloudauditor-native-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Files()
    {
        var leaks = Path.Combine(Emulators.RepoRoot, "src", "CloudAuditor.Cli", "Bench", "LeakCorpus");
        foreach (var file in Directory.EnumerateFiles(leaks)) File.Copy(file, Path.Combine(_dir, Path.GetFileName(file)));
        const string People = "name,email,ssn,card\nAda,ada@example.com,536-22-8726,4111 1111 1111 1111\n";
        File.WriteAllBytes(Path.Combine(_dir, "export.zip"), Fixtures.Zip(("people.csv", Fixtures.Utf8(People))));
        File.WriteAllBytes(Path.Combine(_dir, "people.csv.gz"), Fixtures.Gzip(Fixtures.Utf8(People)));
        File.WriteAllBytes(Path.Combine(_dir, "zeros.gz"), Fixtures.Gzip(new byte[64 << 20]));
        File.WriteAllBytes(Path.Combine(_dir, "letter.docx"), Fixtures.Docx("Card 4111 1111 1111 1111"));
        File.WriteAllBytes(Path.Combine(_dir, "sheet.xlsx"), Fixtures.Xlsx(["ssn", "536-22-8726"]));
        File.WriteAllBytes(Path.Combine(_dir, "report.pdf"), Fixtures.Pdf("contact ada@example.com"));
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", Path.Combine(_dir, "pipe"))) mkfifo.WaitForExit();
        return _dir;
    }

    private static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(CliTests.CliProcess process)
    {
        using (process) return await process.CompletionAsync(TimeSpan.FromMinutes(2));
    }

    [Theory]
    [InlineData("jsonl")]
    [InlineData("json")]
    [InlineData("table")]
    [InlineData("html")]
    [InlineData("ocsf")]
    public async Task Every_output_format_is_the_same_as_the_managed_builds(string format)
    {
        Assert.True(File.Exists(Native), $"No native build at {Native}: run infra/native.sh (infra/test.sh does).");
        var files = Files();

        var managed = await RunAsync(CliTests.CliProcess.Start("scan-files", files, "--format", format, "--summary", "-"));
        var native = await RunAsync(CliTests.CliProcess.StartProgram(Native, "scan-files", files, "--format", format, "--summary", "-"));

        Assert.Equal(managed.Exit, native.Exit);
        Assert.Contains("zeros.gz", managed.Stdout);
        Assert.Contains("offer-letter.docx", managed.Stdout);
        Assert.Equal(Comparable(format, managed.Stdout), Comparable(format, native.Stdout));
        Assert.Equal(Comparable("summary", Summary(managed.Stderr)), Comparable("summary", Summary(native.Stderr)));
    }

    [Fact]
    public async Task The_native_build_refuses_the_commands_it_does_not_carry()
    {
        Assert.True(File.Exists(Native), $"No native build at {Native}: run infra/native.sh (infra/test.sh does).");

        var (exit, _, stderr) = await RunAsync(CliTests.CliProcess.StartProgram(Native, "sweep", "--config", "cloudauditor.yaml"));

        Assert.Equal(2, exit);
        Assert.Contains("this native build runs scan-files only; run 'sweep' with ./cloudauditor", stderr);
    }

    /// <summary>Files are scanned in parallel, so findings come in any order (rows, lines, elements); times and memory differ from run to run.</summary>
    private static string Comparable(string format, string output)
    {
        var stable = Volatile().Replace(output, "$1 0");
        return format switch
        {
            "jsonl" => string.Join('\n', stable.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal)),
            "json" or "ocsf" => string.Join('\n', JsonNode.Parse(stable)!.AsArray().Select(e => e!.ToJsonString()).Order(StringComparer.Ordinal)),
            "table" => string.Join('\n', stable.Split('\n').Order(StringComparer.Ordinal)),
            _ => string.Join("<tr", stable.Split("<tr").Order(StringComparer.Ordinal)),
        };
    }

    /// <summary>The --summary document on stderr (after the coverage lines and any log lines).</summary>
    private static string Summary(string stderr)
    {
        var start = stderr.IndexOf("{\n", StringComparison.Ordinal);
        Assert.True(start >= 0, stderr);
        using var document = JsonDocument.Parse(stderr[start..]);
        return document.RootElement.GetRawText();
    }

    [GeneratedRegex("(\"time\":|\"peakWorkingSetBytes\":|\"cpuSeconds\":) *[0-9.]+")]
    private static partial Regex Volatile();
}
