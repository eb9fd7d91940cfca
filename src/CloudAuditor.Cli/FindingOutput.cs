using CloudAuditor.Core.Engine;
using CloudAuditor.Core.Output;

namespace CloudAuditor.Cli;

/// <summary>Opens the --output destination and the sink for the chosen --format.</summary>
internal sealed class FindingOutput : IAsyncDisposable
{
    private readonly Stream _stream;
    private readonly TextWriter _writer;
    private readonly IDisposable? _sinkResources;

    public IFindingSink Sink { get; }

    private FindingOutput(Stream stream, bool toTerminal, string format, string title)
    {
        _stream = stream;
        _writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false), leaveOpen: true) { AutoFlush = false };
        switch (format)
        {
            case "json":
                var array = new JsonArrayFindingWriter(stream);
                (Sink, _sinkResources) = (array, array);
                break;
            case "ocsf":
                var ocsf = new JsonArrayFindingWriter(stream, finding => OcsfMapping.From(finding, DateTimeOffset.UtcNow));
                (Sink, _sinkResources) = (ocsf, ocsf);
                break;
            case "table":
                Sink = new TableFindingSink(_writer, toTerminal, title);
                break;
            case "html":
                Sink = new HtmlFindingSink(_writer, title);
                break;
            default:
                var lines = new JsonlFindingWriter(_writer);
                (Sink, _sinkResources) = (lines, lines);
                break;
        }
    }

    public static FindingOutput Open(string? path, string format, string title)
    {
        if (OutputOptions.IsStdout(path)) return new FindingOutput(Console.OpenStandardOutput(), !Console.IsOutputRedirected, format, title);
        try
        {
            return new FindingOutput(new FileStream(path!, FileMode.Create, FileAccess.Write, FileShare.Read), toTerminal: false, format, title);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"Cannot write to '{path}': {e.Message}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        _sinkResources?.Dispose();
        await _writer.DisposeAsync();
        await _stream.DisposeAsync();
    }
}
