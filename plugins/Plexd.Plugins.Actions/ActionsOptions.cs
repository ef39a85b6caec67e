using Plexd.Sdk.Configuration;

namespace Plexd.Plugins.Actions;

/// <summary>The <c>actions</c> section.</summary>
public sealed class ActionsOptions : IValidatableOptions
{
    /// <summary><c>false</c> disables the plugin (the host does not load it): no actions, hooks or integrity checks.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Executions running at once; built-ins, hooks and plugin actions share the pool.</summary>
    public int MaxConcurrent { get; set; } = 5;

    /// <summary>The longest any execution may run; a request's <c>timeout</c> is clamped to it.</summary>
    public TimeSpan MaxActionTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Bytes of a hook's stdout and of its stderr kept in the result; the rest is drained and dropped.</summary>
    public int MaxOutputBytes { get; set; } = 1_048_576;

    /// <summary>File holding the session token that authorises local runs over the node API (besides root); empty for none.</summary>
    public string SessionTokenFile { get; set; } = "";

    /// <summary>
    /// Accepted for the README's schema, not opened: local action requests (<c>plexd actions run</c>) go through the
    /// node API socket (<c>node_api.socket</c>). A value is logged once at start as unused.
    /// </summary>
    public string Socket { get; set; } = "";

    /// <summary>Who may make local (emergency) runs, which bypass the session token.</summary>
    public LocalAuthOptions LocalAuth { get; set; } = new();

    /// <summary>The systemd unit that service.restart, service.reload_config and service.upgrade act on.</summary>
    public string ServiceName { get; set; } = "plexd";

    /// <inheritdoc/>
    public IEnumerable<string> Validate(string sectionName)
    {
        if (MaxConcurrent < 1)
        {
            yield return $"{sectionName}.max_concurrent: must be at least 1, got {MaxConcurrent}";
        }

        if (MaxActionTimeout < TimeSpan.FromSeconds(10))
        {
            yield return $"{sectionName}.max_action_timeout: must be at least 10s, got {Plexd.Sdk.Json.GoDuration.Format(MaxActionTimeout)}";
        }

        if (MaxOutputBytes < 1024)
        {
            yield return $"{sectionName}.max_output_bytes: must be at least 1024, got {MaxOutputBytes}";
        }

        if (Socket.Length > 0 && !Path.IsPathFullyQualified(Socket))
        {
            yield return $"{sectionName}.socket: must be an absolute path, got \"{Socket}\"";
        }

        if (ServiceName.Length == 0 || ServiceName.Any(c => !char.IsAsciiLetterOrDigit(c) && c is not '-' and not '_' and not '.' and not '@'))
        {
            yield return $"{sectionName}.service_name: must be a systemd unit name, got \"{ServiceName}\"";
        }
    }
}
