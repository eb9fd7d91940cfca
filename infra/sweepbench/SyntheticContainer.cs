using System.Globalization;
using System.Net;
using System.Text;
using System.Xml;

namespace CloudAuditor.SweepBench;

/// <summary>
/// A container of any number of date-keyed blobs (yyyy/MM/dd/part-NNNNN.log over three years, the newest day last),
/// computed on request instead of stored: no emulator here can hold millions of blobs (Azurite had not seeded 100,000 in
/// 37 minutes). It answers, as Azure Storage does, List Blobs (prefix, delimiter, marker, maxresults), Get Blob with a
/// range and Get Blob Properties for its one container; everything else goes on to Azurite. The newest blob holds a card
/// number, so a bench can tell whether sampling reached the newest day.
/// </summary>
internal sealed class SyntheticContainer(string account, string container, long count)
{
    private const int Days = 1096;
    private static readonly DateTime FirstDay = new(2024, 1, 1, 12, 0, 0, DateTimeKind.Utc);
    private static readonly byte[] Card = Encoding.UTF8.GetBytes("name,card\nAda,4111 1111 1111 1111\n");

    private readonly long _perDay = (count + Days - 1) / Days;

    public string NewestKey => Key(count - 1);

    public string Key(long index) => $"{Day(index):yyyy/MM/dd}/part-{index % _perDay:D5}.log";

    private DateTime Day(long index) => FirstDay.AddDays(index / _perDay);

    /// <summary>Written through its day, one blob after another: the newest blob is the last written.</summary>
    private DateTime Modified(long index) => Day(index).AddSeconds(index % _perDay);

    /// <summary>Answers the request when it is for this container's blobs; false sends it on to the emulator.</summary>
    public async Task<bool> TryAnswerAsync(HttpListenerContext context)
    {
        var request = context.Request;
        var path = Uri.UnescapeDataString(request.Url!.AbsolutePath);
        var root = $"/{account}/{container}";
        if (path == root && request.QueryString["comp"] == "list")
        {
            await ListAsync(context.Response, request.QueryString);
            return true;
        }
        if (!path.StartsWith(root + "/", StringComparison.Ordinal)) return false;
        await BlobAsync(context, path[(root.Length + 1)..]);
        return true;
    }

    private async Task ListAsync(HttpListenerResponse response, System.Collections.Specialized.NameValueCollection query)
    {
        var prefix = query["prefix"] ?? "";
        var delimiter = query["delimiter"];
        var max = int.TryParse(query["maxresults"], CultureInfo.InvariantCulture, out var m) ? Math.Min(m, 5000) : 5000;
        // The marker is this container's own: the index to go on from.
        var index = query["marker"] is { Length: > 1 } marker ? long.Parse(marker[1..], CultureInfo.InvariantCulture) : LowerBound(prefix);
        var xml = new StringBuilder();
        using (var writer = XmlWriter.Create(xml, new XmlWriterSettings { OmitXmlDeclaration = false }))
        {
            writer.WriteStartElement("EnumerationResults");
            writer.WriteAttributeString("ServiceEndpoint", $"http://127.0.0.1/{account}");
            writer.WriteAttributeString("ContainerName", container);
            writer.WriteElementString("Prefix", prefix);
            writer.WriteElementString("MaxResults", max.ToString(CultureInfo.InvariantCulture));
            if (delimiter is not null) writer.WriteElementString("Delimiter", delimiter);
            writer.WriteStartElement("Blobs");
            var listed = 0;
            while (listed < max && index < count && Key(index) is var key && key.StartsWith(prefix, StringComparison.Ordinal))
            {
                var at = delimiter is null ? -1 : key.IndexOf(delimiter, prefix.Length, StringComparison.Ordinal);
                if (at >= 0)
                {
                    var folder = key[..(at + delimiter!.Length)];
                    writer.WriteStartElement("BlobPrefix");
                    writer.WriteElementString("Name", folder);
                    writer.WriteEndElement();
                    // Keys are ASCII: every key in the folder sorts below the folder followed by DEL.
                    index = LowerBound(folder + '\u007f');
                }
                else
                {
                    WriteBlob(writer, key, index);
                    index++;
                }
                listed++;
            }
            writer.WriteEndElement();
            var more = index < count && Key(index).StartsWith(prefix, StringComparison.Ordinal);
            writer.WriteElementString("NextMarker", more ? $"i{index}" : "");
            writer.WriteEndElement();
        }
        response.StatusCode = 200;
        response.ContentType = "application/xml";
        var body = Encoding.UTF8.GetBytes(xml.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\"", StringComparison.Ordinal));
        response.ContentLength64 = body.Length;
        await response.OutputStream.WriteAsync(body);
        response.Close();
    }

    private void WriteBlob(XmlWriter writer, string key, long index)
    {
        var modified = Modified(index).ToString("R", CultureInfo.InvariantCulture);
        writer.WriteStartElement("Blob");
        writer.WriteElementString("Name", key);
        writer.WriteStartElement("Properties");
        writer.WriteElementString("Creation-Time", modified);
        writer.WriteElementString("Last-Modified", modified);
        writer.WriteElementString("Etag", ETag(index));
        writer.WriteElementString("Content-Length", Content(index).Length.ToString(CultureInfo.InvariantCulture));
        writer.WriteElementString("Content-Type", "text/plain");
        writer.WriteElementString("BlobType", "BlockBlob");
        writer.WriteElementString("AccessTier", "Hot");
        writer.WriteElementString("AccessTierInferred", "true");
        writer.WriteElementString("LeaseStatus", "unlocked");
        writer.WriteElementString("LeaseState", "available");
        writer.WriteElementString("ServerEncrypted", "true");
        writer.WriteEndElement();
        writer.WriteEndElement();
    }

    private async Task BlobAsync(HttpListenerContext context, string key)
    {
        var response = context.Response;
        var index = IndexOf(key);
        if (index < 0)
        {
            response.StatusCode = 404;
            response.Headers["x-ms-error-code"] = "BlobNotFound";
            response.Close();
            return;
        }
        var content = Content(index);
        var (from, to) = (0L, content.Length - 1L);
        if ((context.Request.Headers["x-ms-range"] ?? context.Request.Headers["Range"]) is { } range && range.StartsWith("bytes=", StringComparison.Ordinal))
        {
            var bounds = range["bytes=".Length..].Split('-');
            from = long.Parse(bounds[0], CultureInfo.InvariantCulture);
            if (bounds[1].Length > 0) to = Math.Min(to, long.Parse(bounds[1], CultureInfo.InvariantCulture));
            response.StatusCode = 206;
            response.Headers["Content-Range"] = $"bytes {from}-{to}/{content.Length}";
        }
        response.Headers["Last-Modified"] = Modified(index).ToString("R", CultureInfo.InvariantCulture);
        response.Headers["ETag"] = ETag(index);
        response.Headers["x-ms-blob-type"] = "BlockBlob";
        response.Headers["x-ms-creation-time"] = Modified(index).ToString("R", CultureInfo.InvariantCulture);
        response.Headers["Accept-Ranges"] = "bytes";
        response.ContentType = "text/plain";
        if (context.Request.HttpMethod == "HEAD")
        {
            response.ContentLength64 = content.Length;
            response.Close();
            return;
        }
        var length = (int)(to - from + 1);
        response.ContentLength64 = length;
        await response.OutputStream.WriteAsync(content.AsMemory((int)from, length));
        response.Close();
    }

    private byte[] Content(long index) => index == count - 1 ? Card : Encoding.UTF8.GetBytes($"{Key(index)} written {Day(index):O}: ok\n");

    private static string ETag(long index) => $"\"0x8DB{index:X12}\"";

    /// <summary>The first index whose key is not below <paramref name="bound"/>.</summary>
    private long LowerBound(string bound)
    {
        var (low, high) = (0L, count);
        while (low < high)
        {
            var middle = low + (high - low) / 2;
            if (string.CompareOrdinal(Key(middle), bound) < 0) low = middle + 1;
            else high = middle;
        }
        return low;
    }

    private long IndexOf(string key)
    {
        var index = LowerBound(key);
        return index < count && Key(index) == key ? index : -1;
    }
}
