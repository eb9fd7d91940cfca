using System.Buffers;

namespace CloudAuditor.SensitiveData.Scanning;

/// <summary>
/// Streams text of any length through a <see cref="DetectorSet"/> in a fixed buffer: text is written into the window,
/// and each time it fills, the values that start in its owned region are reported. The region is followed by at least
/// the detectors' reach (so a value across its end is seen whole, then owned by this window) and the next window
/// starts with the last <see cref="DetectorSet.LookBehind"/> characters before its region as context. A value is
/// therefore found exactly once wherever the window edges fall, and memory stays the buffer's, whatever the length.
/// </summary>
public sealed class TextWindow : ITextSink, IDisposable
{
    /// <summary>Characters scanned per window in the main text of an object.</summary>
    public const int DefaultRegionChars = 256 * 1024;

    private readonly DetectorSet _detectors;
    private readonly FieldContext _field;
    private readonly DetectionTally _tally;
    private readonly int _regionChars;
    private readonly Action? _onWindow;
    private readonly int[] _resume;
    private char[]? _buffer;
    private int _length;
    private int _from;

    /// <param name="onWindow">Called before each window is scanned (time limits).</param>
    public TextWindow(DetectorSet detectors, FieldContext field, DetectionTally tally, int regionChars = DefaultRegionChars, Action? onWindow = null)
    {
        _detectors = detectors;
        _field = field;
        _tally = tally;
        _regionChars = regionChars;
        _onWindow = onWindow;
        _resume = new int[detectors.ResumeSlots];
    }

    /// <summary>The most memory a window holds: look-behind, region and reach, as UTF-16.</summary>
    public static long BufferBytes(DetectorSet detectors, int regionChars = DefaultRegionChars) =>
        2L * (DetectorSet.LookBehind + regionChars + detectors.Reach);

    public long CharsWritten { get; private set; }

    public void Write(ReadOnlySpan<char> text)
    {
        while (!text.IsEmpty)
        {
            var free = GetSpan();
            var count = Math.Min(free.Length, text.Length);
            text[..count].CopyTo(free);
            Advance(count);
            text = text[count..];
        }
    }

    public Span<char> GetSpan(int sizeHint = 0)
    {
        _buffer ??= ArrayPool<char>.Shared.Rent(DetectorSet.LookBehind + _regionChars + _detectors.Reach);
        return _buffer.AsSpan(_length);
    }

    public Memory<char> GetMemory(int sizeHint = 0)
    {
        GetSpan(sizeHint);
        return _buffer.AsMemory(_length);
    }

    public void Advance(int count)
    {
        _length += count;
        CharsWritten += count;
        if (_length == _buffer!.Length) ScanFull();
    }

    /// <summary>Scans what is left: the end of the text, where nothing more can follow.</summary>
    public void Complete()
    {
        if (_buffer is null) return;
        if (_length > _from)
        {
            _onWindow?.Invoke();
            _detectors.Scan(_buffer.AsSpan(0, _length), _from, _length, _field, _tally, _resume);
        }
        _length = _from = 0;
        Array.Clear(_resume);
    }

    private void ScanFull()
    {
        var to = _length - _detectors.Reach;
        _onWindow?.Invoke();
        _detectors.Scan(_buffer.AsSpan(0, _length), _from, to, _field, _tally, _resume);
        var keepFrom = Math.Max(0, to - DetectorSet.LookBehind);
        _buffer.AsSpan(keepFrom, _length - keepFrom).CopyTo(_buffer);
        _length -= keepFrom;
        _from = to - keepFrom;
        for (var d = 0; d < _resume.Length; d++) _resume[d] = Math.Max(0, _resume[d] - keepFrom);
    }

    public void Dispose()
    {
        if (_buffer is null) return;
        ArrayPool<char>.Shared.Return(_buffer);
        _buffer = null;
    }
}
