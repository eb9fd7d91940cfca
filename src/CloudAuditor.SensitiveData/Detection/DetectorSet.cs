using CloudAuditor.SensitiveData.Detectors;

namespace CloudAuditor.SensitiveData.Detection;

/// <summary>
/// All detectors, run over each piece of extracted text. Detectors anchored on digits share one pass over the
/// numeric tokens; the others each run their own vectorised search for their anchor ('@', "AKIA", "==", ...).
/// </summary>
public sealed class DetectorSet
{
    private readonly IDetector[] _own;
    private readonly NumericDetector[] _numeric;
    private readonly AnchorScanner _anchored;

    public DetectorSet(IReadOnlyList<IDetector> detectors)
    {
        Detectors = detectors;
        _numeric = detectors.OfType<NumericDetector>().ToArray();
        _anchored = new AnchorScanner(detectors.OfType<IAnchoredDetector>().ToArray());
        _own = detectors.Where(d => d is not NumericDetector and not IAnchoredDetector).ToArray();
    }

    public static DetectorSet Default { get; } = new(
    [
        new EmailDetector(), new NanpPhoneDetector(), new InternationalPhoneDetector(), new CreditCardDetector(), new UsSsnDetector(),
        new IbanDetector(), new Ipv4Detector(), new Ipv6Detector(), new AwsAccessKeyIdDetector(), new AwsSecretAccessKeyDetector(),
        new AzureStorageAccountKeyDetector(), new PrivateKeyDetector(), new JwtDetector(), new GitHubTokenDetector(), new SlackTokenDetector(),
    ]);

    public IReadOnlyList<IDetector> Detectors { get; }

    /// <summary>A detector on its own, the way it runs in a set (its <see cref="IDetector.Detect"/>).</summary>
    public static void ScanWith(IDetector detector, ReadOnlySpan<char> text, FieldContext field, DetectionTally tally) =>
        new DetectorSet([detector]).Scan(text, field, tally);

    public IEnumerable<string> EntityTypes => Detectors.Select(d => d.EntityType).Distinct();

    public void Scan(ReadOnlySpan<char> text, FieldContext field, DetectionTally tally)
    {
        foreach (var detector in _own) detector.Detect(text, field, tally);
        _anchored.Scan(text, field, tally);
        if (_numeric.Length == 0) return;
        var state = (Detectors: _numeric, Field: field, Tally: tally);
        NumericToken.ForEach(text, ref state, static (text, token, ref state) =>
        {
            foreach (var detector in state.Detectors)
            {
                if (detector.Wants(token)) detector.DetectAt(text, token, state.Field, state.Tally);
            }
        });
    }
}
