namespace CloudAuditor.SensitiveData.Extraction;

/// <summary>Why part of an object was not (fully) scanned; never contains content from the object.</summary>
public sealed record ScanIssue(string? Member, ScanIssueKind Kind, string Reason);
