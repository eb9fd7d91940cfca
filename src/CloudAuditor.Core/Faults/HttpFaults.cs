using System.Globalization;

namespace CloudAuditor.Core.Faults;

/// <summary>
/// An HTTP error answer as a fault, the same way for Azure and AWS: the status and the service's error code decide
/// the kind, and the reason says what to do about it.
/// </summary>
public static class HttpFaults
{
    /// <summary>Error codes that mean the credentials themselves were refused, not the permission.</summary>
    private static readonly HashSet<string> RejectedCredentials = new(StringComparer.OrdinalIgnoreCase)
    {
        "AuthenticationFailed", "InvalidAuthenticationInfo", "InvalidAccessKeyId", "SignatureDoesNotMatch", "InvalidToken",
        "ExpiredToken", "InvalidClientTokenId", "TokenRefreshRequired", "InvalidAuthenticationToken", "ExpiredAuthenticationToken",
    };

    public static FaultKind KindOf(int status, string? errorCode) => status switch
    {
        401 => FaultKind.AuthenticationFailed,
        403 when errorCode is not null && RejectedCredentials.Contains(errorCode) => FaultKind.AuthenticationFailed,
        403 => FaultKind.AccessDenied,
        404 => FaultKind.NotFound,
        405 or 501 => FaultKind.NotSupported,
        408 => FaultKind.TimedOut,
        409 when string.Equals(errorCode, "BlobArchived", StringComparison.OrdinalIgnoreCase) => FaultKind.Limit,
        429 or 503 => FaultKind.Throttled,
        >= 500 => FaultKind.ServiceError,
        _ => FaultKind.Unexpected,
    };

    /// <summary>"GetBucketAcl: 501 NotImplemented" when an operation is named; else a sentence by kind.</summary>
    public static Fault Of(int status, string? errorCode, string? operation = null)
    {
        var answer = $"{status.ToString(CultureInfo.InvariantCulture)} {errorCode}".TrimEnd();
        var kind = KindOf(status, errorCode);
        if (operation is not null) return new Fault(kind, $"{operation}: {answer}");
        return new Fault(kind, kind switch
        {
            FaultKind.AuthenticationFailed => $"the credentials were rejected ({answer}): check the account key, token or identity",
            FaultKind.AccessDenied => $"access denied ({answer}): grant the auditor's identity the read permission",
            FaultKind.NotFound => $"not found ({answer}): deleted since it was listed",
            FaultKind.NotSupported => $"not supported by this service ({answer})",
            FaultKind.Throttled => $"throttled ({answer}) after retries with backoff",
            FaultKind.ServiceError => $"the service failed ({answer}) after retries",
            FaultKind.TimedOut => $"timed out ({answer})",
            FaultKind.Limit => $"not readable in its current state ({answer})",
            _ => $"the service answered {answer}",
        });
    }
}
