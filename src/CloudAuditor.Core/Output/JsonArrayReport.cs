using System.Text.Json;
using CloudAuditor.Core.Engine;
using CloudAuditor.Core.Model;

namespace CloudAuditor.Core.Output;

/// <summary>
/// One JSON array of findings, or of a projection of them (OCSF events), written element by element from the spill;
/// a closing record built from the summary can follow the findings (OCSF's scan activity).
/// </summary>
public sealed class JsonArrayReport(Stream output, Func<Finding, object>? projection = null, Func<SweepSummary, object>? closing = null) : IFindingReport
{
    public async Task WriteAsync(FindingSpill findings, SweepSummary summary, CancellationToken cancellationToken)
    {
        await using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = FindingJson.Indented.Encoder });
        json.WriteStartArray();
        await foreach (var finding in findings.ReadAsync(cancellationToken))
        {
            if (projection is null) JsonSerializer.Serialize(json, finding, FindingJson.Indented);
            else JsonSerializer.Serialize(json, projection(finding), FindingJson.Indented);
            if (json.BytesPending > 1 << 16) await json.FlushAsync(cancellationToken);
        }
        if (closing is not null) JsonSerializer.Serialize(json, closing(summary), FindingJson.Indented);
        json.WriteEndArray();
        await json.FlushAsync(cancellationToken);
        await output.WriteAsync("\n"u8.ToArray(), cancellationToken);
        await output.FlushAsync(cancellationToken);
    }
}
