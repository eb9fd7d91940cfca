using System.Text;
using CloudAuditor.Core.Engine;
using CloudAuditor.Core.Output;

namespace CloudAuditor.Cli;

/// <summary>
/// Opens the --output destination and the sink for the chosen --format. jsonl goes straight out, a line per finding,
/// flushed. Every other format needs the whole set, so findings are spilled to a JSON-lines file as they come
/// (next to the output file, or under the spill folder for stdout) and the format is written from it at the end:
/// a crash or a kill before then leaves every finding on disk.
/// </summary>
internal sealed class FindingOutput : IAsyncDisposable
{
    private readonly Stream _stream;
    private readonly TextWriter _writer;
    private readonly IAsyncDisposable? _spilled;
    private readonly JsonlFindingWriter? _lines;

    public IFindingSink Sink { get; }

    /// <summary>Where findings are kept until the report is written; null for jsonl, which needs none.</summary>
    public string? SpillPath { get; }

    private FindingOutput(Stream stream, bool toTerminal, string format, string title, string spillPath)
    {
        _stream = stream;
        _writer = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true) { AutoFlush = false };
        if (format == "jsonl")
        {
            Sink = _lines = new JsonlFindingWriter(_writer);
            return;
        }
        IFindingReport report = format switch
        {
            "json" => new JsonArrayReport(stream),
            "ocsf" => new JsonArrayReport(stream, finding => OcsfMapping.From(finding, DateTimeOffset.UtcNow), summary
                => OcsfMapping.ScanActivity(summary, DateTimeOffset.UtcNow)),
            "html" => new HtmlReport(_writer, title),
            _ => new TableReport(_writer, toTerminal, title),
        };
        var spilled = new SpilledReportSink(FindingSpill.Create(spillPath), report);
        (Sink, _spilled, SpillPath) = (spilled, spilled, spillPath);
    }

    /// <param name="spillFolder">Where to spill when writing to stdout.</param>
    public static FindingOutput Open(string? path, string format, string title, string spillFolder)
    {
        var stamp = $"{DateTimeOffset.UtcNow:yyyyMMddHHmmss}-{Environment.ProcessId}";
        if (OutputOptions.IsStdout(path))
            return new FindingOutput(Console.OpenStandardOutput(), !Console.IsOutputRedirected, format, title,
                Path.Combine(spillFolder, $"findings-{stamp}.partial.jsonl"));
        try
        {
            return new FindingOutput(new FileStream(path!, FileMode.Create, FileAccess.Write, FileShare.Read), toTerminal: false, format, title,
                $"{path}.partial.jsonl");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"Cannot write to '{path}': {e.Message}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        _lines?.Dispose();
        if (_spilled is not null) await _spilled.DisposeAsync();
        await _writer.DisposeAsync();
        await _stream.DisposeAsync();
    }
}
