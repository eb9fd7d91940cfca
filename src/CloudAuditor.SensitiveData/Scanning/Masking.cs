namespace CloudAuditor.SensitiveData.Scanning;

/// <summary>Turns a found value into the only form of it that may be kept.</summary>
public delegate string Masking(ReadOnlySpan<char> value);
