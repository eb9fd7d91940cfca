namespace CloudAuditor.Core.Faults;

/// <summary>Why a request (or a whole resource) could not be read, in the categories a user acts on.</summary>
public enum FaultKind
{
    /// <summary>No connection: DNS, refused, reset. Transient.</summary>
    Unreachable,

    /// <summary>No answer within the request timeout, after retries. Transient.</summary>
    TimedOut,

    /// <summary>429 or 503 after retries with backoff. Transient.</summary>
    Throttled,

    /// <summary>A 5xx answer other than throttling, after retries. Transient.</summary>
    ServiceError,

    /// <summary>Another run holds what this one needs (the enforce lease of a target). Transient.</summary>
    Busy,

    /// <summary>The credentials were rejected or could not be obtained: fix the key, token or identity.</summary>
    AuthenticationFailed,

    /// <summary>The identity is known but lacks the permission: grant it.</summary>
    AccessDenied,

    /// <summary>The resource is gone (deleted since it was listed).</summary>
    NotFound,

    /// <summary>The service does not implement the operation (S3-compatible servers, emulators).</summary>
    NotSupported,

    /// <summary>The answer could not be parsed (malformed XML or JSON).</summary>
    Malformed,

    /// <summary>A configured limit or an unreadable state by design (size caps, archived blobs): reported, not an error of the sweep.</summary>
    Limit,

    /// <summary>Anything else: a bug in the auditor or an answer it does not know.</summary>
    Unexpected,
}
