using System.Diagnostics;
using System.Text.Json;

namespace CloudAuditor.IntegrationTests;

/// <summary>scan-files over what is not a regular file, or cannot be read: it finishes, and says what it did not read.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class SpecialFilesTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cloudauditor-special-").FullName;

    public void Dispose()
    {
        foreach (var folder in Directory.GetDirectories(_dir, "*", SearchOption.AllDirectories)) File.SetUnixFileMode(folder, (UnixFileMode)0b111_101_101);
        Directory.Delete(_dir, recursive: true);
    }

    private string Fifo(string name)
    {
        var path = Path.Combine(_dir, name);
        using var mkfifo = Process.Start("mkfifo", [path]);
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
        return path;
    }

    private static List<JsonElement> Findings(string stdout) =>
        stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();

    [Fact]
    public async Task A_fifo_given_as_the_path_is_reported_not_opened_instead_of_hanging()
    {
        var fifo = Fifo("pipe");
        using var cli = CliTests.CliProcess.Start("scan-files", fifo, "--format", "jsonl");
        var (exit, stdout, _) = await cli.CompletionAsync(TimeSpan.FromSeconds(60));
        var unscanned = Assert.Single(Findings(stdout));
        Assert.Equal("local.file.sensitive-data-unscanned", unscanned.GetProperty("checkId").GetString());
        Assert.Contains("not a regular file (a FIFO)", unscanned.GetProperty("detail").GetString());
        Assert.Equal(0, exit);
    }

    [Fact]
    public async Task A_fifo_in_the_tree_is_reported_and_the_files_around_it_are_scanned()
    {
        Fifo("pipe");
        await File.WriteAllTextAsync(Path.Combine(_dir, "contacts.txt"), "write to ada@example.com\n");
        using var cli = CliTests.CliProcess.Start("scan-files", _dir, "--format", "jsonl");
        var (_, stdout, stderr) = await cli.CompletionAsync(TimeSpan.FromSeconds(60));
        var findings = Findings(stdout);
        Assert.Contains(findings, f => f.GetProperty("object").GetString() == "contacts.txt" && f.GetProperty("type").GetString() == "sensitive-data");
        Assert.Contains(findings, f => f.GetProperty("object").GetString() == "pipe"
            && f.GetProperty("detail").GetString()!.Contains("a FIFO", StringComparison.Ordinal));
        Assert.Contains("Coverage: 1/2 files audited, 1 not audited", stderr);
    }

    [Fact]
    public async Task A_folder_that_cannot_be_listed_is_reported_and_the_scan_is_incomplete()
    {
        var locked = Directory.CreateDirectory(Path.Combine(_dir, "locked")).FullName;
        await File.WriteAllTextAsync(Path.Combine(locked, "ssn.txt"), "ssn 536-22-8726\n");
        await File.WriteAllTextAsync(Path.Combine(_dir, "open.txt"), "nothing here\n");
        File.SetUnixFileMode(locked, UnixFileMode.None);
        // Root reads any folder; without the capabilities that let it, it is refused as anyone else would be.
        string[] withoutOverride = Environment.UserName == "root"
            ? ["setpriv", "--inh-caps=-dac_override,-dac_read_search", "--bounding-set=-dac_override,-dac_read_search", "--"]
            : [];
        using var cli = CliTests.CliProcess.StartUnder(withoutOverride, "scan-files", _dir, "--format", "jsonl");
        var (exit, stdout, stderr) = await cli.CompletionAsync(TimeSpan.FromSeconds(60));
        var folder = Assert.Single(Findings(stdout));
        Assert.Equal("folder", folder.GetProperty("resource").GetProperty("kind").GetString());
        Assert.Contains("could not be listed (permission denied)", folder.GetProperty("detail").GetString());
        Assert.Contains("Coverage: 0/1 folder audited, 1 not audited", stderr);
        Assert.Equal(3, exit);
    }
}
