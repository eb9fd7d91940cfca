using System.Text;
using System.Text.RegularExpressions;

namespace CloudAuditor.Cli.Bench;

/// <summary>
/// The bench's input, not generated from the detectors' own test spec: prose is real English text (the user's
/// --corpus folder, or the API reference shipped with the .NET SDK), log noise (timestamps, order numbers, hashes,
/// amounts) and PII lines are made here by a generator of their own, in formats the detectors' tests do not use.
/// </summary>
internal sealed partial class BenchCorpus
{
    private const int MixedFiles = 8;
    private readonly List<string> _prose;
    private readonly Random _random;

    private BenchCorpus(List<string> prose, string source, int seed) => (_prose, Source, _random) = (prose, source, new Random(seed));

    public string Source { get; }

    public static BenchCorpus Load(string? folder, int seed)
    {
        var files = folder is not null ? Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            : Directory.EnumerateFiles(Path.Combine(DotnetRoot(), "packs"), "*.xml", SearchOption.AllDirectories).Where(f
                => f.Contains("Microsoft.NETCore.App.Ref", StringComparison.Ordinal));
        var lines = new List<string>();
        foreach (var file in files.Order(StringComparer.Ordinal))
        {
            foreach (var line in Markup().Replace(File.ReadAllText(file), " ").Split('\n'))
            {
                var text = string.Join(' ', System.Net.WebUtility.HtmlDecode(line).Split(' ', StringSplitOptions.RemoveEmptyEntries));
                if (text.Length > 30) lines.Add(text);
            }
            if (lines.Count > 400_000) break;
        }
        if (lines.Count < 1000) throw new UsageException("The bench needs real prose: give --corpus FOLDER with text files (the .NET SDK's reference docs " +
            "were not found).");
        return new BenchCorpus(lines, folder ?? "the .NET SDK's API reference (XML docs)", seed);
    }

    /// <summary>The runtime lives in DOTNET_ROOT/shared/Microsoft.NETCore.App/VERSION.</summary>
    private static string DotnetRoot() =>
        Path.GetFullPath(Path.Combine(System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));

    /// <summary>Eight files of prose without a single digit: the cheapest text a scanner can meet.</summary>
    public async Task<string> WriteProseAsync(string folder, long bytes, CancellationToken cancellationToken)
    {
        var prose = Directory.CreateDirectory(Path.Combine(folder, "prose")).FullName;
        long line = 0;
        for (var f = 0; f < MixedFiles; f++)
        {
            await using var writer = new StreamWriter(Path.Combine(prose, $"part{f}.txt"), false, new UTF8Encoding(false));
            for (long written = 0; written < bytes / MixedFiles; line++)
            {
                var text = Digits().Replace(_prose[(int)(line % _prose.Count)], "");
                await writer.WriteLineAsync(text.AsMemory(), cancellationToken);
                written += Encoding.UTF8.GetByteCount(text) + 1;
            }
        }
        return prose;
    }

    /// <summary>Eight files: 65% prose, 30% log noise full of digits, 5% lines with a PII value or a secret.</summary>
    public async Task<string> WriteMixedAsync(string folder, long bytes, CancellationToken cancellationToken)
    {
        var mixed = Directory.CreateDirectory(Path.Combine(folder, "mixed")).FullName;
        var line = 0;
        for (var f = 0; f < MixedFiles; f++)
        {
            await using var writer = new StreamWriter(Path.Combine(mixed, $"part{f}.txt"), false, new UTF8Encoding(false));
            for (long written = 0; written < bytes / MixedFiles; line++)
            {
                var roll = _random.NextDouble();
                var text = roll < 0.05 ? Pii() : roll < 0.35 ? Noise() : _prose[line % _prose.Count];
                await writer.WriteLineAsync(text.AsMemory(), cancellationToken);
                written += Encoding.UTF8.GetByteCount(text) + 1;
            }
        }
        return mixed;
    }

    private string Noise() => _random.Next(5) switch
    {
        0 => $"2026-{_random.Next(1, 13):00}-{_random.Next(1, 29):00}T{_random.Next(24):00}:{_random.Next(60):00}:{_random.Next(60):00}Z order " +
            $"#{_random.Next(10_000_000, 99_999_999)} shipped {_random.Next(1, 40)} items",
        1 => $"commit {Hex(40)} merged",
        2 => $"sha256 {Hex(64)} build {_random.Next(1, 9999)}",
        3 => $"total {_random.Next(1, 99_999)}.{_random.Next(100):00} EUR for {_random.Next(1, 500)} units, batch " +
            $"{_random.Next(1000, 9999)}-{_random.Next(100, 999)}",
        _ => $"latency p99 {_random.Next(1, 900)}ms over {_random.Next(1000, 99_999)} requests on node-{_random.Next(1, 64)}",
    };

    private string Pii() => _random.Next(8) switch
    {
        0 => $"contact {Name()}.{Name()}@example.{(_random.Next(2) == 0 ? "com" : "org")} about the invoice",
        1 => $"card on file {Card()} expires {_random.Next(1, 13):00}/{_random.Next(27, 32)}",
        2 => $"employee ssn {Ssn()} verified",
        3 => $"call +1 ({_random.Next(201, 990)}) {_random.Next(200, 1000)}-{_random.Next(10_000):0000} after five",
        4 => $"wire to {Iban()} reference {_random.Next(100_000, 999_999)}",
        5 => $"client ip {_random.Next(11, 224)}.{_random.Next(256)}.{_random.Next(256)}.{_random.Next(1, 255)} blocked",
        6 => $"aws_access_key_id = AKIA{Chars("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16)}",
        _ => $"token ghp_{Chars("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 36)}",
    };

    private string Name() => new[] { "alice", "bob", "carol", "dmitri", "eve", "fatima", "gunnar", "hiro" }[_random.Next(8)];

    private string Hex(int length) => Chars("0123456789abcdef", length);

    private string Chars(string alphabet, int length) => string.Create(length, (alphabet, _random), static (span, state) =>
    {
        for (var i = 0; i < span.Length; i++) span[i] = state.alphabet[state._random.Next(state.alphabet.Length)];
    });

    private string Card()
    {
        var digits = new List<int> { 4 };
        while (digits.Count < 15) digits.Add(_random.Next(10));
        var sum = 0;
        for (var i = 0; i < 15; i++)
        {
            var d = digits[14 - i];
            if (i % 2 == 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            sum += d;
        }
        digits.Add((10 - sum % 10) % 10);
        var text = string.Concat(digits);
        return _random.Next(2) == 0 ? text : string.Join('-', text.Chunk(4).Select(c => new string(c)));
    }

    private string Ssn() => $"{_random.Next(1, 666):000}-{_random.Next(1, 100):00}-{_random.Next(1, 10_000):0000}";

    private string Iban()
    {
        var bban = Chars("0123456789", 18);
        var number = System.Numerics.BigInteger.Parse(bban + "131400", System.Globalization.CultureInfo.InvariantCulture);
        return $"DE{98 - (int)(number % 97):00}{bban}";
    }

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Markup();

    [GeneratedRegex("[0-9]")]
    private static partial Regex Digits();
}
