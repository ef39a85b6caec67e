namespace Plexd.Core.Systemd;

/// <summary>
/// The service's system accounts: group and user <c>plexd</c> (no login, home = data directory) and group
/// <c>plexd-secrets</c>. Created with the shadow tools (<c>--prefix</c> for a scratch root); existing ones are kept.
/// </summary>
public sealed class SystemAccounts(InstallLayout layout)
{
    /// <summary>Creates what is missing; returns the service's uid and gid.</summary>
    /// <exception cref="InstallException">groupadd or useradd failed.</exception>
    public async Task<(int Uid, int Gid)> EnsureAsync(CancellationToken cancellationToken)
    {
        foreach (string group in new[] { InstallLayout.ServiceUser, InstallLayout.SecretsGroup })
        {
            if (Find("/etc/group", group) is null)
            {
                await HostCommand.RunCheckedAsync($"create group {group}", "groupadd", [.. Prefix(), "--system", group], cancellationToken).ConfigureAwait(false);
            }
        }

        if (Find("/etc/passwd", InstallLayout.ServiceUser) is null)
        {
            await HostCommand.RunCheckedAsync($"create user {InstallLayout.ServiceUser}", "useradd",
                [.. Prefix(), "--system", "--gid", InstallLayout.ServiceUser, "--home-dir", InstallLayout.DataDirectory, "--no-create-home",
                 "--shell", "/usr/sbin/nologin", "--comment", "plexd node agent", InstallLayout.ServiceUser], cancellationToken).ConfigureAwait(false);
        }

        var user = Find("/etc/passwd", InstallLayout.ServiceUser) ?? throw new InstallException($"{InstallException.Prefix}user {InstallLayout.ServiceUser} is missing after useradd");
        return (int.Parse(user[2], System.Globalization.CultureInfo.InvariantCulture), int.Parse(user[3], System.Globalization.CultureInfo.InvariantCulture));
    }

    private string[] Prefix() => layout.IsLiveSystem ? [] : ["--prefix", Path.GetFullPath(layout.Root)];

    private string[]? Find(string database, string name)
    {
        string path = layout.At(database);
        return File.Exists(path)
            ? File.ReadLines(path).Select(line => line.Split(':')).FirstOrDefault(fields => fields.Length >= 4 && fields[0] == name)
            : null;
    }
}
