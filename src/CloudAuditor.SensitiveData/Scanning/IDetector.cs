namespace CloudAuditor.SensitiveData.Scanning;

/// <summary>
/// Finds one entity type. Detectors do not scan text themselves: a <see cref="DetectorSet"/> runs them at the places
/// their shape allows, as a <see cref="NumericDetector"/> (on numeric tokens) or an <see cref="IAnchoredDetector"/> (at anchors).
/// </summary>
public interface IDetector
{
    string EntityType { get; }
}
