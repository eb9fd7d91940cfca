namespace CloudAuditor.Core.Model;

/// <summary>The account's static website hosting: when on, its $web container is served anonymously.</summary>
public sealed record StaticWebsite(bool Enabled);
