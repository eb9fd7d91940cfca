namespace CloudAuditor.SensitiveData.Extraction;

/// <summary>A window [offset, offset + length) of a seekable stream, read without copying.</summary>
internal sealed class SubStream(Stream inner, long offset, long length) : ReadOnlyStream
{
    private long _position;

    public override int Read(Span<byte> buffer)
    {
        var count = (int)Math.Min(buffer.Length, length - _position);
        if (count <= 0) return 0;
        inner.Position = offset + _position;
        var read = inner.Read(buffer[..count]);
        _position += read;
        return read;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var count = (int)Math.Min(buffer.Length, length - _position);
        if (count <= 0) return 0;
        inner.Position = offset + _position;
        var read = await inner.ReadAsync(buffer[..count], cancellationToken);
        _position += read;
        return read;
    }
}
