using System.Text;
using System.Text.Unicode;

namespace CloudAuditor.SensitiveData.Extraction;

/// <summary>Bytes to text: BOMs first, then strict UTF-8, then Latin-1 (every byte maps, so nothing is lost); NULs mean binary.</summary>
public static class TextDecoder
{
    private const int SniffBytes = 8000;

    public static bool TryDecode(ReadOnlySpan<byte> data, out string text, out string? note)
    {
        note = null;
        if (data.StartsWith("\xEF\xBB\xBF"u8)) { text = Encoding.UTF8.GetString(TrimIncompleteUtf8(data[3..])); return true; }
        if (data.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])) { text = Encoding.Unicode.GetString(data[2..(data.Length & ~1)]); return true; }
        if (data.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])) { text = Encoding.BigEndianUnicode.GetString(data[2..(data.Length & ~1)]); return true; }

        var head = data[..Math.Min(data.Length, SniffBytes)];
        if (head.Contains((byte)0))
        {
            if (LooksLikeUtf16Le(head)) { text = Encoding.Unicode.GetString(data[..(data.Length & ~1)]); note = "UTF-16 without a byte order mark"; return true; }
            text = "";
            return false;
        }
        var utf8 = TrimIncompleteUtf8(data);
        if (Utf8.IsValid(utf8)) { text = Encoding.UTF8.GetString(utf8); return true; }
        text = Encoding.Latin1.GetString(data);
        note = "not valid UTF-8; read as Latin-1";
        return true;
    }

    /// <summary>A range read can cut a multi-byte character in half; that is not invalid UTF-8.</summary>
    private static ReadOnlySpan<byte> TrimIncompleteUtf8(ReadOnlySpan<byte> data)
    {
        for (var cut = 0; cut < 4 && cut < data.Length; cut++)
        {
            if (Utf8.IsValid(data[..^cut])) return data[..^cut];
        }
        return data;
    }

    private static bool LooksLikeUtf16Le(ReadOnlySpan<byte> head)
    {
        int zeroOdd = 0, pairs = head.Length / 2;
        for (var i = 1; i < head.Length; i += 2) if (head[i] == 0) zeroOdd++;
        return pairs > 0 && zeroOdd > pairs * 0.9 && head.Length > 1;
    }
}
