namespace CloudAuditor.Core.Model;

public sealed record WebsiteConfiguration(string? IndexDocument, string? RedirectAllRequestsTo);
