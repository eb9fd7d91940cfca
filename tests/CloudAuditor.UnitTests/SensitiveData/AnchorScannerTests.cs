using CloudAuditor.SensitiveData.Detectors;
using CloudAuditor.SensitiveData.Scanning;

namespace CloudAuditor.UnitTests.SensitiveData;

/// <summary>The one-pass anchor search must hand each detector exactly the positions a plain per-anchor search finds.</summary>
public class AnchorScannerTests
{
    /// <summary>
    /// Records where it was called and reports nothing. It claims <c>claim</c> characters from each anchor, and scans
    /// a field named <c>wholeField</c> without anchors.
    /// </summary>
    private sealed class RecordingDetector(StringComparison comparison, string[] anchors, int claim = 1, string? wholeField = null) : IAnchoredDetector
    {
        public RecordingDetector(StringComparison comparison, params string[] anchors) : this(comparison, anchors, 1) { }

        public List<int> Calls { get; } = [];
        public int WholeScans { get; private set; }
        public string EntityType => "TEST";
        public IReadOnlyList<Anchor> Anchors => anchors.Select(a => new Anchor(a, comparison == StringComparison.OrdinalIgnoreCase)).ToList();

        public int Reach => claim;

        public bool DetectsWithoutAnchors(FieldContext field) => wholeField is not null && field.NameContains([wholeField]);

        public int DetectAll(ReadOnlySpan<char> text, int from, int to, FieldContext field, DetectionTally tally)
        {
            WholeScans++;
            return to;
        }

        public int DetectAt(ReadOnlySpan<char> text, int index, FieldContext field, DetectionTally tally)
        {
            Calls.Add(index);
            return index + claim;
        }
    }

    // Fragments include the anchors, near misses, and non-ASCII characters whose low byte is an anchor character
    // ('ŀ' is U+0140, narrowing to '@'; 'Ł' is U+0141, narrowing to 'A'), which must never be reported.
    private static readonly string[] Fragments =
    [
        "@", "AK", "AKIA", "Ak", "ŀ", "ŁK", "secret", "SeCrEt", "secre", "-----BEGIN ", "-----BEGIN", "---", "::", ":",
        "plain words ", "1234", "é", "😀", "\n", "x", "==",
    ];

    [Fact]
    public void Finds_every_anchor_position_a_plain_search_finds_at_any_length_and_alignment()
    {
        var random = new Random(7);
        for (var round = 0; round < 400; round++)
        {
            var text = string.Concat(Enumerable.Range(0, random.Next(0, 60)).Select(_ => Fragments[random.Next(Fragments.Length)]));
            var ordinal = new RecordingDetector(StringComparison.Ordinal, "@", "AK", "-----BEGIN ", ":");
            var ignoreCase = new RecordingDetector(StringComparison.OrdinalIgnoreCase, "secret", "==");
            new DetectorSet([ordinal, ignoreCase]).Scan(text, FieldContext.None, new DetectionTally());
            Assert.Equal(PlainSearch(text, ordinal), ordinal.Calls);
            Assert.Equal(PlainSearch(text, ignoreCase), ignoreCase.Calls);
        }
    }

    [Fact]
    public void A_detector_is_not_called_again_inside_what_it_reported()
    {
        var text = "AKIA AKIA AKIA AKIA";
        var claimsTen = new RecordingDetector(StringComparison.Ordinal, ["AKIA"], claim: 10);
        new DetectorSet([claimsTen]).Scan(text, FieldContext.None, new DetectionTally());
        Assert.Equal([0, 10], claimsTen.Calls); // 5 is inside the first claim, 15 inside the second
    }

    [Fact]
    public void A_detector_that_scanned_the_whole_field_is_not_called_at_its_anchors()
    {
        var wholeField = new RecordingDetector(StringComparison.Ordinal, ["AKIA"], wholeField: "secret");
        new DetectorSet([wholeField]).Scan("AKIA AKIA", new FieldContext("secret"), new DetectionTally());
        Assert.Equal(1, wholeField.WholeScans);
        Assert.Empty(wholeField.Calls);
    }

    [Fact]
    public void Anchors_must_be_ascii() =>
        Assert.Throws<ArgumentException>(() => new AnchorScanner([new RecordingDetector(StringComparison.Ordinal, "é")]));

    private sealed class PassLessDetector : IDetector
    {
        public string EntityType => "TEST";
    }

    [Fact]
    public void A_detector_no_pass_would_run_is_refused() =>
        Assert.Contains("neither", Assert.Throws<ArgumentException>(() => new DetectorSet([new PassLessDetector()])).Message);

    [Fact]
    public void The_secret_keyword_anchor_matches_in_any_case()
    {
        var tally = new DetectionTally();
        new DetectorSet([new CloudAuditor.SensitiveData.Detectors.AwsSecretAccessKeyDetector()])
            .Scan("AWS_SECRET_ACCESS_KEY = wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEK2", FieldContext.None, tally);
        Assert.Equal(1, tally.Count(EntityTypes.AwsSecretAccessKey));
    }

    private static List<int> PlainSearch(string text, RecordingDetector detector) =>
        Enumerable.Range(0, text.Length).Where(i => detector.Anchors.Any(a => text.AsSpan(i).StartsWith(a.Text, a.Comparison))).ToList();
}
