using Microsoft.Extensions.Logging;
using Plexd.Plugins.Actions.Execution;
using Plexd.Plugins.Actions.Hooks;
using Plexd.Plugins.Actions.Integrity;
using Plexd.Sdk.ControlPlane;
using Plexd.Sdk.Status;
using Plexd.Sdk.Wire;

namespace Plexd.Plugins.Actions;

/// <summary>
/// <c>PUT …/capabilities</c>: the binary (version, bare-hex checksum), every action (built-ins and other plugins')
/// and the hooks with the checksums of their files as they are now. Sent at start and whenever the hooks (or a hook's
/// checksum) change.
/// </summary>
internal sealed class CapabilitiesReporter(
    ActionCatalog catalog,
    HookSet hooks,
    IntegrityVerifier integrity,
    IControlPlane controlPlane,
    IAgentStatus agent,
    ILogger<CapabilitiesReporter> logger)
{
    public CapabilitiesPayload Build() => new()
    {
        Binary = integrity.BinaryChecksum.Length > 0 ? new BinaryInfo { Version = agent.Version, Checksum = integrity.BinaryChecksum } : null,
        BuiltinActions = catalog.Describe(),
        Hooks = [.. hooks.Hooks.Select(h => h.ToWire())],
    };

    public async Task ReportAsync(CancellationToken cancellationToken)
    {
        var capabilities = Build();
        try
        {
            await controlPlane.ReportCapabilitiesAsync(agent.NodeId, capabilities, cancellationToken).ConfigureAwait(false);
            logger.CapabilitiesReported(capabilities.BuiltinActions!.Count, capabilities.Hooks!.Count);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.CapabilitiesFailed(ex);
        }
    }
}
