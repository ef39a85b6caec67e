using Plexd.Sdk.Configuration;
using Plexd.Sdk.Plugins;

namespace Plexd.Core.Configuration;

/// <summary>The core's part of config.yaml: top-level keys and the api, token, registration, reconcile, heartbeat and plugins sections.</summary>
public sealed class CoreOptions : IValidatableOptions
{
    /// <summary><c>node</c> or <c>bridge</c>.</summary>
    public AgentMode Mode { get; set; } = AgentMode.Node;

    /// <summary><c>debug</c>, <c>info</c>, <c>warn</c> or <c>error</c>.</summary>
    public LogLevelSetting LogLevel { get; set; } = LogLevelSetting.Info;

    /// <summary>Identity and state directory (created 0700).</summary>
    public string DataDir { get; set; } = "/var/lib/plexd";

    /// <summary>The whole shutdown (every teardown) must end within this.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How to reach the control plane.</summary>
    public ApiOptions Api { get; set; } = new();

    /// <summary>Where the bootstrap token comes from.</summary>
    public TokenOptions Token { get; set; } = new();

    /// <summary>What the node tells the control plane when it registers.</summary>
    public RegistrationOptions Registration { get; set; } = new();

    /// <summary>Reconciliation.</summary>
    public IntervalOptions Reconcile { get; set; } = new() { Interval = TimeSpan.FromSeconds(60) };

    /// <summary>Heartbeats.</summary>
    public IntervalOptions Heartbeat { get; set; } = new() { Interval = TimeSpan.FromSeconds(30) };

    /// <summary>Where plugins are found and which are switched off.</summary>
    public PluginOptions Plugins { get; set; } = new();

    /// <inheritdoc/>
    public IEnumerable<string> Validate(string sectionName)
    {
        if (string.IsNullOrWhiteSpace(DataDir))
        {
            yield return "data_dir: must not be empty";
        }

        if (ShutdownTimeout <= TimeSpan.Zero)
        {
            yield return $"shutdown_timeout: must be positive, got {ShutdownTimeout}";
        }

        if (Reconcile.Interval < TimeSpan.FromSeconds(1))
        {
            yield return $"reconcile.interval: must be at least 1s, got {Sdk.Json.GoDuration.Format(Reconcile.Interval)}";
        }

        if (Heartbeat.Interval < TimeSpan.FromSeconds(1))
        {
            yield return $"heartbeat.interval: must be at least 1s, got {Sdk.Json.GoDuration.Format(Heartbeat.Interval)}";
        }

        foreach (string error in Api.Validate("api"))
        {
            yield return error;
        }
    }
}

/// <summary>Log verbosity.</summary>
public enum LogLevelSetting
{
    /// <summary>Everything, including per-event detail.</summary>
    Debug,

    /// <summary>Normal operation.</summary>
    Info,

    /// <summary>Problems only.</summary>
    Warn,

    /// <summary>Failures only.</summary>
    Error,
}

/// <summary>The <c>api</c> section; <c>api: https://…</c> alone sets the URL.</summary>
[ConfigShorthand(nameof(Url))]
public sealed class ApiOptions
{
    /// <summary>Control plane base URL; trailing slashes are ignored.</summary>
    public string Url { get; set; } = "";

    /// <summary>Skip TLS certificate verification (development only; logged as a warning).</summary>
    public bool TlsInsecureSkipVerify { get; set; }

    /// <summary>TCP connect timeout.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Whole-request timeout for ordinary calls (not the event stream).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The event stream is reopened when nothing, not even a keepalive, arrives for this long.</summary>
    public TimeSpan SseIdleTimeout { get; set; } = TimeSpan.FromSeconds(90);

    internal IEnumerable<string> Validate(string path)
    {
        if (Url.Length > 0 && (!Uri.TryCreate(Url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)))
        {
            yield return $"{path}.url: must be an http:// or https:// URL, got \"{Url}\"";
        }

        foreach (var (name, value) in new[] { ("connect_timeout", ConnectTimeout), ("request_timeout", RequestTimeout), ("sse_idle_timeout", SseIdleTimeout) })
        {
            if (value <= TimeSpan.Zero)
            {
                yield return $"{path}.{name}: must be positive, got {Sdk.Json.GoDuration.Format(value)}";
            }
        }
    }
}

/// <summary>The <c>token</c> section: bootstrap token sources, tried in the order value, file, env, metadata.</summary>
public sealed class TokenOptions
{
    /// <summary>The token itself (prefer a file).</summary>
    public string Value { get; set; } = "";

    /// <summary>A file holding the token; deleted after a successful registration.</summary>
    public string File { get; set; } = "/etc/plexd/bootstrap-token";

    /// <summary>The environment variable holding the token.</summary>
    public string Env { get; set; } = "PLEXD_BOOTSTRAP_TOKEN";

    /// <summary>Ask the cloud instance metadata service.</summary>
    public bool Metadata { get; set; }

    /// <summary>Base URL of the instance metadata service.</summary>
    public string MetadataUrl { get; set; } = "http://169.254.169.254";

    /// <summary>Path of the token below <see cref="MetadataUrl"/>.</summary>
    public string MetadataTokenPath { get; set; } = "/plexd/bootstrap-token";

    /// <summary>Timeout of each metadata request.</summary>
    public TimeSpan MetadataTimeout { get; set; } = TimeSpan.FromSeconds(2);
}

/// <summary>The <c>registration</c> section.</summary>
public sealed class RegistrationOptions
{
    /// <summary>Hostname to register; empty = the OS hostname.</summary>
    public string Hostname { get; set; } = "";

    /// <summary>Labels sent with the registration.</summary>
    public Dictionary<string, string> Metadata { get; set; } = [];

    /// <summary>Give up registering after this long of retryable failures.</summary>
    public TimeSpan MaxRetryDuration { get; set; } = TimeSpan.FromMinutes(5);
}

/// <summary>A section that only has an interval.</summary>
public sealed class IntervalOptions
{
    /// <summary>Time between runs.</summary>
    public TimeSpan Interval { get; set; }
}

/// <summary>The <c>plugins</c> section.</summary>
public sealed class PluginOptions
{
    /// <summary>Folder holding one sub-folder per plugin; empty = <c>plugins/</c> beside the executable.</summary>
    public string Directory { get; set; } = "";

    /// <summary>The plugin list; empty = <c>plugins.yaml</c> beside the executable.</summary>
    public string Manifest { get; set; } = "";

    /// <summary>Plugins not to load, by name.</summary>
    public List<string> Disabled { get; set; } = [];
}
