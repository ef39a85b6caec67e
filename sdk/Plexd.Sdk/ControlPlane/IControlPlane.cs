using Plexd.Sdk.Wire;

namespace Plexd.Sdk.ControlPlane;

/// <summary>
/// Typed access to every control-plane endpoint (spec 01 §1.5), authenticated with the node's current credentials.
/// Failures throw <see cref="ControlPlaneException"/>. Telemetry posts sit behind a circuit breaker, so they fail fast
/// while the control plane is unreachable.
/// </summary>
public interface IControlPlane
{
#pragma warning disable CS1591 // each method is one endpoint, named after it
    Task<RegisterResponse> RegisterAsync(RegisterRequest request, CancellationToken cancellationToken);
    Task<HeartbeatResponse> SendHeartbeatAsync(string nodeId, HeartbeatRequest request, CancellationToken cancellationToken);
    Task DeregisterAsync(string nodeId, CancellationToken cancellationToken);
    Task<KeyRotateResponse> RotateKeysAsync(KeyRotateRequest request, CancellationToken cancellationToken);
    Task ReportCapabilitiesAsync(string nodeId, CapabilitiesPayload capabilities, CancellationToken cancellationToken);
    Task<EndpointResponse> ReportEndpointAsync(string nodeId, EndpointReport report, CancellationToken cancellationToken);
    Task<StateResponse> FetchStateAsync(string nodeId, CancellationToken cancellationToken);
    Task ReportDriftAsync(string nodeId, DriftReport report, CancellationToken cancellationToken);
    Task<SecretResponse> FetchSecretAsync(string nodeId, string key, CancellationToken cancellationToken);
    Task SyncReportsAsync(string nodeId, ReportSyncRequest request, CancellationToken cancellationToken);
    Task AckExecutionAsync(string nodeId, string executionId, ExecutionAck ack, CancellationToken cancellationToken);
    Task ReportExecutionResultAsync(string nodeId, string executionId, ExecutionResult result, CancellationToken cancellationToken);
    Task ReportMetricsAsync(string nodeId, IReadOnlyList<MetricPoint> points, CancellationToken cancellationToken);
    Task ReportLogsAsync(string nodeId, IReadOnlyList<LogEntry> entries, CancellationToken cancellationToken);
    Task ReportAuditAsync(string nodeId, IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken);

    /// <summary>GET /v1/artifacts/plexd/{version}/{os}/{arch}: the raw bytes, never decompressed. Dispose the stream.</summary>
    Task<Stream> FetchArtifactAsync(string version, string os, string arch, CancellationToken cancellationToken);

    Task ReportTunnelReadyAsync(string nodeId, string sessionId, TunnelReadyRequest request, CancellationToken cancellationToken);
    Task ReportTunnelClosedAsync(string nodeId, string sessionId, TunnelClosedRequest request, CancellationToken cancellationToken);
    Task ReportIntegrityViolationAsync(string nodeId, IntegrityViolationReport report, CancellationToken cancellationToken);
    Task PingAsync(CancellationToken cancellationToken);
#pragma warning restore CS1591
}
