namespace Plexd.Core.ControlPlane;

/// <summary>Transport settings of the control-plane client (from the <c>api</c> section).</summary>
/// <param name="BaseUrl">Base URL; trailing slashes are removed.</param>
/// <param name="ConnectTimeout">TCP connect timeout.</param>
/// <param name="RequestTimeout">Whole-request timeout of ordinary calls (never applied to the event stream).</param>
/// <param name="TlsInsecureSkipVerify">Accept any server certificate (development only).</param>
public sealed record ControlPlaneClientOptions(
    string BaseUrl,
    TimeSpan ConnectTimeout,
    TimeSpan RequestTimeout,
    bool TlsInsecureSkipVerify = false)
{
    /// <summary>Bodies longer than this are sent gzip-compressed.</summary>
    public const int GzipThresholdBytes = 1024;

    /// <summary>Decompressed responses are read up to this size.</summary>
    public const int MaxDecompressedResponseBytes = 10 * 1024 * 1024;

    /// <summary>At most this much of an error body goes into the error message.</summary>
    public const int MaxErrorBodyBytes = 4096;
}
