using System.Globalization;
using Avro.Generic;

namespace CloudAuditor.AzureProvider;

/// <summary>
/// One record of the blob change feed, as much of it as sampling needs. Fields are read by name, so every schema version
/// (1 to 5 so far, each adding fields) reads the same.
/// </summary>
internal sealed record ChangeEvent(string EventType, string Container, string Blob, DateTimeOffset Time, long Size)
{
    private const string ContainersSegment = "/blobServices/default/containers/";
    private const string BlobsSegment = "/blobs/";

    /// <summary>A blob written (created or replaced): the only events whose content may be new.</summary>
    public bool IsWrite => EventType == "BlobCreated";

    public bool IsDelete => EventType == "BlobDeleted";

    /// <exception cref="InvalidDataException">The record lacks the fields every schema version has.</exception>
    public static ChangeEvent From(GenericRecord record)
    {
        var type = Text(record, "eventType");
        var subject = Text(record, "subject");
        var (container, blob) = ("", "");
        var blobs = subject.StartsWith(ContainersSegment, StringComparison.Ordinal)
            ? subject.IndexOf(BlobsSegment, ContainersSegment.Length, StringComparison.Ordinal) : -1;
        if (blobs > 0)
            (container, blob) = (subject[ContainersSegment.Length..blobs], subject[(blobs + BlobsSegment.Length)..]);
        if (!DateTimeOffset.TryParse(Text(record, "eventTime"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
            throw new InvalidDataException("a change feed record has no readable eventTime");
        var size = record.TryGetValue("data", out var data) && data is GenericRecord fields && fields.TryGetValue("contentLength", out var length)
            && length is long bytes ? bytes : 0;
        return new ChangeEvent(type, container, blob, time, size);
    }

    private static string Text(GenericRecord record, string field) =>
        record.TryGetValue(field, out var value) && value is string text ? text : throw new InvalidDataException($"a change feed record has no {field}");
}
