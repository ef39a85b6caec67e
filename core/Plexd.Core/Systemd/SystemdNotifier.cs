using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Plexd.Core.Systemd;

/// <summary>
/// The sd_notify protocol written by hand: each state change is one datagram (<c>KEY=value</c> lines) to the Unix socket
/// named by <c>$NOTIFY_SOCKET</c>; a leading <c>@</c> names the abstract namespace. Without the variable every call is
/// a no-op, so the agent behaves the same outside systemd.
/// </summary>
public sealed class SystemdNotifier : IDisposable
{
    private readonly Socket? _socket;
    private readonly UnixDomainSocketEndPoint? _target;

    private SystemdNotifier(string? notifySocket, TimeSpan? watchdogInterval)
    {
        WatchdogInterval = watchdogInterval;
        if (string.IsNullOrEmpty(notifySocket))
        {
            return;
        }

        // The abstract namespace is spelled '@' in the variable and '\0' on the wire.
        _target = new UnixDomainSocketEndPoint(notifySocket[0] == '@' ? "\0" + notifySocket[1..] : notifySocket);
        _socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
    }

    /// <summary>True when systemd (or a test) listens on <c>$NOTIFY_SOCKET</c>.</summary>
    public bool IsEnabled => _socket is not null;

    /// <summary>How often to send <c>WATCHDOG=1</c> (half of <c>$WATCHDOG_USEC</c>); null when no watchdog is armed for this process.</summary>
    public TimeSpan? WatchdogInterval { get; }

    /// <summary>Reads <c>NOTIFY_SOCKET</c>, <c>WATCHDOG_USEC</c> and <c>WATCHDOG_PID</c> from <paramref name="environment"/>.</summary>
    public static SystemdNotifier FromEnvironment(Func<string, string?> environment, int processId)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return new SystemdNotifier(environment("NOTIFY_SOCKET"), WatchdogIntervalOf(environment("WATCHDOG_USEC"), environment("WATCHDOG_PID"), processId));
    }

    /// <summary>
    /// Half the watchdog timeout, as sd_watchdog_enabled(3) advises; null when unset, malformed, zero, or meant for
    /// another process (<c>WATCHDOG_PID</c> names a different pid).
    /// </summary>
    public static TimeSpan? WatchdogIntervalOf(string? watchdogUsec, string? watchdogPid, int processId)
    {
        if (!ulong.TryParse(watchdogUsec, NumberStyles.None, CultureInfo.InvariantCulture, out ulong usec) || usec == 0)
        {
            return null;
        }

        if (!string.IsNullOrEmpty(watchdogPid) && (!int.TryParse(watchdogPid, NumberStyles.None, CultureInfo.InvariantCulture, out int pid) || pid != processId))
        {
            return null;
        }

        return TimeSpan.FromMicroseconds(usec / 2);
    }

    /// <summary>Sends one notification, e.g. <c>READY=1\nSTATUS=running</c>.</summary>
    /// <returns>False when notifications are off.</returns>
    /// <exception cref="SocketException">The socket is gone or refuses the datagram.</exception>
    public async ValueTask<bool> NotifyAsync(string state, CancellationToken cancellationToken)
    {
        if (_socket is null)
        {
            return false;
        }

        await _socket.SendToAsync(Encoding.UTF8.GetBytes(state), SocketFlags.None, _target!, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <inheritdoc/>
    public void Dispose() => _socket?.Dispose();
}
