using Azure.Core;

namespace CloudAuditor.UnitTests.Support;

/// <summary>A bearer token for replayed ARM calls; ARM's pipeline refuses bearer auth over plain HTTP, so URLs stay https.</summary>
public sealed class StaticTokenCredential : TokenCredential
{
    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        new("recorded-test-token", DateTimeOffset.UtcNow.AddHours(1));

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        new(GetToken(requestContext, cancellationToken));
}
