using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using CloudAuditor.Core.Engine;
using CloudAuditor.Core.Model;

namespace CloudAuditor.Core.Output;

/// <summary>
/// Findings appended to a JSON-lines file as they are produced, each line flushed, so a crash or a kill loses none of
/// them; read back when the sweep ends to write the formats that need the whole set (a JSON array, OCSF, HTML, a
/// table). Memory stays flat whatever the number of findings. The file is removed once the report is written.
/// </summary>
public sealed class FindingSpill : IFindingSink, IAsyncDisposable
{
    private readonly FileStream _file;
    private readonly StreamWriter _writer;
    private readonly JsonlFindingWriter _lines;

    private FindingSpill(string path)
    {
        Path = path;
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        _file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read);
        _writer = new StreamWriter(_file, new UTF8Encoding(false));
        _lines = new JsonlFindingWriter(_writer);
    }

    public string Path { get; }

    public static FindingSpill Create(string path) => new(path);

    public ValueTask WriteAsync(Finding finding, CancellationToken cancellationToken) => _lines.WriteAsync(finding, cancellationToken);

    public ValueTask CompleteAsync(SweepSummary summary, CancellationToken cancellationToken) => _lines.CompleteAsync(summary, cancellationToken);

    /// <summary>Every finding written so far, in the order it was written.</summary>
    public async IAsyncEnumerable<Finding> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await _writer.FlushAsync(cancellationToken);
        using var reader = new StreamReader(new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite), Encoding.UTF8);
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length > 0) yield return JsonSerializer.Deserialize<Finding>(line, FindingJson.Options)!;
        }
    }

    /// <summary>Closes the file and removes it: call once the report it fed is safely written.</summary>
    public async ValueTask DisposeAsync()
    {
        _lines.Dispose();
        await _writer.DisposeAsync();
        File.Delete(Path);
    }
}
