using Microsoft.Extensions.Logging;
using Plexd.Sdk.ControlPlane;
using Plexd.Sdk.Wire;
using Plexd.Telemetry;

namespace Plexd.Plugins.AuditForwarding;

/// <summary>
/// Where every audit source delivers: the bounded offline buffer (oldest evicted first and counted) and the shared
/// batch forwarder that posts it to <c>POST /v1/nodes/{id}/audit</c>.
/// </summary>
internal sealed class AuditPipeline
{
    private readonly BoundedBuffer<AuditEntry> _buffer;
    private readonly BatchForwarder<AuditEntry> _forwarder;

    public AuditPipeline(AuditOptions options, IControlPlane controlPlane, TimeProvider time, ILogger<AuditPipeline> logger)
    {
        Hostname = Plexd.Sdk.Platform.HostName.ConfiguredOrCurrent(options.Hostname);
        _buffer = new BoundedBuffer<AuditEntry>(options.BufferSize);
        _forwarder = new BatchForwarder<AuditEntry>(
            "audit",
            _buffer,
            (batch, cancellationToken) => controlPlane.ReportAuditAsync(NodeId, batch, cancellationToken),
            new BatchForwarderOptions { Interval = options.Interval, BatchSize = options.BatchSize, MaxBackoff = options.MaxBackoff },
            time,
            logger);
    }

    /// <summary>The hostname every entry carries.</summary>
    public string Hostname { get; }

    /// <summary>The registered node's id, set at setup.</summary>
    public string NodeId { get; set; } = "";

    /// <summary>The forwarder's counters.</summary>
    public ForwarderStatus Status => _forwarder.Status;

    /// <summary>Buffers an entry for the next POST.</summary>
    public void Add(AuditEntry entry) => _buffer.Add(entry);

    /// <summary>Posts until cancelled, then flushes once more.</summary>
    public Task RunAsync(CancellationToken cancellationToken) => _forwarder.RunAsync(cancellationToken);
}
