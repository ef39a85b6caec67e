using System.Diagnostics;

namespace Plexd.Plugins.WireGuard.Device;

/// <summary>Runs iproute2's <c>ip</c> for addresses, MTU, link state and routes.</summary>
internal static class IpCommand
{
    /// <summary>Runs <c>ip args</c>; throws with ip's own message when it fails (unless <paramref name="tolerateFailure"/>).</summary>
    public static async Task RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken, bool tolerateFailure = false)
    {
        var start = new ProcessStartInfo("ip") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start ip (install iproute2)");
        string error = await process.StandardError.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (process.ExitCode != 0 && !tolerateFailure)
        {
            throw new IOException($"ip {string.Join(' ', args)}: {error.Trim()}");
        }
    }
}
