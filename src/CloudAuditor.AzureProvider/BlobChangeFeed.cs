using System.Globalization;
using System.Text.Json;
using Avro.File;
using Avro.Generic;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using CloudAuditor.Core.Engine;
using CloudAuditor.Core.Faults;
using CloudAuditor.Core.State;
using Microsoft.Extensions.Logging;

namespace CloudAuditor.AzureProvider;

/// <summary>
/// An account's blob change feed (the <c>$blobchangefeed</c> container: hourly segments whose chunks are Avro records of
/// blob events), read once per sweep from the first watermark asked for (and once more, from the first watermark asked for
/// that is earlier than that), so incremental sampling learns what changed in every container, wherever in its keyspace,
/// without listing it. Per container only the newest changes are kept (memory
/// does not grow with the number of changes), and the feed is read only as far as it is published
/// (<c>meta/segments.json</c>'s <c>lastConsumable</c>): later changes are left to the next sweep. A feed that is not
/// enabled, not readable with the sweep's rights, too long, or malformed is not used: containers are then listed, and
/// nothing is lost.
/// </summary>
/// <param name="sharing">Shares the account's reading with the sweep's other processes through the state store; null reads it here.</param>
public sealed class BlobChangeFeed(BlobServiceClient service, ILogger logger, ChangeLogSharing? sharing = null)
{
    public const string ContainerName = "$blobchangefeed";

    /// <summary>Segment times are approximate within 15 minutes (the feed's specification): one segment earlier is read, and the end is pulled in.</summary>
    private static readonly TimeSpan SegmentSkew = TimeSpan.FromMinutes(15);

    private static readonly TimeSpan DefaultInterval = TimeSpan.FromHours(1);

    /// <summary>Beyond this much history the feed costs more than listing the containers would (one list call per day of segments).</summary>
    private const int MaxDays = 31;

    /// <summary>Feed bytes read per account and sweep at most; a busier account's containers are listed instead.</summary>
    private const long MaxFeedBytes = 256L << 20;

    /// <summary>
    /// One chunk file at most, read whole into memory to be checked: with <c>sweep.concurrency</c> accounts read at once this
    /// bounds the feed's memory; a larger chunk means the account's containers are listed instead.
    /// </summary>
    private const long MaxChunkBytes = 16L << 20;

    private readonly Lock _lock = new();
    private Task<ChangeLookup?>? _reading;

    /// <summary>
    /// A second reading, this process's own, from the first watermark asked for that is before the first reading's start (that
    /// reading's first watermark, here or in the process that published it, was later: a sampling cut short since, say).
    /// </summary>
    private Task<ChangeLookup?>? _earlierReading;

    private BlobContainerClient Feed => service.GetBlobContainerClient(ContainerName);

    /// <param name="newest">Changes kept per container: the first caller's number holds for the account's one reading.</param>
    /// <returns>Null when the feed is not used, or does not cover the time from <paramref name="since"/> on.</returns>
    public async Task<ChangedObjects?> ChangesAsync(string container, DateTimeOffset since, int newest, CancellationToken cancellationToken)
    {
        Task<ChangeLookup?> reading;
        lock (_lock) reading = _reading ??= ReadAsync(since, newest, sharing, cancellationToken);
        var lookup = await reading;
        // Read again from this watermark rather than list the container: a container that missed a sampling keeps its changes.
        if (lookup is { Window: { Unused: null } first } && since < first.From)
        {
            lock (_lock) reading = _earlierReading ??= ReadAsync(since, newest, coordinator: null, cancellationToken);
            lookup = await reading;
        }
        return lookup is { Window: { Unused: null } window } && since >= window.From && since < window.Through
            ? await lookup.ForAsync(container, cancellationToken) : null;
    }

    /// <summary>
    /// The account's reading as of the feed's last published segment: made here, or, when shared, taken from
    /// another process that made it (Functions instances on other shards of the account).
    /// </summary>
    /// <param name="coordinator">Shares the reading with the other processes; null makes one of this process's own.</param>
    private async Task<ChangeLookup?> ReadAsync(DateTimeOffset since, int keep, ChangeLogSharing? coordinator, CancellationToken cancellationToken)
    {
        DateTimeOffset lastConsumable;
        try
        {
            if (await LastConsumableAsync(cancellationToken) is not { } last) return null;
            lastConsumable = last;
        }
#pragma warning disable CA1031 // The feed only saves list calls: whatever stops it reading (rights, faults, a malformed file) means listing instead.
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            NotUsed(e, cancellationToken);
            return null;
        }
        Task<ChangeReading> Read(CancellationToken token) => ReadFeedAsync(since, keep, lastConsumable, token);
        // The endpoint without its query: a SAS there is a secret, and the log's name is stored and logged.
        return coordinator is null ? ChangeLookup.Read(await Read(cancellationToken))
            : await coordinator.ReadOnceAsync(service.Uri.GetLeftPart(UriPartial.Path), lastConsumable, Read, cancellationToken);
    }

    private async Task<ChangeReading> ReadFeedAsync(DateTimeOffset since, int keepPerContainer, DateTimeOffset lastConsumable,
        CancellationToken cancellationToken)
    {
        try
        {
            var through = lastConsumable + DefaultInterval - SegmentSkew;
            if (through <= since)
            {
                // A feed switched off (or stalled) keeps its old segments: reading them would hide every change since.
                logger.LogInformation("The change feed of {Account} is published only up to {Through:u}, before the last sampling; containers are listed",
                    service.AccountName, through);
                return ChangeReading.NotUsed("published only up to before the last sampling");
            }
            var start = new DateTimeOffset(since.UtcDateTime.Date.AddHours(since.UtcDateTime.Hour), TimeSpan.Zero) - DefaultInterval;
            if ((lastConsumable - start).TotalDays > MaxDays)
            {
                logger.LogInformation("The change feed of {Account} is not used: the last sampling was more than {Days} days ago; containers are listed",
                    service.AccountName, MaxDays);
                return ChangeReading.NotUsed($"the last sampling was more than {MaxDays} days ago");
            }
            var index = new ChangeIndex(start + SegmentSkew, through, keepPerContainer);
            var bytes = 0L;
            await foreach (var segment in SegmentsAsync(start, lastConsumable, cancellationToken))
                foreach (var chunk in await ChunksAsync(segment, cancellationToken))
                {
                    if ((bytes += chunk.Properties.ContentLength ?? 0) > MaxFeedBytes)
                    {
                        logger.LogWarning("The change feed of {Account} since {Since:u} holds more than {Bytes} MiB; its containers are listed instead",
                            service.AccountName, start, MaxFeedBytes >> 20);
                        return ChangeReading.NotUsed($"it holds more than {MaxFeedBytes >> 20} MiB since the last sampling");
                    }
                    await ReadChunkAsync(chunk, index, cancellationToken);
                }
            logger.LogInformation("Change feed of {Account}: {Changes} changes from {From:u} to {Through:u}", service.AccountName, index.Seen, index.From,
                index.Through);
            return index.Reading();
        }
#pragma warning disable CA1031 // As above: whatever stops the reading means listing instead.
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            return NotUsed(e, cancellationToken);
        }
    }

    /// <summary>Says why the feed cannot be used (a feed that is not enabled only at Debug: most accounts have none).</summary>
    private ChangeReading NotUsed(Exception e, CancellationToken cancellationToken)
    {
        if (e is RequestFailedException { Status: 404 })
        {
            logger.LogDebug("{Account} has no blob change feed; containers are listed", service.AccountName);
            return ChangeReading.NotUsed("the account has no blob change feed");
        }
        var reason = e switch
        {
            InvalidDataException invalid => $"a file of it is not in the change feed's format: {invalid.Message}",
            Avro.AvroException or JsonException or FormatException => "a file of it is not in the change feed's format",
            _ => FaultClassifier.Classify(e, cancellationToken, AzureFaults.Instance).Reason,
        };
        logger.LogWarning("The change feed of {Account} could not be read ({Reason}); its containers are listed instead", service.AccountName, reason);
        return ChangeReading.NotUsed(reason);
    }

    /// <summary>The start of the newest segment readers may consume; null when the feed has published none.</summary>
    private async Task<DateTimeOffset?> LastConsumableAsync(CancellationToken cancellationToken)
    {
        using var document = await JsonAsync("meta/segments.json", cancellationToken);
        return document.RootElement.TryGetProperty("lastConsumable", out var last) && last.ValueKind == JsonValueKind.String
            ? DateTimeOffset.Parse(last.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal)
            : null;
    }

    /// <summary>The manifests of segments from <paramref name="start"/> to <paramref name="last"/>, in time order: one listing per day.</summary>
    private async IAsyncEnumerable<string> SegmentsAsync(DateTimeOffset start, DateTimeOffset last,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (var day = start.UtcDateTime.Date; day <= last.UtcDateTime.Date; day = day.AddDays(1))
        {
            var names = new List<(DateTime Begin, string Name)>();
            var prefix = $"idx/segments/{day:yyyy'/'MM'/'dd}/";
            await foreach (var blob in Feed.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, cancellationToken: cancellationToken))
                if (blob.Name.EndsWith("/meta.json", StringComparison.Ordinal)
                    && DateTime.TryParseExact(blob.Name["idx/segments/".Length..^"/meta.json".Length], "yyyy'/'MM'/'dd'/'HHmm", CultureInfo.InvariantCulture,
                        DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var begin)
                    && begin >= start.UtcDateTime && begin <= last.UtcDateTime)
                    names.Add((begin, blob.Name));
            foreach (var (_, name) in names.OrderBy(n => n.Begin)) yield return name;
        }
    }

    /// <summary>A segment's chunk files: each of its shard paths listed, files in order (00000.avro, 00001.avro, …).</summary>
    private async Task<List<BlobItem>> ChunksAsync(string manifest, CancellationToken cancellationToken)
    {
        using var document = await JsonAsync(manifest, cancellationToken);
        var chunks = new List<BlobItem>();
        foreach (var path in document.RootElement.GetProperty("chunkFilePaths").EnumerateArray())
        {
            var prefix = path.GetString()!;
            if (prefix.StartsWith(ContainerName + "/", StringComparison.Ordinal)) prefix = prefix[(ContainerName.Length + 1)..];
            await foreach (var blob in Feed.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, cancellationToken: cancellationToken)) chunks.Add(blob);
        }
        return chunks;
    }

    /// <summary>
    /// One chunk, read whole (it is at most <see cref="MaxChunkBytes"/>) and checked against its own bytes
    /// (<see cref="AvroContainerCheck"/>) before Apache.Avro decodes it, so no length in it can make the reader allocate more.
    /// </summary>
    /// <exception cref="InvalidDataException">The chunk is larger than a chunk can be, or not a well-formed Avro file.</exception>
    private async Task ReadChunkAsync(BlobItem chunk, ChangeIndex index, CancellationToken cancellationToken)
    {
        if (chunk.Properties.ContentLength is not { } length || length > MaxChunkBytes)
            throw new InvalidDataException($"the chunk {chunk.Name} is larger than {MaxChunkBytes >> 20} MiB");
        var bytes = new byte[length];
        var download = await Feed.GetBlobClient(chunk.Name).DownloadStreamingAsync(new BlobDownloadOptions { Range = new HttpRange(0, length) },
            cancellationToken);
        await using (var content = download.Value.Content) await content.ReadExactlyAsync(bytes, cancellationToken);
        AvroContainerCheck.Check(bytes);
        using var reader = DataFileReader<GenericRecord>.OpenReader(new MemoryStream(bytes, writable: false));
        foreach (var record in reader.NextEntries)
        {
            cancellationToken.ThrowIfCancellationRequested();
            index.Add(ChangeEvent.From(record));
        }
    }

    /// <summary>A manifest, read no further than a manifest can be long (a few hundred bytes in practice).</summary>
    private async Task<JsonDocument> JsonAsync(string name, CancellationToken cancellationToken)
    {
        var download = await Feed.GetBlobClient(name).DownloadStreamingAsync(new BlobDownloadOptions { Range = new HttpRange(0, 1 << 20) }, cancellationToken);
        await using var content = download.Value.Content;
        return await JsonDocument.ParseAsync(content, cancellationToken: cancellationToken);
    }
}
