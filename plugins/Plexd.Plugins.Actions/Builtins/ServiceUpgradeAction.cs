using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Plexd.Plugins.Actions.Integrity;
using Plexd.Sdk.Actions;
using Plexd.Sdk.ControlPlane;

namespace Plexd.Plugins.Actions.Builtins;

/// <summary>
/// <c>service.upgrade</c>: downloads the plexd artifact of <c>version</c> for this OS and architecture from the control
/// plane into a file beside the binary, verifies its SHA-256 against <c>checksum</c>, and only then renames it over the
/// binary (atomic) and moves the integrity baseline to it; then queues a restart through systemd when it runs.
/// A mismatch or a failed download replaces nothing.
/// </summary>
internal sealed class ServiceUpgradeAction(
    IControlPlane controlPlane,
    IntegrityVerifier integrity,
    ActionsOptions options,
    ILogger<ServiceUpgradeAction> logger) : BuiltinAction(
    "service.upgrade",
    "Upgrade the plexd binary to a version from the control plane",
    Parameter("version", "string", true, "Version to install"),
    Parameter("checksum", "string", true, "SHA-256 of the artifact (hex, optionally sha256:-prefixed)"))
{
    public override async Task<ActionOutcome> ExecuteAsync(ActionInvocation invocation, CancellationToken cancellationToken)
    {
        string version = invocation.Text("version");
        if (!version.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '+'))
        {
            throw new ArgumentException($"parameter version: must be letters, digits, '.', '-', '_' or '+', got \"{version}\"");
        }

        string expected = FileHash.Normalise(invocation.Text("checksum"))
            ?? throw new ArgumentException($"parameter checksum: must be a SHA-256 in hex, got \"{invocation.Text("checksum")}\"");
        string target = integrity.BinaryPath;
        string staging = Path.Combine(Path.GetDirectoryName(target)!, $".plexd-upgrade-{invocation.ExecutionId}");
        try
        {
            string actual = await DownloadAsync(version, staging, cancellationToken).ConfigureAwait(false);
            if (actual != expected)
            {
                return Failure($"artifact checksum mismatch for plexd {version}: expected {expected}, got {actual}; nothing was replaced");
            }

            File.SetUnixFileMode(staging, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
                UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
            File.Move(staging, target, overwrite: true);
            integrity.Trust(target, actual);
            logger.BaselineMoved(target, version);
        }
        catch (ControlPlaneException ex)
        {
            return Failure($"download of plexd {version} ({GoPlatform.Os}/{GoPlatform.Arch}) failed: {ex.Message}; nothing was replaced");
        }
        finally
        {
            File.Delete(staging);
        }

        string restart = "manual: systemd is not running, restart plexd to run " + version;
        if (Commands.SystemdRunning)
        {
            var outcome = await Commands.RunAsync("systemctl", ["--no-block", "restart", options.ServiceName], cancellationToken).ConfigureAwait(false);
            restart = outcome.ExitCode == 0 ? "queued" : "failed: " + outcome.Stderr.Trim();
        }

        return Success(JsonText.Object(w =>
        {
            w.WriteString("version", version);
            w.WriteString("checksum", expected);
            w.WriteString("path", target);
            w.WriteString("restart", restart);
        }));
    }

    private async Task<string> DownloadAsync(string version, string staging, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var source = await controlPlane.FetchArtifactAsync(version, GoPlatform.Os, GoPlatform.Arch, cancellationToken).ConfigureAwait(false);
        await using (source.ConfigureAwait(false))
        {
            var file = new FileStream(staging, new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite });
            await using (file.ConfigureAwait(false))
            {
                byte[] buffer = new byte[1 << 16];
                int read;
                while ((read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    hash.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                }

                file.Flush(flushToDisk: true);
            }
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
