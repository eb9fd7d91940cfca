using CloudAuditor.SensitiveData.Detectors;
using CloudAuditor.SensitiveData.Scanning;

namespace CloudAuditor.UnitTests.SensitiveData;

/// <summary>Streaming text through windows finds exactly what one scan of the whole text finds, wherever the edges fall.</summary>
public class TextWindowTests
{
    private static readonly string[] Values =
    [
        "ada.lovelace@example.com", "4111 1111 1111 1111", "536-22-8726", "DE89 3704 0044 0532 0130 00", "AKIAZ7VRSQ5NJ2XGPQ3M",
        "ghp_" + new string('a', 18) + new string('B', 18), "10.20.30.40", "+1 (415) 555-0100",
        "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJl",
        // Long values: cut anywhere, they no longer validate.
        LongJwt(), "-----BEGIN RSA PRIVATE KEY-----\n" + string.Concat(Enumerable.Repeat("MIIEowIBAAKCAQEA7bq0c2lnbmF0dXJlc2lnbmF0dXJlc2lnbmF0dXJlc2ln\n",
            8)) + "-----END RSA PRIVATE KEY-----",
    ];

    private static string LongJwt()
    {
        static string Part(string json) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return $"{Part("""{"alg":"RS256","typ":"JWT"}""")}.{Part("{\"sub\":\"" + new string('u', 600) + "\"}")}.{new string('s', 300)}";
    }

    private static readonly string[] Filler = ["plain words ", "order 2026-11-28 ", "\n", "x", "    ", "id 12345 ", "é", "@"];

    [Fact]
    public void A_value_split_across_two_windows_is_found_once_and_streams_count_as_whole_texts_do()
    {
        var random = new Random(11);
        var parts = new List<string>();
        while (parts.Sum(p => p.Length) < 400_000) parts.Add(random.Next(3) == 0 ? Values[random.Next(Values.Length)] + " "
            : Filler[random.Next(Filler.Length)]);
        var text = string.Concat(parts);
        var whole = new DetectionTally();
        DetectorSet.Default.Scan(text, FieldContext.None, whole);
        Assert.True(whole.Total > 500);

        foreach (var region in new[] { 1, 7, 100, 4096 })
        {
            var streamed = new DetectionTally();
            using (var window = new TextWindow(DetectorSet.Default, FieldContext.None, streamed, regionChars: region))
            {
                // Written in pieces of random size, so piece edges and window edges fall everywhere.
                for (var at = 0; at < text.Length;)
                {
                    var length = Math.Min(text.Length - at, random.Next(1, 3000));
                    window.Write(text.AsSpan(at, length));
                    at += length;
                }
                window.Complete();
            }
            Assert.Equal(Describe(whole), Describe(streamed));
        }
    }

    [Fact]
    public void A_value_across_the_exact_edge_of_a_region_is_counted_once()
    {
        const int region = 64;
        var buffer = DetectorSet.LookBehind + region + DetectorSet.Default.Reach;
        // The first window scans [0, buffer - reach): put an email across that edge.
        var edge = buffer - DetectorSet.Default.Reach;
        var email = "ada@example.com";
        var text = new string(' ', edge - 5) + email + new string(' ', 3 * buffer);
        var tally = new DetectionTally();
        using (var window = new TextWindow(DetectorSet.Default, FieldContext.None, tally, regionChars: region))
        {
            window.Write(text);
            window.Complete();
        }
        Assert.Equal(1, tally.Count(EntityTypes.Email));
    }

    private static string Describe(DetectionTally tally) =>
        string.Join("; ", tally.ToEntities().Select(e => $"{e.Type} {e.Count} [{string.Join(",", e.Masked)}]"));
}
