using System.Diagnostics;

namespace CloudAuditor.SensitiveData.Extraction;

/// <summary>What one object has consumed so far (expansion, entries, time), shared by every nested extractor working on it.</summary>
public sealed class ExtractionBudget(ExtractionLimits limits)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _expanded;
    private int _entries;

    public ExtractionLimits Limits => limits;

    public void CountEntry(string member)
    {
        if (++_entries > limits.MaxEntries)
            throw new ExtractionLimitException($"more than {limits.MaxEntries} archive entries (at '{member}'); the rest was not scanned", wholeObject: true);
    }

    public void CheckDepth(int depth, string member)
    {
        if (depth > limits.MaxDepth) throw new ExtractionLimitException($"archives nested more than {limits.MaxDepth} deep (at '{member}')");
    }

    /// <summary>Stops an object that has taken longer than its time limit, wherever it is.</summary>
    public void CheckTime()
    {
        if (_clock.Elapsed > limits.MaxScanTime)
            throw new ExtractionLimitException($"scanning took longer than the {limits.MaxScanTime.TotalSeconds:N0}-second limit; the rest was not scanned",
                wholeObject: true);
    }

    /// <summary>
    /// Wraps a decompressing stream so that reading past the total or ratio limit fails, whatever the headers claim.
    /// The ratio is measured against the compressed bytes consumed so far when <paramref name="compressedSoFar"/> is
    /// given (a stream), else against the declared compressed size (a zip entry).
    /// </summary>
    public Stream Expanding(Stream decompressed, string member, long compressedBytes = 0, Func<long>? compressedSoFar = null) =>
        new ExpansionGuard(decompressed, this, member, compressedSoFar ?? (() => compressedBytes));

    private void Consume(long bytes, long streamTotal, long compressed, string member)
    {
        _expanded += bytes;
        if (_expanded > limits.MaxExpandedBytes)
            throw new ExtractionLimitException($"decompressed content exceeds {limits.MaxExpandedBytes >> 20} MiB (at '{member}'); the rest was not scanned",
                wholeObject: true);
        CheckRatio(streamTotal, compressed, member);
        CheckTime();
    }

    /// <summary>The ratio rule, for bytes inflated so far or sizes an archive declares: past the grace, at most the ratio.</summary>
    public void CheckRatio(long expanded, long compressed, string member)
    {
        if (expanded > limits.RatioGraceBytes && expanded > Math.Max(1, compressed) * limits.MaxCompressionRatio)
            throw new ExtractionLimitException($"compression ratio above {limits.MaxCompressionRatio}:1, a likely decompression bomb (at '{member}')");
    }

    private sealed class ExpansionGuard(Stream inner, ExtractionBudget budget, string member, Func<long> compressed) : Stream
    {
        private long _total;

        public override int Read(byte[] buffer, int offset, int count) => Counted(inner.Read(buffer, offset, count));

        public override int Read(Span<byte> buffer) => Counted(inner.Read(buffer));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Counted(await inner.ReadAsync(buffer, cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        private int Counted(int read)
        {
            _total += read;
            budget.Consume(read, _total, compressed(), member);
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
