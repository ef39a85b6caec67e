namespace Plexd.Sdk.ControlPlane;

/// <summary>
/// A failed control-plane call: a non-2xx answer (<see cref="StatusCode"/> set, message <c>api: HTTP &lt;status&gt;: &lt;body&gt;</c>
/// with at most 4096 bytes of body) or a network failure or timeout (<see cref="StatusCode"/> null).
/// </summary>
public sealed class ControlPlaneException : Exception
{
    /// <summary>Creates an exception for an HTTP error answer.</summary>
    public ControlPlaneException(int statusCode, string body, TimeSpan? retryAfter)
        : base($"api: HTTP {statusCode}: {body}")
    {
        StatusCode = statusCode;
        RetryAfter = retryAfter;
    }

    /// <summary>Creates an exception for a failure that produced no HTTP answer.</summary>
    public ControlPlaneException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The HTTP status, or null for network errors, timeouts and undecodable answers.</summary>
    public int? StatusCode { get; }

    /// <summary>The server's requested delay: only for 429 with a positive integer <c>Retry-After</c>.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>How callers should treat this failure (spec 01 §1.4).</summary>
    public ControlPlaneErrorKind Kind => StatusCode switch
    {
        null => ControlPlaneErrorKind.Transient,
        401 => ControlPlaneErrorKind.Unauthorized,
        403 or 404 => ControlPlaneErrorKind.Permanent,
        429 => ControlPlaneErrorKind.RateLimited,
        400 or 409 => ControlPlaneErrorKind.Rejected,
        _ => ControlPlaneErrorKind.Transient,
    };
}

/// <summary>The classes of control-plane failure that callers act on differently.</summary>
public enum ControlPlaneErrorKind
{
    /// <summary>Network error, timeout, 5xx, 413 or another status: try again later.</summary>
    Transient,

    /// <summary>401: the credentials are not (or no longer) accepted.</summary>
    Unauthorized,

    /// <summary>403 or 404: retrying will not help.</summary>
    Permanent,

    /// <summary>429: wait <see cref="ControlPlaneException.RetryAfter"/> if given.</summary>
    RateLimited,

    /// <summary>400 or 409: the request itself was refused (registration fails at once; SSE treats it as transient).</summary>
    Rejected,
}
