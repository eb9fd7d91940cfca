namespace CloudAuditor.SensitiveData.Extraction;

/// <summary>Formats by magic bytes, so a renamed archive is still unpacked and a ".csv" that is really a zip is not parsed as text.</summary>
public static class FormatSniffer
{
    public static ContentFormat Sniff(ReadOnlySpan<byte> data, string name)
    {
        if (data.StartsWith((ReadOnlySpan<byte>)[0x1F, 0x8B])) return ContentFormat.Gzip;
        if (data.StartsWith("PK\x03\x04"u8) || data.StartsWith("PK\x05\x06"u8)) return ContentFormat.Zip;
        if (data.StartsWith("%PDF-"u8)) return ContentFormat.Pdf;
        if (data.Length > 262 && data[257..262].SequenceEqual("ustar"u8)) return ContentFormat.Tar;
        return ContentFormat.Text;
    }
}
