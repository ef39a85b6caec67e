using Microsoft.Extensions.Logging;
using Plexd.Core.Configuration;
using Plexd.Core.ControlPlane;
using Plexd.Core.Identity;

namespace Plexd.Core.Hosting;

/// <summary>The pieces every command that talks to the control plane needs: credentials, client, identity, registrar.</summary>
public sealed class CoreComponents : IDisposable
{
    /// <summary>Builds the components from the core options.</summary>
    /// <exception cref="ConfigException"><c>api.url</c> is empty.</exception>
    public CoreComponents(CoreOptions options, ILoggerFactory loggers, TimeProvider time, Func<string, string?>? getEnvironment = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Api.Url.Length == 0)
        {
            throw new ConfigException("api.url: the control plane URL is required (set `api_url:` or `api:` in the config file, PLEXD_API or --api)");
        }

        Options = options;
        Client = new ControlPlaneClient(
            new ControlPlaneClientOptions(options.Api.Url, options.Api.ConnectTimeout, options.Api.RequestTimeout, options.Api.TlsInsecureSkipVerify),
            Credentials, time, loggers.CreateLogger<ControlPlaneClient>());
        Identities = new IdentityStore(options.DataDir);
        Registrar = new Registrar(
            Client, Credentials, Identities,
            new BootstrapTokenResolver(options.Token, getEnvironment ?? Environment.GetEnvironmentVariable),
            options.Registration, time, loggers.CreateLogger<Registrar>());
    }

    /// <summary>The core options these were built from.</summary>
    public CoreOptions Options { get; }

    /// <summary>The bearer-token publisher.</summary>
    public NodeCredentials Credentials { get; } = new();

    /// <summary>The control-plane client.</summary>
    public ControlPlaneClient Client { get; }

    /// <summary>The identity files.</summary>
    public IdentityStore Identities { get; }

    /// <summary>Loads or registers the node.</summary>
    public Registrar Registrar { get; }

    /// <inheritdoc/>
    public void Dispose() => Client.Dispose();
}
