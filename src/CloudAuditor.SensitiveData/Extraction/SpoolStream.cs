namespace CloudAuditor.SensitiveData.Extraction;

/// <summary>
/// Makes a forward-only stream seekable for formats read from the end (zip's central directory, PDF's cross-reference
/// table): in memory up to what the scan memory budget grants at once, on a temporary file (deleted on close) beyond.
/// </summary>
public static class SpoolStream
{
    public static async Task<Stream> CreateAsync(Stream source, ScanMemoryBudget memory, ExtractionLimits limits, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 << 10];
        memory.TryReserve(limits.SpoolMemoryBytes, out var reservation);
        var inMemory = new MemoryStream();
        Stream spool = inMemory;
        try
        {
            int read;
            while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
            {
                if (spool == inMemory && (reservation is null || inMemory.Length + read > limits.SpoolMemoryBytes))
                {
                    spool = TemporaryFile();
                    inMemory.Position = 0;
                    await inMemory.CopyToAsync(spool, cancellationToken);
                    await inMemory.DisposeAsync();
                    reservation?.Dispose();
                    reservation = null;
                }
                await spool.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
            spool.Position = 0;
            return reservation is null ? spool : new ReservedStream(spool, reservation);
        }
        catch
        {
            await spool.DisposeAsync();
            reservation?.Dispose();
            throw;
        }
    }

    private static FileStream TemporaryFile() =>
        new(Path.Combine(Path.GetTempPath(), $"cloudauditor-spool-{Guid.NewGuid():N}"), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None,
            64 << 10, FileOptions.DeleteOnClose | FileOptions.Asynchronous);

    /// <summary>An in-memory spool that gives its memory back to the budget when closed.</summary>
    private sealed class ReservedStream(Stream inner, ScanMemoryBudget.Reservation reservation) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => true;
        public override bool CanWrite => false;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => inner.Position = value; }
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
        public override int Read(Span<byte> buffer) => inner.Read(buffer);
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
            => inner.ReadAsync(buffer, cancellationToken);
        public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);
        public override void Flush() { }
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
                reservation.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
