using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Plexd.Core.Systemd;

/// <summary>What <c>plexd install</c> was asked for.</summary>
/// <param name="ApiUrl">Control plane URL for a fresh config.yaml; null leaves the commented placeholder.</param>
/// <param name="Token">Bootstrap token value (beats <paramref name="TokenFile"/>).</param>
/// <param name="TokenFile">A file holding the bootstrap token.</param>
/// <param name="SourceDirectory">The running agent's application directory, copied unless it already is the installed one.</param>
public sealed record InstallRequest(string? ApiUrl, string? Token, string? TokenFile, string SourceDirectory);

/// <summary>
/// <c>plexd install</c> / <c>plexd uninstall</c> (spec 05 §9, with the 00-decisions fixes): accounts, directories with
/// their owners and modes, program files, config, bootstrap token, unit, daemon-reload. Idempotent; never enables or
/// starts the service; the first failure stops it (earlier steps stay done, a rerun finishes the job).
/// </summary>
/// <param name="layout">Where to install.</param>
/// <param name="logger">Progress and ignored failures.</param>
/// <param name="systemctl">
/// The systemctl to call. Null: on the live system (root <c>/</c>) the one on PATH, whose absence fails install with
/// <c>packaging: systemd is not available</c>; below another root none at all (the host's systemd is not the target's).
/// </param>
public sealed class Installer(InstallLayout layout, ILogger<Installer> logger, Systemctl? systemctl = null)
{
    private readonly Systemctl? _systemctl = systemctl ?? (layout.IsLiveSystem ? new Systemctl() : null);

    private const UnixFileMode Mode0755 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    private const UnixFileMode Mode0700 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    // Group plexd may add and delete only its own files here (sticky): the agent deletes the bootstrap token it owns
    // after use, but cannot replace root's config.yaml.
    private const UnixFileMode Mode1770 = Mode0700 | UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute | UnixFileMode.StickyBit;

    private const UnixFileMode Mode0640 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead;

    private const UnixFileMode Mode0644 = Mode0640 | UnixFileMode.OtherRead;

    /// <summary>Installs (or completes an earlier install).</summary>
    /// <exception cref="InstallException">A step failed; the message says which and why.</exception>
    public async Task InstallAsync(InstallRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        RequireRoot("install");
        if (_systemctl is { IsAvailable: false })
        {
            throw new InstallException($"{InstallException.Prefix}systemd is not available");
        }

        string? token = InstallFiles.Token(request.Token, request.TokenFile);
        var (uid, gid) = await new SystemAccounts(layout).EnsureAsync(cancellationToken).ConfigureAwait(false);
        await EnsureDirectoryAsync(InstallLayout.ConfigDirectory, Mode1770, 0, gid, cancellationToken).ConfigureAwait(false);
        await EnsureDirectoryAsync(InstallLayout.DataDirectory, Mode0700, uid, gid, cancellationToken).ConfigureAwait(false);
        await EnsureDirectoryAsync(InstallLayout.RunDirectory, Mode0755, uid, gid, cancellationToken).ConfigureAwait(false);
        Step("copy program files", () => CopyProgram(request.SourceDirectory));

        string config = layout.At(InstallLayout.ConfigDirectory + "/config.yaml");
        if (File.Exists(config))
        {
            logger.ConfigPreserved(config);
        }
        else
        {
            await WriteOwnedAsync("write config", config, InstallFiles.DefaultConfig(request.ApiUrl), Mode0640, 0, gid, cancellationToken).ConfigureAwait(false);
        }

        if (token is not null)
        {
            await WriteOwnedAsync("write bootstrap token", layout.At(InstallLayout.ConfigDirectory + "/bootstrap-token"), token, Identity.AtomicFile.OwnerOnly, uid, gid, cancellationToken).ConfigureAwait(false);
            logger.TokenStored(InstallLayout.ConfigDirectory + "/bootstrap-token");
        }

        if (File.Exists(layout.At(InstallLayout.PackageUnitFile)))
        {
            logger.PackageUnitKept(InstallLayout.PackageUnitFile);
        }
        else
        {
            Step("create unit file directory", () => Directory.CreateDirectory(Path.GetDirectoryName(layout.At(InstallLayout.UnitFile))!, Mode0755));
            await WriteOwnedAsync("write unit file", layout.At(InstallLayout.UnitFile), InstallFiles.Unit(InstallLayout.Binary), Mode0644, 0, 0, cancellationToken).ConfigureAwait(false);
        }

        await ReloadSystemdAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops and removes the service; <paramref name="purge"/> also deletes the data and config directories (never the run directory).</summary>
    /// <exception cref="InstallException">A step failed.</exception>
    public async Task UninstallAsync(bool purge, CancellationToken cancellationToken)
    {
        RequireRoot("uninstall");
        bool packaged = File.Exists(layout.At(InstallLayout.PackageUnitFile));
        if (!packaged && !File.Exists(layout.At(InstallLayout.UnitFile)))
        {
            logger.NotInstalled(InstallLayout.UnitFile);
            return;
        }

        if (_systemctl is not null)
        {
            foreach (var (verb, run) in new (string, Func<string, CancellationToken, Task>)[] { ("stop", _systemctl.StopAsync), ("disable", _systemctl.DisableAsync) })
            {
                try
                {
                    await run(Systemctl.Service, cancellationToken).ConfigureAwait(false);
                }
                catch (InstallException ex)
                {
                    logger.SystemctlIgnored(verb, ex.Message);
                }
            }
        }

        Remove(InstallLayout.UnitFile, "remove unit file");
        await ReloadSystemdAsync(cancellationToken).ConfigureAwait(false);
        if (packaged)
        {
            logger.PackageOwnsProgram();
        }
        else
        {
            Remove(InstallLayout.Binary, "remove binary");
            RemoveDirectory(InstallLayout.AppDirectory);
        }

        if (purge)
        {
            RemoveDirectory(InstallLayout.DataDirectory);
            RemoveDirectory(InstallLayout.ConfigDirectory);
        }
    }

    private static void RequireRoot(string verb)
    {
        if (!Environment.IsPrivilegedProcess)
        {
            throw new InstallException($"{InstallException.Prefix}{verb} requires root privileges");
        }
    }

    private async Task ReloadSystemdAsync(CancellationToken cancellationToken)
    {
        if (_systemctl is null)
        {
            logger.ReloadSkipped(layout.Root);
            return;
        }

        try
        {
            await _systemctl.DaemonReloadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (InstallException ex)
        {
            throw new InstallException($"{InstallException.Prefix}daemon-reload: {ex.Message}");
        }
    }

    private async Task EnsureDirectoryAsync(string path, UnixFileMode mode, int uid, int gid, CancellationToken cancellationToken)
    {
        string full = layout.At(path);
        if (Directory.Exists(full))
        {
            return; // an operator's choice of owner and mode stands
        }

        Step($"create directory {path}", () => Directory.CreateDirectory(full));
        await ChownAsync(full, uid, gid, cancellationToken).ConfigureAwait(false);
        Step($"create directory {path}", () => File.SetUnixFileMode(full, mode)); // after chown, which clears the sticky bit on some systems
    }

    private async Task WriteOwnedAsync(string what, string path, string content, UnixFileMode mode, int uid, int gid, CancellationToken cancellationToken)
    {
        Step(what, () => Identity.AtomicFile.Write(Path.GetDirectoryName(path)!, Path.GetFileName(path), System.Text.Encoding.UTF8.GetBytes(content), mode));
        await ChownAsync(path, uid, gid, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs a file-system step; an I/O failure becomes <c>packaging: &lt;what&gt;: &lt;reason&gt;</c>.</summary>
    private static void Step(string what, Action action)
    {
        try
        {
            action();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InstallException($"{InstallException.Prefix}{what}: {ex.Message}");
        }
    }

    private static Task ChownAsync(string path, int uid, int gid, CancellationToken cancellationToken) =>
        HostCommand.RunCheckedAsync($"chown {path}", "chown", [string.Create(CultureInfo.InvariantCulture, $"{uid}:{gid}"), path], cancellationToken);

    /// <summary>Copies the application directory to /usr/lib/plexd and links /usr/bin/plexd to it, unless running from there.</summary>
    private void CopyProgram(string source)
    {
        string from = Path.TrimEndingDirectorySeparator(Path.GetFullPath(source));
        string to = layout.At(InstallLayout.AppDirectory);
        if (from == to)
        {
            logger.ProgramInPlace(to);
        }
        else
        {
            RemoveDirectory(InstallLayout.AppDirectory); // no stale plugin of an older version may survive
            CopyTree(from, to);
        }

        string link = layout.At(InstallLayout.Binary);
        Directory.CreateDirectory(Path.GetDirectoryName(link)!, Mode0755);
        if (File.Exists(link) || new FileInfo(link).LinkTarget is not null)
        {
            File.Delete(link);
        }

        File.CreateSymbolicLink(link, "../lib/plexd/plexd"); // relative: right in a scratch root as on the live system
    }

    private static void CopyTree(string from, string to)
    {
        Directory.CreateDirectory(to, Mode0755);
        foreach (string file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file))); // keeps the mode (the executable stays executable)
        }

        foreach (string directory in Directory.EnumerateDirectories(from))
        {
            CopyTree(directory, Path.Combine(to, Path.GetFileName(directory)));
        }
    }

    private void Remove(string path, string what)
    {
        try
        {
            File.Delete(layout.At(path)); // a missing file is fine
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InstallException($"{InstallException.Prefix}{what}: {ex.Message}");
        }
    }

    private void RemoveDirectory(string path)
    {
        try
        {
            if (Directory.Exists(layout.At(path)))
            {
                Directory.Delete(layout.At(path), recursive: true);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InstallException($"{InstallException.Prefix}remove directory {path}: {ex.Message}");
        }
    }
}
