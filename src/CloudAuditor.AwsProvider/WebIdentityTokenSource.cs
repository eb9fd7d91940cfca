namespace CloudAuditor.AwsProvider;

/// <summary>A host's source of OIDC tokens for an audience (in Azure: the Function's managed identity through Entra ID).</summary>
public delegate ValueTask<string> WebIdentityTokenSource(string audience, CancellationToken cancellationToken);
