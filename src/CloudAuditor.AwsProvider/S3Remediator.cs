using System.Text.Json;
using Amazon.Runtime;
using Amazon.S3;
using CloudAuditor.Core.Model;
using CloudAuditor.Core.Remediation;
using CloudAuditor.Core.State;
using S3Bucket = CloudAuditor.Core.Model.S3Bucket;

namespace CloudAuditor.AwsProvider;

/// <summary>
/// Shared plumbing: the regional client for a bucket, its settings read as the sweep reads them (so plan and verify judge what the
/// audit judged), SDK failures as <see cref="RemediationException"/>.
/// </summary>
internal abstract class S3Remediator(Func<string, IAmazonS3> clientForRegion, Func<string, S3SettingsReader> settingsForRegion) : IRemediator
{
    public abstract string CheckId { get; }

    public abstract Task<RemediationPlan> PlanAsync(IAuditSubject subject, CancellationToken cancellationToken);

    public abstract Task ApplyAsync(IAuditSubject subject, RemediationChange change, CancellationToken cancellationToken);

    public abstract Task<string?> VerifyAsync(IAuditSubject subject, RemediationChange change, CancellationToken cancellationToken);

    public abstract Task RollbackAsync(RemediationRecord record, CancellationToken cancellationToken);

    protected IAmazonS3 Client(string region) => clientForRegion(region);

    protected S3SettingsReader Settings(string region) => settingsForRegion(region);

    protected static S3Bucket Bucket(IAuditSubject subject) => subject as S3Bucket
        ?? throw new RemediationException($"{subject.Resource.Kind} is not an S3 bucket");

    protected static async Task<T> CallAsync<T>(string operation, Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (AmazonServiceException e)
        {
            throw new RemediationException($"{operation}: {(int)e.StatusCode} {e.ErrorCode}", e);
        }
    }

    protected static T State<T>(string json) => JsonSerializer.Deserialize<T>(json) ?? throw new RemediationException("the journalled state is unreadable");
}
