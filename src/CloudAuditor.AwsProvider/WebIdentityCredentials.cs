using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using CloudAuditor.Core.Faults;

namespace CloudAuditor.AwsProvider;

/// <summary>
/// Keyless AWS access: an Entra ID token for the configured audience is exchanged with STS AssumeRoleWithWebIdentity
/// (an unsigned call) for temporary credentials of the role, refreshed before they expire. No AWS key is stored anywhere.
/// </summary>
public sealed class WebIdentityCredentials(IAmazonSecurityTokenService sts, WebIdentityTokenSource tokens, string audience, string roleArn)
    : RefreshingAWSCredentials
{
    protected override CredentialsRefreshState GenerateNewCredentials() => GenerateNewCredentialsAsync().GetAwaiter().GetResult();

    protected override async Task<CredentialsRefreshState> GenerateNewCredentialsAsync()
    {
        var token = await tokens(audience, CancellationToken.None);
        try
        {
            var response = await sts.AssumeRoleWithWebIdentityAsync(new AssumeRoleWithWebIdentityRequest
            {
                RoleArn = roleArn,
                RoleSessionName = "cloudauditor",
                WebIdentityToken = token,
                DurationSeconds = 3600,
            });
            var c = response.Credentials;
            return new CredentialsRefreshState(new ImmutableCredentials(c.AccessKeyId, c.SecretAccessKey, c.SessionToken), c.Expiration
                ?? DateTime.UtcNow.AddMinutes(15));
        }
        catch (AmazonServiceException e)
        {
            var fault = AwsFaults.Instance.Classify(e, CancellationToken.None)!;
            throw new FaultException(fault with { Reason = $"STS AssumeRoleWithWebIdentity for {roleArn}: {fault.Reason}" }, e);
        }
    }
}
