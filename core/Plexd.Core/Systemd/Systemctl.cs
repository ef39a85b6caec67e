using System.ComponentModel;

namespace Plexd.Core.Systemd;

/// <summary>
/// The systemctl adapter of spec 05 §9: systemd is available when <c>systemctl</c> is on PATH; every verb runs
/// <c>systemctl &lt;verb&gt; [unit]</c> with combined output, a failure reading
/// <c>packaging: systemctl &lt;verb&gt;: &lt;trimmed output&gt;: exit status N</c>.
/// </summary>
/// <param name="searchPath">Where to look for systemctl (PATH syntax); null = the PATH variable.</param>
public sealed class Systemctl(string? searchPath = null)
{
    /// <summary>The service plexd installs.</summary>
    public const string Service = "plexd";

    /// <summary>True when systemctl is on the search path.</summary>
    public bool IsAvailable => HostCommand.Find("systemctl", searchPath) is not null;

    /// <summary><c>systemctl daemon-reload</c>.</summary>
    /// <exception cref="InstallException">systemctl failed or is missing.</exception>
    public Task DaemonReloadAsync(CancellationToken cancellationToken) => RunAsync(["daemon-reload"], cancellationToken);

    /// <summary><c>systemctl stop &lt;unit&gt;</c>.</summary>
    /// <exception cref="InstallException">systemctl failed or is missing.</exception>
    public Task StopAsync(string unit, CancellationToken cancellationToken) => RunAsync(["stop", unit], cancellationToken);

    /// <summary><c>systemctl disable &lt;unit&gt;</c>.</summary>
    /// <exception cref="InstallException">systemctl failed or is missing.</exception>
    public Task DisableAsync(string unit, CancellationToken cancellationToken) => RunAsync(["disable", unit], cancellationToken);

    /// <summary><c>systemctl is-active --quiet &lt;unit&gt;</c> exited 0.</summary>
    public Task<bool> IsActiveAsync(string unit, CancellationToken cancellationToken) => SucceedsAsync(["is-active", "--quiet", unit], cancellationToken);

    /// <summary><c>systemctl is-enabled --quiet &lt;unit&gt;</c> exited 0.</summary>
    public Task<bool> IsEnabledAsync(string unit, CancellationToken cancellationToken) => SucceedsAsync(["is-enabled", "--quiet", unit], cancellationToken);

    private async Task RunAsync(string[] arguments, CancellationToken cancellationToken)
    {
        string what = $"{InstallException.Prefix}systemctl {arguments[0]}";
        string file = HostCommand.Find("systemctl", searchPath) ?? throw new InstallException($"{what}: systemctl is not on PATH");
        int exitCode;
        string output;
        try
        {
            (exitCode, output) = await HostCommand.RunAsync(file, arguments, cancellationToken).ConfigureAwait(false);
        }
        catch (Win32Exception ex)
        {
            throw new InstallException($"{what}: {ex.Message}");
        }

        if (exitCode != 0)
        {
            throw new InstallException($"{what}: {output}: exit status {exitCode}");
        }
    }

    private async Task<bool> SucceedsAsync(string[] arguments, CancellationToken cancellationToken)
    {
        string? file = HostCommand.Find("systemctl", searchPath);
        if (file is null)
        {
            return false;
        }

        try
        {
            return (await HostCommand.RunAsync(file, arguments, cancellationToken).ConfigureAwait(false)).ExitCode == 0;
        }
        catch (Win32Exception)
        {
            return false;
        }
    }
}
