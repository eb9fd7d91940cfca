using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using CloudAuditor.SensitiveData.Scanning;

namespace CloudAuditor.UnitTests.SensitiveData;

/// <summary>The prefilter may mark a position no prefix starts at, never miss one; both vector widths are checked wherever the machine has them.</summary>
public class PrefixFilterTests
{
    private static readonly (string Prefix, bool Fold)[] Anchors =
    [
        ("==", false), ("sk_", false), ("rk_", false), ("pas", true), ("pwd", true), ("npm", false), ("@", false), ("eyJ", false), ("xox", false),
        ("xap", false), (":", false), ("AIz", false), ("htt", false), ("sec", true), ("gh", false), ("git", false), ("sha", true), ("AKI", false),
        ("ASI", false), ("---", false), ("sig", false), ("://", false),
    ];

    // Anchors, their other cases, near misses, and non-ASCII characters whose low byte is an anchor character ('ŀ' narrows to '@').
    private static readonly string[] Fragments =
    [
        "==", "=", "sk_", "SK_", "PaSs", "pWd", "npm", "@", "ŀ", "eyJ", "EYJ", "xox", "xapp", ":", "://", "AIza", "aiza", "http", "SeCrEt", "gh", "gH",
        "github", "SHARED", "AKIA", "ASIA", "-----", "sig=", "plain words ", "1234", "é", "😀", "\n", "x", "s", "a",
    ];

    /// <summary>The vector widths this machine can run (none where hardware vectors are off: the scanner then checks every position).</summary>
    private static IEnumerable<int> Widths()
    {
        if (Vector128.IsHardwareAccelerated) yield return 16;
        if (Avx2.IsSupported) yield return 32;
    }

    [Fact]
    public void Marks_every_position_where_a_prefix_starts_in_either_case_when_folded()
    {
        var filter = new PrefixFilter(Anchors);
        foreach (var width in Widths())
        {
            var random = new Random(11);
            var marked = 0;
            for (var round = 0; round < 300; round++)
            {
                var text = string.Concat(Enumerable.Range(0, random.Next(1, 80)).Select(_ => Fragments[random.Next(Fragments.Length)]));
                // The filter reads Positions - 1 characters past its width: padding keeps every start inside a full read.
                var padded = text + new string(' ', width + PrefixFilter.Positions);
                var chars = MemoryMarshal.Cast<char, ushort>(padded.AsSpan());
                for (var position = 0; position < text.Length; position += width)
                {
                    var mask = Mask(filter, chars, position, width);
                    for (var k = 0; k < width && position + k < text.Length; k++)
                    {
                        var starts = Anchors.Any(a => padded.AsSpan(position + k).StartsWith(a.Prefix, a.Fold ? StringComparison.OrdinalIgnoreCase
                            : StringComparison.Ordinal));
                        if (starts)
                            Assert.True((mask >> k & 1) == 1 && filter.MayStartAt(text, position + k), $"'{text}': a prefix at {position + k} was dropped");
                        marked += (int)(mask >> k & 1);
                    }
                }
            }
            Assert.True(marked > 0);
        }
        if (!Widths().Any()) Assert.Equal(0, PrefixFilter.Width);
    }

    [Fact]
    public void Marks_nothing_in_text_that_holds_no_byte_of_any_prefix()
    {
        var filter = new PrefixFilter(Anchors);
        var text = new string('0', 64) + new string('Z', 64);
        var chars = MemoryMarshal.Cast<char, ushort>(text.AsSpan());
        foreach (var width in Widths())
        {
            for (var position = 0; position + width + PrefixFilter.Positions - 1 <= text.Length; position += width)
                Assert.Equal(0UL, Mask(filter, chars, position, width));
        }
        if (!Widths().Any()) Assert.Equal(0, PrefixFilter.Width);
    }

    private static ulong Mask(PrefixFilter filter, ReadOnlySpan<ushort> chars, int position, int width) =>
        width == 32 ? filter.Mask256(chars, position) : filter.Mask128(chars, position);

    [Fact]
    public void The_pair_test_drops_marks_whose_first_two_characters_begin_no_prefix()
    {
        var filter = new PrefixFilter(Anchors);
        Assert.True(filter.MayStartAt("sk_live", 0));
        Assert.True(filter.MayStartAt("SECRET", 0));
        Assert.True(filter.MayStartAt("x@", 1));  // a single character at the end of the text
        Assert.True(filter.MayStartAt(":é", 0)); // a single character before a non-ASCII one
        Assert.False(filter.MayStartAt("SK_live", 0));
        Assert.False(filter.MayStartAt("sun", 0));
        Assert.False(filter.MayStartAt("s", 0));
        Assert.False(filter.MayStartAt("ŀx", 0)); // narrows to '@', but is not one
    }

    [Fact]
    public void Prefixes_must_be_ascii() => Assert.Throws<ArgumentException>(() => new PrefixFilter([("é", false)]));
}
