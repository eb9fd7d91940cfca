using System.Text;
using CloudAuditor.SensitiveData.Detectors;

namespace CloudAuditor.SensitiveData.Evaluation;

/// <summary>Makes valid examples of every entity type (real checksums, registered lengths) and near-miss lookalikes.</summary>
public sealed class ValueFactory(Random random)
{
    private static readonly string[] CardSeparators = ["", " ", "-"];
    private static readonly string[] GitHubPrefixes = ["ghp", "gho", "ghs"];

    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private const string Base32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private const string UpperAlphanumeric = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static readonly string[] First = ["ada", "grace", "alan", "linus", "margaret", "ken", "barbara", "dennis", "radia", "edsger"];
    private static readonly string[] Domains = ["example.com", "corp.example", "mail.example.org", "contoso.co.uk", "fabrikam.io"];
    private static readonly (string Country, int Length)[] Ibans = [("DE", 22), ("GB", 22), ("FR", 27), ("NL", 18), ("ES", 24), ("IT", 27), ("BE", 16),
        ("CH", 21)];

    public string Digits(int n)
    {
        var chars = new char[n];
        for (var i = 0; i < n; i++) chars[i] = (char)('0' + random.Next(10));
        return new string(chars);
    }

    public string From(string alphabet, int n)
    {
        var chars = new char[n];
        for (var i = 0; i < n; i++) chars[i] = alphabet[random.Next(alphabet.Length)];
        return new string(chars);
    }

    public T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    public string Email()
    {
        var separator = random.Next(2) == 0 ? "." + Pick(First) : random.Next(100).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return $"{Pick(First)}{separator}@{Pick(Domains)}";
    }

    public string Phone() => random.Next(6) switch
    {
        0 => $"({Nxx()}) {Nxx()}-{Digits(4)}",
        1 => $"{Nxx()}-{Nxx()}-{Digits(4)}",
        2 => $"{Nxx()}.{Nxx()}.{Digits(4)}",
        3 => $"+1 {Nxx()} {Nxx()} {Digits(4)}",
        4 => $"+44 20 {Digits(4)} {Digits(4)}",
        _ => $"+49 30 {Digits(6)}",
    };

    private string Nxx() => $"{random.Next(2, 10)}{Digits(2)}";

    public string Card(bool valid = true)
    {
        var (prefix, length, groups) = random.Next(5) switch
        {
            0 => ("4", 16, new[] { 4, 4, 4, 4 }),
            1 => ($"5{random.Next(1, 6)}", 16, new[] { 4, 4, 4, 4 }),
            2 => (random.Next(2) == 0 ? "34" : "37", 15, new[] { 4, 6, 5 }),
            3 => ("6011", 16, new[] { 4, 4, 4, 4 }),
            _ => ($"35{random.Next(28, 90)}", 16, new[] { 4, 4, 4, 4 }),
        };
        var body = prefix + Digits(length - prefix.Length - 1);
        var check = LuhnCheckDigit(body);
        var digits = body + (valid ? check : (check + 1 + random.Next(8)) % 10);
        var separator = Pick(CardSeparators);
        if (separator.Length == 0) return digits;
        var parts = new List<string>();
        var at = 0;
        foreach (var g in groups) { parts.Add(digits.Substring(at, g)); at += g; }
        return string.Join(separator, parts);
    }

    private static int LuhnCheckDigit(string body)
    {
        for (var d = 0; d < 10; d++)
        {
            var candidate = (body + d).Select(c => (byte)(c - '0')).ToArray();
            if (Checksums.Luhn(candidate)) return d;
        }
        throw new InvalidOperationException("unreachable: one check digit always fits");
    }

    public string Ssn(bool dashed = true)
    {
        int area;
        do area = random.Next(1, 900); while (area == 666);
        var value = $"{area:000}-{random.Next(1, 100):00}-{random.Next(1, 10000):0000}";
        return dashed ? value : value.Replace("-", "", StringComparison.Ordinal);
    }

    public string Iban(bool valid = true, bool spaced = true)
    {
        var (country, length) = Pick(Ibans);
        var bban = country == "GB" ? From("ABCDEFGHIJKLMNOPQRSTUVWXYZ", 4) + Digits(length - 8) : Digits(length - 4);
        var check = 98 - Mod97(bban + country + "00");
        if (!valid) check = check == 97 ? 2 : check + 1;
        var compact = $"{country}{check:00}{bban}";
        return spaced ? string.Join(' ', compact.Chunk(4).Select(c => new string(c))) : compact;
    }

    private static int Mod97(string text)
    {
        var remainder = 0;
        foreach (var c in text) remainder = char.IsAsciiDigit(c) ? (remainder * 10 + c - '0') % 97 : (remainder * 100 + c - 'A' + 10) % 97;
        return remainder;
    }

    public string Ipv4() => $"{random.Next(1, 224)}.{random.Next(256)}.{random.Next(256)}.{random.Next(1, 255)}";

    public string Ipv6() => random.Next(2) == 0
        ? string.Join(':', Enumerable.Range(0, 8).Select(_ => random.Next(0x10000).ToString("x", System.Globalization.CultureInfo.InvariantCulture)))
        : $"2001:db8:{random.Next(0x10000):x}::{random.Next(1, 0x10000):x}";

    public string AwsKeyId() => "AKIA" + From(Base32, 16);

    public string AwsSecret()
    {
        string value;
        do value = From("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", 40);
        while (!value.Any(char.IsAsciiLetterUpper) || !value.Any(char.IsAsciiLetterLower) || !value.Any(char.IsAsciiDigit));
        return value;
    }

    public string AzureKey() => Convert.ToBase64String(Bytes(64));

    public string PrivateKey()
    {
        var body = Convert.ToBase64String(Bytes(300));
        return $"-----BEGIN RSA PRIVATE KEY-----\n{string.Join('\n', body.Chunk(64).Select(c => new string(c)))}\n-----END RSA PRIVATE KEY-----";
    }

    public string Jwt()
    {
        static string B64(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var payload = $"{{\"sub\":\"{Digits(8)}\",\"iat\":{random.Next(1_500_000_000, 2_000_000_000)}}}";
        return $"{B64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}")}.{B64(payload)}.{From(Base62 + "-_", 43)}";
    }

    public string GitHubToken(bool valid = true) => ChecksummedToken(Pick(GitHubPrefixes) + "_", valid);

    public string NpmToken(bool valid = true) => ChecksummedToken("npm_", valid);

    /// <summary>GitHub's token format, which npm shares: thirty random base62 characters and their CRC32 in six more.</summary>
    private string ChecksummedToken(string prefix, bool valid)
    {
        var random30 = From(Base62, 30);
        var crc = Checksums.Crc32(random30);
        if (!valid) crc ^= 1;
        var checksum = new char[6];
        for (var i = 5; i >= 0; i--) { checksum[i] = Base62[(int)(crc % 62)]; crc /= 62; }
        return $"{prefix}{random30}{new string(checksum)}";
    }

    /// <summary>A routing number with a Federal Reserve prefix and the 3-7-1 checksum (or a wrong check digit).</summary>
    public string RoutingNumber(bool valid = true)
    {
        var body = $"{Pick(["01", "02", "11", "21", "26", "31", "61", "67", "80"])}{Digits(6)}";
        int[] weights = [3, 7, 1];
        var sum = body.Select((c, i) => (c - '0') * weights[i % 3]).Sum();
        var check = (10 - sum % 10) % 10;
        return body + (valid ? check : (check + 1) % 10);
    }

    public string Itin() => $"9{Digits(2)}-{Pick(["50", "65", "70", "78", "88", "90", "92", "94", "99"])}-{Digits(4)}";

    public string Nino() => $"{Pick(["AB", "CE", "JG", "NY", "PZ", "SR", "WL"])} {Digits(2)} {Digits(2)} {Digits(2)} {Pick(["A", "B", "C", "D"])}";

    public string SlackWebhook() =>
        $"https://hooks.slack.com/services/T{From(UpperAlphanumeric, 10)}/B{From(UpperAlphanumeric, 10)}/{From(Base62, 24)}";

    public string StripeKey() => Pick(["sk_live_", "rk_live_"]) + From(Base62, random.Next(24, 100));

    public string GoogleApiKey() => "AIza" + From(Base62 + "_-", 35);

    public string SasQuery() =>
        $"sv=2022-11-02&ss=b&srt=co&sp={Pick(["r", "rl", "racwdl"])}&se=2027-{random.Next(1, 13):00}-{random.Next(1, 29):00}T00:00:00Z&spr=https" +
        $"&sig={Uri.EscapeDataString(Convert.ToBase64String(Bytes(32)))}";

    public string ServiceBusConnectionString() =>
        $"Endpoint=sb://ns{Digits(3)}.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey={Convert.ToBase64String(Bytes(32))}";

    public string DatabaseUrl() => $"{Pick(["postgres", "mysql", "mongodb+srv", "redis"])}://{Pick(First)}:{From(Base62, 14)}@db{Digits(2)}.example.com/app";

    public string SqlConnectionString() =>
        $"Server=tcp:sql{Digits(2)}.example.net,1433;Database=app;User Id={Pick(First)};Password={From(Base62 + "!#", 16)};Encrypt=true";

    public string SlackToken() => $"xoxb-{Digits(11)}-{Digits(12)}-{From(Base62, 24)}";

    public string Uuid() => new Guid(Bytes(16)).ToString();

    public string Hex(int n) => From("0123456789abcdef", n);

    public byte[] Bytes(int n)
    {
        var bytes = new byte[n];
        random.NextBytes(bytes);
        return bytes;
    }
}
