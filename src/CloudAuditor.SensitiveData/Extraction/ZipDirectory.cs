using System.Buffers.Binary;

namespace CloudAuditor.SensitiveData.Extraction;

/// <summary>
/// Reads a zip's end-of-central-directory record (zip64 too) before the archive is opened: the platform reads every
/// entry of the central directory into memory at once, so an archive declaring more entries than the limit, or a
/// directory larger than entries of that many could need, is refused first.
/// </summary>
internal static class ZipDirectory
{
    private const uint EndOfDirectory = 0x06054b50;
    private const uint Zip64Locator = 0x07064b50;
    private const uint Zip64EndOfDirectory = 0x06064b50;

    /// <summary>A central directory entry is 46 bytes plus its name, extra field and comment; generous names average well under this.</summary>
    private const long BytesPerEntry = 1024;

    public static void Check(Stream seekable, ExtractionLimits limits, string member)
    {
        var tailLength = (int)Math.Min(seekable.Length, 22 + 65535 + 20);
        var tail = new byte[tailLength];
        seekable.Position = seekable.Length - tailLength;
        seekable.ReadExactly(tail);
        var end = LastIndexOf(tail, EndOfDirectory, 22);
        if (end < 0) return; // Not found: the archive reader reports it corrupt.
        long entries = BinaryPrimitives.ReadUInt16LittleEndian(tail.AsSpan(end + 10));
        long directoryBytes = BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(end + 12));
        if ((entries == 0xFFFF || directoryBytes == 0xFFFFFFFF) && end >= 20 && BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(end - 20)) == Zip64Locator)
            (entries, directoryBytes) = ReadZip64(seekable, (long)BinaryPrimitives.ReadUInt64LittleEndian(tail.AsSpan(end - 20 + 8)), entries, directoryBytes);
        seekable.Position = 0;
        if (entries > limits.MaxEntries)
            throw new ExtractionLimitException($"more than {limits.MaxEntries} archive entries ({entries:N0} declared, at '{member}'); not scanned");
        if (directoryBytes > Math.Max(entries, 1) * BytesPerEntry)
            throw new ExtractionLimitException($"the zip directory declares {directoryBytes:N0} bytes for {entries:N0} entries, a malformed or hostile " +
                $"archive (at '{member}'); not scanned");
    }

    private static (long Entries, long DirectoryBytes) ReadZip64(Stream seekable, long offset, long entries, long directoryBytes)
    {
        if (offset < 0 || offset + 56 > seekable.Length) return (entries, directoryBytes);
        var record = new byte[56];
        seekable.Position = offset;
        seekable.ReadExactly(record);
        if (BinaryPrimitives.ReadUInt32LittleEndian(record) != Zip64EndOfDirectory) return (entries, directoryBytes);
        return ((long)Math.Min(BinaryPrimitives.ReadUInt64LittleEndian(record.AsSpan(32)), long.MaxValue),
            (long)Math.Min(BinaryPrimitives.ReadUInt64LittleEndian(record.AsSpan(40)), long.MaxValue));
    }

    private static int LastIndexOf(byte[] data, uint signature, int minimumLength)
    {
        for (var i = data.Length - minimumLength; i >= 0; i--)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(i)) == signature) return i;
        }
        return -1;
    }
}
