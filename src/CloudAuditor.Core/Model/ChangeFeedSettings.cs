namespace CloudAuditor.Core.Model;

/// <summary>Azure blob change feed: a log of every change, kept this many days (null: kept indefinitely).</summary>
public sealed record ChangeFeedSettings(bool Enabled, int? RetentionDays);
