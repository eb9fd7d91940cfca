namespace CloudAuditor.SensitiveData.Extraction;

/// <summary>What one object has consumed so far, shared by every nested extractor working on it.</summary>
public sealed class ExtractionBudget(ExtractionLimits limits)
{
    private long _expanded;
    private int _entries;

    public ExtractionLimits Limits => limits;

    public void CountEntry(string member)
    {
        if (++_entries > limits.MaxEntries)
            throw new ExtractionLimitException($"more than {limits.MaxEntries} archive entries (at '{member}')");
    }

    public void CheckDepth(int depth, string member)
    {
        if (depth > limits.MaxDepth) throw new ExtractionLimitException($"archives nested more than {limits.MaxDepth} deep (at '{member}')");
    }

    /// <summary>Wraps a decompressing stream so that reading past the total or ratio limit fails, whatever the headers claim.</summary>
    public Stream Expanding(Stream decompressed, long compressedBytes, string member) => new ExpansionGuard(decompressed, this, compressedBytes, member);

    private void Consume(long bytes, long streamTotal, long compressedBytes, string member)
    {
        _expanded += bytes;
        if (_expanded > limits.MaxExpandedBytes)
            throw new ExtractionLimitException($"decompressed content exceeds {limits.MaxExpandedBytes >> 20} MiB (at '{member}')");
        if (streamTotal > limits.RatioGraceBytes && streamTotal > compressedBytes * limits.MaxCompressionRatio)
            throw new ExtractionLimitException($"compression ratio above {limits.MaxCompressionRatio}:1, a likely decompression bomb (at '{member}')");
    }

    private sealed class ExpansionGuard(Stream inner, ExtractionBudget budget, long compressedBytes, string member) : Stream
    {
        private long _total;

        public override int Read(byte[] buffer, int offset, int count) => Counted(inner.Read(buffer, offset, count));

        public override int Read(Span<byte> buffer) => Counted(inner.Read(buffer));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Counted(await inner.ReadAsync(buffer, cancellationToken));

        private int Counted(int read)
        {
            _total += read;
            budget.Consume(read, _total, Math.Max(1, compressedBytes), member);
            return read;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _total; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
