using Avro;
using Avro.File;
using Avro.Generic;
using Azure.Storage.Blobs;

namespace CloudAuditor.SweepBench;

/// <summary>
/// Writes an account's blob change feed where Blob Storage keeps it (Azurite keeps none): <c>$blobchangefeed</c> with
/// <c>meta/segments.json</c>, one hourly segment's manifest, and its records as Avro chunk files of the feed's schema version 1.
/// The consumable mark is an hour on, as Blob Storage would publish it once the hour had passed. Shared by the sweep bench and
/// the integration tests.
/// </summary>
internal static class ChangeFeedWriter
{
    /// <summary>Records per chunk file: a few MiB, as Blob Storage's chunks are.</summary>
    private const int ChunkRecords = 10_000;

    public static DateTimeOffset Hour(DateTimeOffset time) => new(time.Year, time.Month, time.Day, time.Hour, 0, 0, TimeSpan.Zero);

    /// <returns>The bytes of the chunk files written.</returns>
    public static async Task<long> WriteAsync(BlobContainerClient feed, DateTimeOffset now, IEnumerable<GenericRecord> events)
    {
        await feed.CreateIfNotExistsAsync();
        var hour = Hour(now.ToUniversalTime());
        var segment = $"{hour:yyyy'/'MM'/'dd'/'HHmm}";
        await feed.GetBlobClient("meta/segments.json").UploadAsync(BinaryData.FromString(
            $$"""{"version":0,"lastConsumable":"{{hour.AddHours(1):yyyy-MM-ddTHH:mm:ss.fffZ}}","storageDiagnostics":{"version":0} }"""), overwrite: true);
        await feed.GetBlobClient("idx/segments/1601/01/01/0000/meta.json").UploadAsync(BinaryData.FromString("{}"), overwrite: true);
        await feed.GetBlobClient($"idx/segments/{segment}/meta.json").UploadAsync(BinaryData.FromString($$"""
            {"version":0,"begin":"{{hour:yyyy-MM-ddTHH:mm:ss.fffZ}}","intervalSecs":3600,"status":"Finalized",
             "config":{"version":0,"numShards":1,"recordsFormat":"avro","formatSchemaVersion":1,"shardDistFnVersion":1},
             "chunkFilePaths":["$blobchangefeed/log/00/{{segment}}/"]}
            """), overwrite: true);
        var bytes = 0L;
        foreach (var (records, index) in events.Chunk(ChunkRecords).Select((records, index) => (records, index)))
        {
            using var chunk = new MemoryStream();
            using (var writer = DataFileWriter<GenericRecord>.OpenWriter(new GenericDatumWriter<GenericRecord>(EventSchema), chunk,
                       Codec.CreateCodec(Codec.Type.Null), leaveOpen: true))
                foreach (var change in records) writer.Append(change);
            bytes += chunk.Length;
            chunk.Position = 0;
            await feed.GetBlobClient($"log/00/{segment}/{index:00000}.avro").UploadAsync(chunk, overwrite: true);
        }
        return bytes;
    }

    private static readonly RecordSchema EventSchema = (RecordSchema)Schema.Parse("""
        {"type":"record","name":"BlobChangeEvent","namespace":"com.microsoft.azure.storage.blob","fields":[
          {"name":"schemaVersion","type":"int"},{"name":"topic","type":"string"},{"name":"subject","type":"string"},
          {"name":"eventType","type":"string"},{"name":"eventTime","type":"string"},{"name":"id","type":"string"},
          {"name":"data","type":{"type":"record","name":"BlobChangeEventData","fields":[
            {"name":"api","type":"string"},{"name":"clientRequestId","type":"string"},{"name":"requestId","type":"string"},
            {"name":"etag","type":"string"},{"name":"contentType","type":"string"},{"name":"contentLength","type":"long"},
            {"name":"blobType","type":"string"},{"name":"url","type":"string"},{"name":"sequencer","type":"string"},
            {"name":"storageDiagnostics","type":{"type":"map","values":"string"}}]}}]}
        """);

    /// <param name="type">BlobCreated, BlobDeleted, or a record the auditor ignores (Control).</param>
    public static GenericRecord Event(string type, string container, string blob, DateTimeOffset time, long size, string account = "devstoreaccount1")
    {
        var dataSchema = (RecordSchema)EventSchema["data"].Schema;
        var data = new GenericRecord(dataSchema);
        foreach (var (name, value) in new (string, object)[]
                 {
                     ("api", type == "BlobDeleted" ? "DeleteBlob" : "PutBlob"), ("clientRequestId", Guid.NewGuid().ToString()),
                     ("requestId", Guid.NewGuid().ToString()), ("etag", "0x8D9F2155CBF7928"), ("contentType", "text/csv"), ("contentLength", size),
                     ("blobType", "BlockBlob"), ("url", ""), ("sequencer", "00000000000000010000000000000002000000000000001d"),
                     ("storageDiagnostics", new Dictionary<string, object> { ["bid"] = Guid.NewGuid().ToString() }),
                 })
            data.Add(name, value);
        var record = new GenericRecord(EventSchema);
        record.Add("schemaVersion", 1);
        record.Add("topic", $"/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/{account}");
        record.Add("subject", container.Length == 0 ? "" : $"/blobServices/default/containers/{container}/blobs/{blob}");
        record.Add("eventType", type);
        record.Add("eventTime", time.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        record.Add("id", Guid.NewGuid().ToString());
        record.Add("data", data);
        return record;
    }
}
