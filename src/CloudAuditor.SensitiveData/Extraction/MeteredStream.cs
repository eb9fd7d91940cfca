namespace CloudAuditor.SensitiveData.Extraction;

/// <summary>
/// Counts what is read from a stream and stops at an optional cap, noting whether anything lay beyond it; keeps the
/// last four bytes read (a gzip trailer's length) and whether the end was reached.
/// </summary>
public sealed class MeteredStream(Stream inner, long cap = long.MaxValue) : ReadOnlyStream
{
    private uint _lastFour;

    public long BytesRead { get; private set; }

    /// <summary>The cap was reached and at least one more byte followed.</summary>
    public bool Overflowed { get; private set; }

    public bool AtEnd { get; private set; }

    /// <summary>The last four bytes read, little-endian (a gzip member's ISIZE once the end is reached).</summary>
    public uint LastFour => _lastFour;

    public override int Read(Span<byte> buffer)
    {
        if (BytesRead >= cap) return AtCap(inner.Read(stackalloc byte[1]));
        return Counted(buffer, inner.Read(buffer[..Room(buffer.Length)]));
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (BytesRead >= cap) return AtCap(await inner.ReadAsync(new byte[1], cancellationToken));
        var read = await inner.ReadAsync(buffer[..Room(buffer.Length)], cancellationToken);
        return Counted(buffer.Span, read);
    }

    /// <summary>How much of a read of <paramref name="length"/> bytes the cap leaves.</summary>
    private int Room(int length) => (int)Math.Min(length, cap - BytesRead);

    private int AtCap(int beyond)
    {
        Overflowed |= beyond > 0;
        AtEnd = beyond == 0;
        return 0;
    }

    private int Counted(Span<byte> buffer, int read)
    {
        BytesRead += read;
        if (read == 0) AtEnd = true;
        for (var i = Math.Max(0, read - 4); i < read; i++) _lastFour = (_lastFour >> 8) | ((uint)buffer[i] << 24);
        return read;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}
