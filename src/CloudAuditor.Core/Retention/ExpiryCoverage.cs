namespace CloudAuditor.Core.Retention;

/// <summary>How long data in scope can live under the lifecycle rules: the longest guaranteed expiry, or null when some part of the
/// scope never expires; with the rules that decided it, in words.</summary>
public sealed record ExpiryCoverage(int? Days, string Explanation);
