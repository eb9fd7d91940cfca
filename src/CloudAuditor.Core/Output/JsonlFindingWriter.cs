using System.Text.Json;
using CloudAuditor.Core.Engine;
using CloudAuditor.Core.Model;

namespace CloudAuditor.Core.Output;

/// <summary>One finding per line, flushed as it comes, so a pipe sees results while the sweep runs.</summary>
public sealed class JsonlFindingWriter(TextWriter writer) : IFindingSink, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async ValueTask WriteAsync(Finding finding, CancellationToken cancellationToken)
    {
        var line = JsonSerializer.Serialize(finding, FindingJson.Options);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await writer.WriteLineAsync(line.AsMemory(), cancellationToken);
            await writer.FlushAsync(cancellationToken);
        }
        finally { _gate.Release(); }
    }

    public ValueTask CompleteAsync(SweepSummary summary, CancellationToken cancellationToken) => new(writer.FlushAsync(cancellationToken));

    public void Dispose() => _gate.Dispose();
}
