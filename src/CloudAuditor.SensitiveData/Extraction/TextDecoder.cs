using System.Buffers;
using System.Text;
using System.Text.Unicode;
using CloudAuditor.SensitiveData.Scanning;

namespace CloudAuditor.SensitiveData.Extraction;

/// <summary>
/// Bytes to text as they stream: BOMs first, then UTF-8 (the platform's vectorised transcoder, so ASCII costs no work
/// per character), where a byte that is not valid UTF-8 is read as Latin-1 on its own, so nothing is lost and a stray
/// byte does not turn a whole file into mojibake. NULs at the start mean binary, unless the text is UTF-16.
/// </summary>
public static class TextDecoder
{
    /// <summary>How much of the start decides binary or text.</summary>
    public const int SniffBytes = 8000;

    private const int ReadBytes = 64 << 10;

    /// <summary>The encoding the start of the content implies; null for binary content.</summary>
    public static Encoding? EncodingOf(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])) return Encoding.Unicode;
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])) return Encoding.BigEndianUnicode;
        if (head.StartsWith("\xEF\xBB\xBF"u8)) return Encoding.UTF8;
        var sniffed = head[..Math.Min(head.Length, SniffBytes)];
        if (!sniffed.Contains((byte)0)) return Encoding.UTF8;
        return LooksLikeUtf16Le(sniffed) ? Encoding.Unicode : null;
    }

    /// <summary>Decodes <paramref name="content"/> to its end into <paramref name="sink"/> (not completed here).</summary>
    public static async Task DecodeAsync(Stream content, Encoding encoding, ITextSink sink, ExtractionBudget budget, CancellationToken cancellationToken)
    {
        var bytes = ArrayPool<byte>.Shared.Rent(ReadBytes);
        try
        {
            if (encoding.CodePage == Encoding.UTF8.CodePage) await DecodeUtf8Async(content, bytes, sink, budget, cancellationToken);
            else await DecodeUtf16Async(content, encoding, bytes, sink, budget, cancellationToken);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    private static async Task DecodeUtf8Async(Stream content, byte[] bytes, ITextSink sink, ExtractionBudget budget, CancellationToken cancellationToken)
    {
        var pending = 0;
        var bomChecked = false;
        while (true)
        {
            var read = await content.ReadAsync(bytes.AsMemory(pending), cancellationToken);
            var final = read == 0;
            var available = pending + read;
            var start = 0;
            if (!bomChecked)
            {
                if (available < 3 && !final)
                {
                    pending = available;
                    continue;
                }
                bomChecked = true;
                if (available >= 3 && bytes.AsSpan(0, 3).SequenceEqual("\xEF\xBB\xBF"u8)) start = 3;
            }
            pending = Transcode(bytes.AsSpan(start, available - start), sink, final);
            bytes.AsSpan(available - pending, pending).CopyTo(bytes);
            if (final) return;
            budget.CheckTime();
        }
    }

    /// <returns>How many bytes at the end wait for the rest of a character.</returns>
    private static int Transcode(ReadOnlySpan<byte> input, ITextSink sink, bool final)
    {
        var remaining = input;
        Span<char> pair = stackalloc char[2];
        while (!remaining.IsEmpty)
        {
            var output = sink.GetSpan(remaining.Length);
            var status = Utf8.ToUtf16(remaining, output, out var read, out var written, replaceInvalidSequences: false, isFinalBlock: final);
            sink.Advance(written);
            remaining = remaining[read..];
            switch (status)
            {
                case OperationStatus.InvalidData:
                    // One byte that is not UTF-8: read as Latin-1 (every byte maps), then carry on in UTF-8.
                    sink.Write([(char)remaining[0]]);
                    remaining = remaining[1..];
                    break;
                case OperationStatus.NeedMoreData:
                    return remaining.Length;
                case OperationStatus.DestinationTooSmall when written == 0:
                    // A surrogate pair where one character of room is left: decode it aside.
                    Utf8.ToUtf16(remaining[..Math.Min(4, remaining.Length)], pair, out read, out written, replaceInvalidSequences: true);
                    sink.Write(pair[..written]);
                    remaining = remaining[read..];
                    break;
            }
        }
        return 0;
    }

    private static async Task DecodeUtf16Async(Stream content, Encoding encoding, byte[] bytes, ITextSink sink, ExtractionBudget budget,
        CancellationToken cancellationToken)
    {
        var decoder = encoding.GetDecoder();
        var chars = ArrayPool<char>.Shared.Rent(bytes.Length / 2 + 2);
        try
        {
            var first = true;
            while (true)
            {
                var read = await content.ReadAsync(bytes, cancellationToken);
                var input = bytes.AsSpan(0, read);
                if (first && input.Length >= 2 && (input[0], input[1]) is (0xFF, 0xFE) or (0xFE, 0xFF)) input = input[2..];
                first = false;
                var written = decoder.GetChars(input, chars, flush: read == 0);
                sink.Write(chars.AsSpan(0, written));
                if (read == 0) return;
                budget.CheckTime();
            }
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    private static bool LooksLikeUtf16Le(ReadOnlySpan<byte> head)
    {
        int zeroOdd = 0, pairs = head.Length / 2;
        for (var i = 1; i < head.Length; i += 2) if (head[i] == 0) zeroOdd++;
        return pairs > 0 && zeroOdd > pairs * 0.9 && head.Length > 1;
    }
}
