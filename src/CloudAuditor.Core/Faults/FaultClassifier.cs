using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Xml;

namespace CloudAuditor.Core.Faults;

/// <summary>
/// The one place failures become faults. Providers first turn their SDK's exceptions into faults
/// (<see cref="IFaultClassifier"/>); what is left is classified here from .NET's own exceptions. A timeout is always
/// a fault of one request: only the caller's own cancellation token means "cancelled".
/// </summary>
public static class FaultClassifier
{
    public static Fault Classify(Exception exception, CancellationToken cancellationToken, IFaultClassifier? sdk = null)
    {
        if (exception is OperationCanceledException && cancellationToken.IsCancellationRequested)
            throw new OperationCanceledException("The sweep was cancelled.", exception, cancellationToken);
        if (exception is FaultException classified) return classified.Fault;
        if (sdk?.Classify(exception, cancellationToken) is { } fault) return fault;
        return exception switch
        {
            AggregateException aggregate when aggregate.InnerExceptions.Count > 0 => Classify(aggregate.InnerExceptions[^1], cancellationToken, sdk),
            OperationCanceledException or TimeoutException => new Fault(FaultKind.TimedOut, "no answer within the request timeout"),
            HttpRequestException { StatusCode: HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable } http =>
                new Fault(FaultKind.Throttled, $"throttled ({(int)http.StatusCode!} after retries)"),
            HttpRequestException { StatusCode: { } status } when (int)status >= 500 => new Fault(FaultKind.ServiceError, $"the service answered {(int)status}"),
            HttpRequestException http => new Fault(FaultKind.Unreachable, $"no connection ({Connection(http)})"),
            SocketException socket => new Fault(FaultKind.Unreachable, $"no connection ({Describe(socket.SocketErrorCode)})"),
            IOException => new Fault(FaultKind.Unreachable, "the connection broke off"),
            XmlException => new Fault(FaultKind.Malformed, "the answer was not valid XML"),
            JsonException => new Fault(FaultKind.Malformed, "the answer was not valid JSON"),
            _ => new Fault(FaultKind.Unexpected, $"an unexpected error in the auditor ({exception.GetType().Name}); rerun with --verbose and report it"),
        };
    }

    private static string Connection(HttpRequestException http) =>
        http.InnerException is SocketException socket ? Describe(socket.SocketErrorCode)
        : http.HttpRequestError switch
        {
            HttpRequestError.NameResolutionError => "the host name does not resolve",
            HttpRequestError.ConnectionError => "the connection was refused or reset",
            HttpRequestError.SecureConnectionError => "the TLS handshake failed",
            _ => "the request could not be sent",
        };

    private static string Describe(SocketError error) => error switch
    {
        SocketError.ConnectionRefused => "connection refused",
        SocketError.HostNotFound or SocketError.NoData => "the host name does not resolve",
        SocketError.TimedOut => "the connection timed out",
        SocketError.ConnectionReset => "the connection was reset",
        _ => "the network failed",
    };
}
