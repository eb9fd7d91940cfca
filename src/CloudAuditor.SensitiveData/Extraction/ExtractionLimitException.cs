namespace CloudAuditor.SensitiveData.Extraction;

/// <summary>A limit was hit: the object gets an error finding saying which, and the scan of it stops cleanly.</summary>
public sealed class ExtractionLimitException(string message) : Exception(message);
