using System.Net;
using Plexd.Sdk.Configuration;

namespace Plexd.Plugins.NodeApi;

/// <summary>The <c>node_api</c> section.</summary>
public sealed class NodeApiOptions : IValidatableOptions
{
    /// <summary>Plugin switch.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The Unix socket the API listens on.</summary>
    public string Socket { get; set; } = "/var/run/plexd/api.sock";

    /// <summary>The group that owns the socket (mode 0660); when it does not exist the socket is 0666.</summary>
    public string SocketGroup { get; set; } = "plexd";

    /// <summary>Members of this group (and root) may read secrets over the Unix socket.</summary>
    public string SecretsGroup { get; set; } = "plexd-secrets";

    /// <summary>The optional TCP listener.</summary>
    public NodeApiHttpOptions Http { get; set; } = new();

    /// <summary>How long report changes are collected before they are sent upstream.</summary>
    public TimeSpan DebouncePeriod { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long open requests may take to finish on shutdown.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <inheritdoc/>
    public IEnumerable<string> Validate(string sectionName)
    {
        if (!Path.IsPathFullyQualified(Socket))
        {
            yield return $"{sectionName}.socket: must be an absolute path, got \"{Socket}\"";
        }

        if (DebouncePeriod <= TimeSpan.Zero)
        {
            yield return $"{sectionName}.debounce_period: must be positive, got {DebouncePeriod}";
        }

        if (ShutdownTimeout <= TimeSpan.Zero)
        {
            yield return $"{sectionName}.shutdown_timeout: must be positive, got {ShutdownTimeout}";
        }

        if (Http.Enabled)
        {
            if (Http.Endpoint() is null)
            {
                yield return $"{sectionName}.http.listen: must be ip:port, localhost:port or :port, got \"{Http.Listen}\"";
            }

            if (Http.TokenFile.Length == 0)
            {
                yield return $"{sectionName}.http.token_file: is required when {sectionName}.http.enabled is true, got \"\"";
            }
        }
    }
}

/// <summary>The <c>node_api.http</c> subsection: a TCP listener guarded by a bearer token.</summary>
public sealed class NodeApiHttpOptions
{
    /// <summary>Enables the TCP listener.</summary>
    public bool Enabled { get; set; }

    /// <summary>Address and port of the TCP listener: <c>ip:port</c>, <c>localhost:port</c> (loopback) or <c>:port</c> (every address, as Go's listener reads it).</summary>
    public string Listen { get; set; } = "127.0.0.1:9100";

    /// <summary>The endpoint <see cref="Listen"/> names, or null when it names none.</summary>
    public IPEndPoint? Endpoint()
    {
        if (IPEndPoint.TryParse(Listen, out var literal))
        {
            return literal.Port > 0 ? literal : null;
        }

        int colon = Listen.LastIndexOf(':');
        if (colon < 0 || !ushort.TryParse(Listen.AsSpan(colon + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out ushort port) || port == 0)
        {
            return null;
        }

        return Listen[..colon] switch
        {
            "" => new IPEndPoint(IPAddress.IPv6Any, port),
            "localhost" => new IPEndPoint(IPAddress.Loopback, port),
            _ => null,
        };
    }

    /// <summary>File holding the bearer token (surrounding whitespace ignored); read at start.</summary>
    public string TokenFile { get; set; } = "";
}
