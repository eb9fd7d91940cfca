namespace CloudAuditor.Core.Model;

/// <summary>An AWS account as S3 sees it: the account-level settings that apply to every bucket in it.</summary>
public sealed record AwsAccount(ResourceRef Resource, Observed<PublicAccessBlock> PublicAccessBlock) : IAuditSubject
{
    public const string Kind = "aws-account";

    public CloudKind Cloud => CloudKind.Aws;

    public IReadOnlyDictionary<string, string> Labels => TagSet.Empty.Values;

    public IEnumerable<IObservation> Observations => [PublicAccessBlock];

    public static ResourceRef For(string accountId) => new($"arn:aws:iam::{accountId}:root", Kind, accountId) { Account = accountId };
}
