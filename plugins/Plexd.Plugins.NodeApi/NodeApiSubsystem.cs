using Plexd.Plugins.NodeApi.Http;
using Plexd.Plugins.NodeApi.State;
using Plexd.Sdk.Subsystems;

namespace Plexd.Plugins.NodeApi;

/// <summary>The node API: loads the state cache, serves the socket, and syncs reports upstream while running.</summary>
[Subsystem("nodeapi")]
internal sealed class NodeApiSubsystem(StateCache cache, NodeApiServer server, ReportSyncer syncer) : ISubsystem
{
    public async Task SetupAsync(SubsystemContext context, CancellationToken cancellationToken)
    {
        string stateDirectory = Path.Combine(context.DataDirectory, "state");
        cache.Open(stateDirectory);
        syncer.Resume(stateDirectory, cache);
        await server.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await syncer.RunAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // stopping
        }
    }

    public Task TeardownAsync(CancellationToken cancellationToken) => server.DisposeAsync().AsTask();
}
