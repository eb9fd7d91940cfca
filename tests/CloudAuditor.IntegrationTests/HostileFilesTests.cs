using System.Text.Json;

namespace CloudAuditor.IntegrationTests;

/// <summary>
/// scan-files over hostile files, as a separate process whose peak memory (--summary) is the measure: each ends in a
/// bounded process and a finding that says what was not scanned, and a folder of all of them scanned on every core
/// stays within the memory budget plus the runtime's own.
/// </summary>
public sealed class HostileFilesTests : IClassFixture<HostileFilesTests.Folder>
{
    private const long MiB = 1L << 20;

    private readonly Folder _folder;

    public HostileFilesTests(Folder folder) => _folder = folder;

    /// <summary>The files, made once for the class.</summary>
    public sealed class Folder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("cloudauditor-hostile-").FullName;

        public Folder()
        {
            HostileFiles.PdfWithHugeStream(File("report.pdf"));
            HostileFiles.GzipBomb(File("logs.txt.gz"));
            HostileFiles.ZipBomb(File("bundle.zip"));
            HostileFiles.LongDocx(File("minutes.docx"));
        }

        public string File(string name) => System.IO.Path.Combine(Path, name);

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }

    private async Task<(List<JsonElement> Findings, long PeakBytes, string Stderr)> ScanAsync(string path)
    {
        var summary = System.IO.Path.Combine(_folder.Path, $"summary-{Guid.NewGuid():N}.json");
        using var cli = CliTests.CliProcess.Start("scan-files", path, "--format", "jsonl", "--summary", summary);
        var (_, stdout, stderr) = await cli.CompletionAsync(TimeSpan.FromMinutes(3));
        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(summary));
        File.Delete(summary);
        var findings = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        return (findings, document.RootElement.GetProperty("process").GetProperty("peakWorkingSetBytes").GetInt64(), stderr);
    }

    private static string Details(List<JsonElement> findings) => string.Join(" | ", findings.Select(f => f.GetProperty("detail").GetString()));

    [Theory]
    [InlineData("report.pdf")] // a 1 MB PDF whose one stream inflates to 1 GiB
    [InlineData("logs.txt.gz")] // a 10 GiB gzip bomb
    [InlineData("bundle.zip")] // a 10 GiB zip bomb
    public async Task A_bomb_is_reported_within_512_MiB(string name)
    {
        var (findings, peak, _) = await ScanAsync(_folder.File(name));
        Assert.Matches("compression ratio above 100:1|decompressed content exceeds 256 MiB", Details(findings));
        Assert.InRange(peak, 1, 512 * MiB);
    }

    [Fact]
    public async Task A_word_document_of_a_hundred_megabytes_of_paragraphs_is_scanned_whole_within_1_GiB()
    {
        var (findings, peak, _) = await ScanAsync(_folder.File("minutes.docx"));
        var found = Assert.Single(findings, f => f.GetProperty("type").GetString() == "sensitive-data");
        Assert.Equal("word/document.xml", found.GetProperty("member").GetString());
        Assert.Contains("US_SSN", found.GetProperty("detail").GetString());
        Assert.InRange(peak, 1, 1024 * MiB);
    }

    [Fact]
    public async Task All_of_them_in_one_folder_on_every_core_stay_within_the_budget_plus_150_MiB()
    {
        var (findings, peak, stderr) = await ScanAsync(_folder.Path);
        var unscanned = findings.Where(f => f.GetProperty("checkId").GetString() == "local.file.sensitive-data-unscanned").Select(f
            => f.GetProperty("object").GetString());
        Assert.Equal(["bundle.zip", "logs.txt.gz", "report.pdf"], unscanned.Distinct().Order());
        Assert.Contains("Coverage: 1/4 files audited, 3 partially audited", stderr);
        Assert.InRange(peak, 1, 256 * MiB + 150 * MiB);
    }
}
