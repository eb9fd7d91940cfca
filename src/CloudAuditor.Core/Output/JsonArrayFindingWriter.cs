using System.Text.Json;
using CloudAuditor.Core.Engine;
using CloudAuditor.Core.Model;

namespace CloudAuditor.Core.Output;

/// <summary>A single JSON array, written element by element so memory stays flat on large sweeps; optionally of a projection (OCSF).</summary>
public sealed class JsonArrayFindingWriter(Stream stream, Func<Finding, object>? projection = null) : IFindingSink, IDisposable
{
    private readonly Utf8JsonWriter _json = new(stream, new JsonWriterOptions { Indented = true, Encoder = FindingJson.Indented.Encoder });
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _started;

    public async ValueTask WriteAsync(Finding finding, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            StartOnce();
            if (projection is null) JsonSerializer.Serialize(_json, finding, FindingJson.Indented);
            else JsonSerializer.Serialize(_json, projection(finding), FindingJson.Indented);
            await _json.FlushAsync(cancellationToken);
        }
        finally { _gate.Release(); }
    }

    public async ValueTask CompleteAsync(CancellationToken cancellationToken)
    {
        StartOnce();
        _json.WriteEndArray();
        await _json.FlushAsync(cancellationToken);
        await stream.WriteAsync("\n"u8.ToArray(), cancellationToken);
        await stream.FlushAsync(cancellationToken);
    }

    public void Dispose()
    {
        _json.Dispose();
        _gate.Dispose();
    }

    private void StartOnce()
    {
        if (_started) return;
        _json.WriteStartArray();
        _started = true;
    }
}
