using CloudAuditor.SensitiveData.Detectors;

namespace CloudAuditor.SensitiveData.Detection;

/// <summary>All detectors, run over each piece of extracted text.</summary>
public sealed class DetectorSet(IReadOnlyList<IDetector> detectors)
{
    public static DetectorSet Default { get; } = new(
    [
        new EmailDetector(), new PhoneNumberDetector(), new CreditCardDetector(), new UsSsnDetector(), new IbanDetector(),
        new IpAddressDetector(), new AwsAccessKeyIdDetector(), new AwsSecretAccessKeyDetector(), new AzureStorageAccountKeyDetector(),
        new PrivateKeyDetector(), new JwtDetector(), new GitHubTokenDetector(), new SlackTokenDetector(),
    ]);

    public IReadOnlyList<IDetector> Detectors => detectors;

    public void Scan(ReadOnlySpan<char> text, FieldContext field, DetectionTally tally)
    {
        foreach (var detector in detectors) detector.Detect(text, field, tally);
    }
}
