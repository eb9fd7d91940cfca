using CloudAuditor.SensitiveData.Detectors;

namespace CloudAuditor.SensitiveData.Scanning;

/// <summary>
/// All detectors, run over each piece of extracted text in two shared passes: detectors of numbers over the numeric
/// tokens, the others at their anchors ('@', "AKIA", "==", ...) found in one vectorised pass. A detector alone is a set of one.
/// </summary>
public sealed class DetectorSet
{
    private readonly NumericDetector[] _numeric;
    private readonly AnchorScanner _anchored;

    public DetectorSet(IReadOnlyList<IDetector> detectors)
    {
        var unplaced = detectors.FirstOrDefault(d => d is not NumericDetector and not IAnchoredDetector);
        if (unplaced is not null) throw new ArgumentException($"{unplaced.GetType().Name} is neither a numeric nor an anchored detector, so no pass would run it.");
        Detectors = detectors;
        _numeric = detectors.OfType<NumericDetector>().ToArray();
        _anchored = new AnchorScanner(detectors.OfType<IAnchoredDetector>().ToArray());
    }

    public static DetectorSet Default { get; } = new(
    [
        new EmailDetector(), new NanpPhoneDetector(), new InternationalPhoneDetector(), new CreditCardDetector(), new UsSsnDetector(),
        new IbanDetector(), new Ipv4Detector(), new Ipv6Detector(), new AwsAccessKeyIdDetector(), new AwsSecretAccessKeyDetector(),
        new AzureStorageAccountKeyDetector(), new PrivateKeyDetector(), new JwtDetector(), new GitHubTokenDetector(), new SlackTokenDetector(),
    ]);

    public IReadOnlyList<IDetector> Detectors { get; }

    public IEnumerable<string> EntityTypes => Detectors.Select(d => d.EntityType).Distinct();

    public void Scan(ReadOnlySpan<char> text, FieldContext field, DetectionTally tally)
    {
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
