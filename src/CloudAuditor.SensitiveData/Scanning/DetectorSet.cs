using CloudAuditor.SensitiveData.Detectors;

namespace CloudAuditor.SensitiveData.Scanning;

/// <summary>
/// All detectors, run over each piece of extracted text in two shared passes: detectors of numbers over the numeric
/// tokens, the others at their anchors ('@', "AKIA", "==", ...) found in one vectorised pass. A detector alone is a set of one.
/// </summary>
public sealed class DetectorSet
{
    /// <summary>Characters before a value that detectors read for context ("aws_secret_access_key = ", a local part before '@').</summary>
    public const int LookBehind = 1024;

    /// <summary>Numeric detectors read at most this far past a token's start (an IBAN with its spaces).</summary>
    private const int NumericReach = 128;

    private readonly NumericDetector[] _numeric;

    /// <summary>Numeric detectors by the digit counts of the tokens they take (up to 63), so a token meets only its candidates.</summary>
    private readonly NumericDetector[][] _numericByDigits;
    private readonly AnchorScanner _anchored;

    public DetectorSet(IReadOnlyList<IDetector> detectors)
    {
        var unplaced = detectors.FirstOrDefault(d => d is not NumericDetector and not IAnchoredDetector);
        if (unplaced is not null) throw new ArgumentException($"{unplaced.GetType().Name} is neither a numeric nor an anchored detector, so no pass would " +
            $"run it.");
        Detectors = detectors;
        _numeric = detectors.OfType<NumericDetector>().ToArray();
        _numericByDigits = [.. Enumerable.Range(0, 64).Select(digits => _numeric.Where(d => d.TakesDigits(digits)).ToArray())];
        _anchored = new AnchorScanner(detectors.OfType<IAnchoredDetector>().ToArray());
        Reach = Math.Max(NumericReach, _anchored.Reach);
    }

    public static DetectorSet Default { get; } = new(
    [
        new EmailDetector(), new NanpPhoneDetector(), new InternationalPhoneDetector(), new CreditCardDetector(), new UsSsnDetector(),
        new IbanDetector(), new Ipv4Detector(), new Ipv6Detector(), new UsBankRoutingNumberDetector(), new UsItinDetector(),
        new UkNationalInsuranceNumberDetector(), new DateOfBirthDetector(), new AwsAccessKeyIdDetector(), new AwsSecretAccessKeyDetector(),
        new AzureStorageAccountKeyDetector(), new PrivateKeyDetector(), new JwtDetector(), new GitHubTokenDetector(), new SlackTokenDetector(),
        new SlackWebhookUrlDetector(), new StripeSecretKeyDetector(), new GoogleApiKeyDetector(), new NpmTokenDetector(), new AzureSasTokenDetector(),
        new AzureSharedAccessKeyDetector(), new UrlCredentialsDetector(), new ConnectionStringPasswordDetector(),
    ]);

    public IReadOnlyList<IDetector> Detectors { get; }

    public IEnumerable<string> EntityTypes => Detectors.Select(d => d.EntityType).Distinct();

    /// <summary>The furthest any detector reads past where a value starts: a stream is held back this much at each window's end.</summary>
    public int Reach { get; }

    /// <summary>How many resume positions <see cref="Scan(ReadOnlySpan{char}, int, int, FieldContext, DetectionTally, Span{int})"/> carries.</summary>
    public int ResumeSlots => _anchored.DetectorCount;

    /// <summary>Scans a whole text.</summary>
    public void Scan(ReadOnlySpan<char> text, FieldContext field, DetectionTally tally)
    {
        Span<int> resume = ResumeSlots <= 64 ? stackalloc int[ResumeSlots] : new int[ResumeSlots];
        Scan(text, 0, text.Length, field, tally, resume);
    }

    /// <summary>
    /// Reports the values that start in [<paramref name="from"/>, <paramref name="to"/>) of a window of a longer text:
    /// what comes before is context, what comes after (at least <see cref="Reach"/>) lets values across the end be seen
    /// whole. Each value belongs to exactly one window, so none is lost or counted twice at a window's edge.
    /// </summary>
    public void Scan(ReadOnlySpan<char> text, int from, int to, FieldContext field, DetectionTally tally, Span<int> resumeAt)
    {
        _anchored.Scan(text, from, to, field, tally, resumeAt);
        if (_numeric.Length == 0) return;
        var state = (ByDigits: _numericByDigits, All: _numeric, Field: field, Tally: tally);
        NumericToken.ForEach(text, from, to, ref state, static (text, token, ref state) =>
        {
            var longer = token.Digits >= state.ByDigits.Length;
            foreach (var detector in longer ? state.All : state.ByDigits[token.Digits])
            {
                if ((!longer || detector.TakesDigits(token.Digits)) && detector.Wants(token))
                    detector.DetectAt(text, token, state.Field, state.Tally);
            }
        });
    }
}
