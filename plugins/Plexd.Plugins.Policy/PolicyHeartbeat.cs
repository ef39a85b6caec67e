using Plexd.Sdk.Heartbeat;

namespace Plexd.Plugins.Policy;

/// <summary>Marks the node degraded while the desired rules could not be enforced.</summary>
internal sealed class PolicyHeartbeat(PolicyEnforcer enforcer) : IHeartbeatContributor
{
    public void Contribute(HeartbeatBuilder heartbeat)
    {
        if (enforcer.LastError is { } error)
        {
            heartbeat.ReportDegraded($"policy: rules not enforced: {error}");
        }
    }
}
