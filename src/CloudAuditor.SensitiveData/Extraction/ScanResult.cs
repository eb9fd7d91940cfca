using CloudAuditor.SensitiveData.Scanning;

namespace CloudAuditor.SensitiveData.Extraction;

/// <summary>Detections per member (null member: the object itself) and what could not be scanned.</summary>
public sealed class ScanResult
{
    private readonly Dictionary<string, DetectionTally> _members = new(StringComparer.Ordinal);

    public IList<ScanIssue> Issues { get; } = new List<ScanIssue>();

    public long BytesScanned { get; set; }

    /// <summary>Only part of the object was read (a range read, or the size cap): absence of findings proves less.</summary>
    public bool Truncated { get; set; }

    public DetectionTally For(string? member)
    {
        var key = member ?? "";
        if (!_members.TryGetValue(key, out var tally)) _members[key] = tally = new DetectionTally();
        return tally;
    }

    public IEnumerable<(string? Member, DetectionTally Tally)> Detections =>
        _members.Where(m => !m.Value.IsEmpty).OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => (m.Key.Length == 0 ? null : m.Key, m.Value));
}
