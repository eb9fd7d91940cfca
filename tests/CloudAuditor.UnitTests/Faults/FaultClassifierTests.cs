using System.Net;
using System.Net.Sockets;
using System.Xml;
using Amazon.Runtime;
using Amazon.S3;
using Azure;
using CloudAuditor.AwsProvider;
using CloudAuditor.AzureProvider;
using CloudAuditor.Core.Faults;
using CloudAuditor.Hosting;

namespace CloudAuditor.UnitTests.Faults;

public class FaultClassifierTests
{
    [Fact]
    public void A_timeout_is_a_fault_of_one_request_and_only_the_callers_own_token_means_cancelled()
    {
        var timeout = new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout", new TimeoutException());
        Assert.Equal(FaultKind.TimedOut, FaultClassifier.Classify(timeout, CancellationToken.None).Kind);

        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.Throws<OperationCanceledException>(() => FaultClassifier.Classify(timeout, cancelled.Token));
    }

    [Theory]
    [InlineData(SocketError.ConnectionRefused, "no connection (connection refused)")]
    [InlineData(SocketError.HostNotFound, "no connection (the host name does not resolve)")]
    [InlineData(SocketError.ConnectionReset, "no connection (the connection was reset)")]
    public void Connection_failures_are_unreachable_in_words(SocketError error, string reason)
    {
        var fault = FaultClassifier.Classify(new HttpRequestException("x", new SocketException((int)error)), CancellationToken.None);
        Assert.Equal((FaultKind.Unreachable, reason), (fault.Kind, fault.Reason));
        Assert.True(fault.Transient);
    }

    [Fact]
    public void Unknown_exceptions_are_unexpected_and_never_transient()
    {
        var fault = FaultClassifier.Classify(new InvalidOperationException("detail that must not matter"), CancellationToken.None);
        Assert.Equal(FaultKind.Unexpected, fault.Kind);
        Assert.DoesNotContain("detail that must not matter", fault.Reason);
        Assert.False(fault.Transient);
        Assert.Equal(FaultKind.Malformed, FaultClassifier.Classify(new XmlException("bad"), CancellationToken.None).Kind);
    }

    [Theory]
    [InlineData(403, "AuthenticationFailed", FaultKind.AuthenticationFailed, "the credentials were rejected (403 AuthenticationFailed)")]
    [InlineData(403, "SignatureDoesNotMatch", FaultKind.AuthenticationFailed, "the credentials were rejected (403 SignatureDoesNotMatch)")]
    [InlineData(403, "AuthorizationPermissionMismatch", FaultKind.AccessDenied, "access denied (403 AuthorizationPermissionMismatch)")]
    [InlineData(404, "ContainerNotFound", FaultKind.NotFound, "not found (404 ContainerNotFound)")]
    [InlineData(501, "NotImplemented", FaultKind.NotSupported, "not supported by this service (501 NotImplemented)")]
    [InlineData(503, "SlowDown", FaultKind.Throttled, "throttled (503 SlowDown)")]
    [InlineData(429, null, FaultKind.Throttled, "throttled (429)")]
    [InlineData(500, "InternalError", FaultKind.ServiceError, "the service failed (500 InternalError)")]
    [InlineData(409, "BlobArchived", FaultKind.Limit, "not readable in its current state (409 BlobArchived)")]
    public void Http_answers_become_faults_by_status_and_error_code_the_same_for_both_clouds(int status, string? code, FaultKind kind, string reason)
    {
        var fault = HttpFaults.Of(status, code);
        Assert.Equal(kind, fault.Kind);
        Assert.StartsWith(reason, fault.Reason);
        Assert.Equal(fault, AzureFaults.Instance.Classify(new RequestFailedException(status, "m", code, null), CancellationToken.None));
        Assert.Equal(fault, AwsFaults.Instance.Classify(new AmazonS3Exception("m") { StatusCode = (HttpStatusCode)status, ErrorCode = code },
            CancellationToken.None));
    }

    [Fact]
    public void A_setting_that_got_no_answer_names_the_operation_and_why()
    {
        var refused = new RequestFailedException("x", new HttpRequestException("x", new SocketException((int)SocketError.ConnectionRefused)));
        Assert.Equal("Get Container ACL: no connection (connection refused)", AzureFaults.Of("Get Container ACL", refused).Reason);
        Assert.Equal("GetBucketAcl: 501 NotImplemented", AwsFaults.Of("GetBucketAcl",
            new AmazonS3Exception("m") { StatusCode = HttpStatusCode.NotImplemented, ErrorCode = "NotImplemented" }).Reason);
    }

    [Fact]
    public void Aws_client_failures_without_an_answer_say_the_credentials_could_not_be_resolved_unless_a_cause_is_known()
    {
        Assert.Equal(FaultKind.AuthenticationFailed, AwsFaults.Instance.Classify(new AmazonClientException("no credentials"), CancellationToken.None)!.Kind);
        var timedOut = new AmazonClientException("x", new TaskCanceledException("timeout", new TimeoutException()));
        Assert.Equal(FaultKind.TimedOut, AwsFaults.Instance.Classify(timedOut, CancellationToken.None)!.Kind);
    }

    [Fact]
    public void The_process_boundary_knows_every_providers_sdk()
    {
        Assert.Equal(FaultKind.Throttled, ProviderFaults.Of(new RequestFailedException(503, "m", "ServerBusy", null), CancellationToken.None).Kind);
        Assert.Equal(FaultKind.AccessDenied, ProviderFaults.Of(new AmazonS3Exception("m") { StatusCode = HttpStatusCode.Forbidden,
            ErrorCode = "AccessDenied" }, CancellationToken.None).Kind);
        var wrapped = new FaultException(new Fault(FaultKind.Busy, "another enforcer holds the lease"));
        Assert.Equal(FaultKind.Busy, ProviderFaults.Of(new AggregateException(wrapped), CancellationToken.None).Kind);
    }
}
